/**
 * Event streams that are valid by the spec but that the article's Python reader (`iter_lines()`,
 * `json.loads(line[5:])`) may get wrong: each case sends EDGE_CASE_EVENTS events whose data is
 * `{"code":200,"data":"e<k>"}` and then `{"code":-200}`, one event per write, from a loopback server.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const EDGE_CASE_EVENTS = 10;

export type EdgeCaseName = 'space' | 'no-space' | 'multi-line' | 'cr' | 'crlf' | 'comments' | 'id-and-event';

/** What each case puts on the wire, as a function of one event's JSON. */
const CASES: Record<EdgeCaseName, { describe: string; encode: (json: string, k: number) => string }> = {
  space: {
    describe: '`data: {json}` (a space after the colon, as most servers write it)',
    encode: (json) => `data: ${json}\n\n`,
  },
  'no-space': {
    describe: "`data:{json}` (no space: Spring's SseEmitter format)",
    encode: (json) => `data:${json}\n\n`,
  },
  'multi-line': {
    describe: 'the JSON split over two data lines (the spec joins them with a newline)',
    encode: (json) => `data: ${json.replace(',', ',\ndata: ')}\n\n`,
  },
  cr: { describe: 'CR line ends (allowed by the spec)', encode: (json) => `data: ${json}\r\r` },
  crlf: { describe: 'CRLF line ends', encode: (json) => `data: ${json}\r\n\r\n` },
  comments: {
    describe: 'a `: keep-alive` comment before each event (how heartbeats are sent)',
    encode: (json) => `: keep-alive\n\ndata: ${json}\n\n`,
  },
  'id-and-event': {
    describe: '`id:` and `event:` lines before `data:` (as SseEmitter.event().id().name() writes)',
    encode: (json, k) => `id: ${k}\nevent: message\ndata: ${json}\n\n`,
  },
};

export const EDGE_CASES = Object.keys(CASES) as EdgeCaseName[];

export function describeEdgeCase(name: EdgeCaseName): string {
  return CASES[name].describe;
}

/** The data values a correct reader returns for every case, in order. */
export function expectedEdgeCaseData(): string[] {
  return Array.from({ length: EDGE_CASE_EVENTS }, (_, i) => `e${i + 1}`);
}

/** Serves GET and POST /cases/<name> on loopback; resolves with its base URL and a close(). */
export async function startEdgeCaseServer(host = '127.0.0.1'): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const name = (req.url ?? '').split('?')[0]!.replace('/cases/', '') as EdgeCaseName;
    const spec = CASES[name];
    req.resume();
    if (spec === undefined) {
      res.writeHead(404).end(`no case ${name}`);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    let k = 0;
    const next = () => {
      k++;
      if (k > EDGE_CASE_EVENTS) {
        res.end(spec.encode('{"code":-200}', k));
        return;
      }
      res.write(spec.encode(JSON.stringify({ code: 200, data: `e${k}` }), k));
      setTimeout(next, 2);
    };
    next();
  });
  server.listen(0, host);
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://${host}:${port}/cases/`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
