/**
 * The page's own parsing (probes.js) in Chromium: the event-stream line splitter at every chunk
 * boundary, CRLF split across chunks included (what fetch-event-source must get right), and the
 * envelope's CRC-32 against Node's. Chromium is required, as for the browser cells.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserSession, type BrowserSession } from '../../../bench/polyglot/browser-session.js';
import { startPageServer, type PageServer } from '../../../bench/polyglot/page-server.js';
import { checksumOf, encodeText } from '../../../servers/envelope.js';

/** probes.js's exports, as the tests call them inside the page. */
interface ProbeParts {
  crc32(bytes: Uint8Array): number;
  decodeEnvelope(text: string): { seq: number; scheduledNs: number; checksumOk: boolean } | undefined;
  createEventStreamParser(onEvent: (type: string, data: string) => void): (chunk: string) => void;
}

// Every line ending the format allows (LF, CR, CRLF), a comment, an id, a two-line event.
const STREAM = ': heartbeat\r\nid: 1\r\ndata: a\r\ndata: b\r\n\r\nevent: end\rdata: 2\r\rdata:c\n\n';
const EVENTS = [
  ['message', 'a\nb'],
  ['end', '2'],
  ['message', 'c'],
];

let session: BrowserSession;
let pageServer: PageServer;
beforeAll(async () => {
  session = await openBrowserSession();
  pageServer = await startPageServer();
  await session.page.goto(`${pageServer.origin}/`);
});
afterAll(async () => {
  await session?.close();
  await pageServer?.close();
});

describe('probes.js in Chromium', () => {
  it('parses the same events whichever byte the stream is cut at', async () => {
    const perCut = await session.page.evaluate((stream) => {
      const parts = (globalThis as unknown as { probeParts: ProbeParts }).probeParts;
      const results: string[][][] = [];
      for (let cut = 0; cut <= stream.length; cut++) {
        const events: string[][] = [];
        const feed = parts.createEventStreamParser((type, data) => events.push([type, data]));
        feed(stream.slice(0, cut));
        feed(stream.slice(cut));
        results.push(events);
      }
      return results;
    }, STREAM);
    expect(perCut).toHaveLength(STREAM.length + 1);
    perCut.forEach((events, cut) => expect(events, `cut at ${cut}`).toEqual(EVENTS));
  });

  it("computes Node's CRC-32 and checks envelopes with it", async () => {
    const payload = 'hello wörld ✓';
    const good = encodeText({
      streamId: 1,
      seq: 7,
      scheduledNs: 123n,
      kind: 'text',
      payload,
      checksum: checksumOf(payload),
    });
    const bad = good.replace('hello', 'jello');
    const result = await session.page.evaluate(
      ([text, goodLine, badLine]) => {
        const parts = (globalThis as unknown as { probeParts: ProbeParts }).probeParts;
        return {
          crc: parts.crc32(new TextEncoder().encode(text)),
          good: parts.decodeEnvelope(goodLine),
          bad: parts.decodeEnvelope(badLine),
          junk: parts.decodeEnvelope('not an envelope'),
        };
      },
      [payload, good, bad] as const,
    );
    expect(result).toEqual({
      crc: checksumOf(payload),
      good: { seq: 7, scheduledNs: 123, checksumOk: true },
      bad: { seq: 7, scheduledNs: 123, checksumOk: false },
    });
  });
});
