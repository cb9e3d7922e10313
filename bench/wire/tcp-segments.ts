/**
 * TCP segments as tshark dissects them from a capture file: one line per packet, tab-separated
 * fields. Parsing is kept apart from running tshark so it can be tested on fixed text.
 */

/** One captured TCP segment: who sent it, how many payload bytes it carried, and tshark's verdict. */
export interface TcpSegment {
  /** tshark's conversation index (`tcp.stream`): one per TCP connection in the file. */
  stream: number;
  srcAddress: string;
  srcPort: number;
  dstAddress: string;
  dstPort: number;
  /** TCP payload bytes (`tcp.len`): what the sender's socket wrote, headers excluded. */
  payloadBytes: number;
  /** tshark flagged it as a (fast or spurious) retransmission: these bytes were already counted once. */
  isRetransmission: boolean;
}

/**
 * The `-e` fields, in the order {@link parseTcpSegments} reads them. IPv4 and IPv6 addresses are
 * separate fields; each packet fills one pair and leaves the other empty.
 */
export const TCP_SEGMENT_FIELDS = [
  'tcp.stream',
  'ip.src',
  'ipv6.src',
  'tcp.srcport',
  'ip.dst',
  'ipv6.dst',
  'tcp.dstport',
  'tcp.len',
  'tcp.analysis.retransmission',
  'tcp.analysis.fast_retransmission',
  'tcp.analysis.spurious_retransmission',
] as const;

/** tshark arguments that print {@link TCP_SEGMENT_FIELDS} for every TCP packet of `filePath`. */
export function tsharkSegmentArgs(filePath: string): string[] {
  const fieldArgs = TCP_SEGMENT_FIELDS.flatMap((field) => ['-e', field]);
  // -n: no name resolution (slow, and it could turn 127.0.0.1 into "localhost");
  // occurrence=f: tunnelled packets carry several IP headers, the outer one is the one we sent.
  return ['-r', filePath, '-n', '-Y', 'tcp', '-T', 'fields', '-E', 'separator=/t', '-E', 'occurrence=f', ...fieldArgs];
}

/** Parses tshark's field output; throws on a line that does not have the expected shape. */
export function parseTcpSegments(text: string): TcpSegment[] {
  const segments: TcpSegment[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    segments.push(parseSegmentLine(line));
  }
  return segments;
}

function parseSegmentLine(line: string): TcpSegment {
  const cells = line.split('\t');
  if (cells.length !== TCP_SEGMENT_FIELDS.length)
    throw new Error(
      `tshark line has ${cells.length} fields, expected ${TCP_SEGMENT_FIELDS.length}: ${JSON.stringify(line)}`,
    );
  const [stream, ip4Src, ip6Src, srcPort, ip4Dst, ip6Dst, dstPort, payloadBytes, retransmission, fast, spurious] =
    cells;
  return {
    stream: parseCount(stream, 'tcp.stream', line),
    srcAddress: ip4Src || ip6Src || '',
    srcPort: parseCount(srcPort, 'tcp.srcport', line),
    dstAddress: ip4Dst || ip6Dst || '',
    dstPort: parseCount(dstPort, 'tcp.dstport', line),
    payloadBytes: parseCount(payloadBytes, 'tcp.len', line),
    // A flag field (FT_NONE) prints as "1" when present and as nothing when absent.
    isRetransmission: Boolean(retransmission || fast || spurious),
  };
}

function parseCount(cell: string | undefined, field: string, line: string): number {
  const value = Number(cell);
  if (cell === undefined || cell === '' || !Number.isSafeInteger(value) || value < 0)
    throw new Error(`tshark field ${field} is not a count in ${JSON.stringify(line)}`);
  return value;
}
