import { describe, expect, it } from 'vitest';
import { parseTcpSegments, TCP_SEGMENT_FIELDS, tsharkSegmentArgs } from './tcp-segments.js';

// Lines shaped as tshark 4.0 prints them: tab-separated, empty cells for absent fields, "1" for flags.
const IPV4_DATA = ['3', '127.0.0.1', '', '41000', '127.0.0.1', '', '8080', '1000', '', '', ''].join('\t');
const IPV6_ACK = ['4', '', '::1', '8080', '', '::1', '41001', '0', '', '', ''].join('\t');
const RETRANSMITTED = ['3', '127.0.0.1', '', '41000', '127.0.0.1', '', '8080', '1000', '1', '', ''].join('\t');
const FAST_RETRANSMITTED = ['3', '127.0.0.1', '', '41000', '127.0.0.1', '', '8080', '20', '', '1', ''].join('\t');

describe('parseTcpSegments', () => {
  it('reads IPv4 and IPv6 packets, ignoring blank lines', () => {
    expect(parseTcpSegments(`${IPV4_DATA}\n\n${IPV6_ACK}\n`)).toEqual([
      {
        stream: 3,
        srcAddress: '127.0.0.1',
        srcPort: 41000,
        dstAddress: '127.0.0.1',
        dstPort: 8080,
        payloadBytes: 1000,
        isRetransmission: false,
      },
      {
        stream: 4,
        srcAddress: '::1',
        srcPort: 8080,
        dstAddress: '::1',
        dstPort: 41001,
        payloadBytes: 0,
        isRetransmission: false,
      },
    ]);
  });

  it('marks any of the three retransmission flags', () => {
    expect(
      parseTcpSegments(`${RETRANSMITTED}\n${FAST_RETRANSMITTED}`).map((segment) => segment.isRetransmission),
    ).toEqual([true, true]);
  });

  it('rejects a line with the wrong number of fields or a non-numeric count', () => {
    expect(() => parseTcpSegments('3\t127.0.0.1')).toThrow(/2 fields, expected 11/);
    const cells = IPV4_DATA.split('\t');
    cells[7] = 'x'; // tcp.len
    expect(() => parseTcpSegments(cells.join('\t'))).toThrow(/tcp\.len is not a count/);
  });
});

describe('tsharkSegmentArgs', () => {
  it('asks for every field the parser reads, in its order', () => {
    const args = tsharkSegmentArgs('/tmp/x.pcapng');
    const fields = args.flatMap((arg, index) => (args[index - 1] === '-e' ? [arg] : []));
    expect(fields).toEqual([...TCP_SEGMENT_FIELDS]);
    expect(args.slice(0, 2)).toEqual(['-r', '/tmp/x.pcapng']);
  });
});
