/**
 * Reads one SSE response as a browser's fetch() would (it asks for gzip, deflate and br, as browsers
 * do) and records when each event arrived and how the response ended: the evidence for "a dev proxy
 * delivers everything in one piece at the end" (OBS-2) and "a default SseEmitter cuts the stream"
 * (OBS-1). Events are split by the spec's blank line; `{"code":-200}` or `event: end` is the end marker.
 */
import http from 'node:http';
import zlib from 'node:zlib';

export interface ObservedStream {
  status: number;
  contentEncoding: string;
  /** Events (code 200 or envelope data), in arrival order, ms from the request's start. */
  eventArrivalsMs: number[];
  /** Body chunks as the client read them (after decompression), ms from the request's start. */
  chunkArrivalsMs: number[];
  endMarkerSeen: boolean;
  /** How the response ended: `complete` (clean end of body), `reset`/`error: …`, or `deadline`. */
  ending: string;
  /** ms from the request's start to the response's end (or the deadline). */
  endedAtMs: number;
}

export interface ObserveOptions {
  method?: 'GET' | 'POST';
  body?: string;
  deadlineMs: number;
  acceptEncoding?: string;
}

const BLANK_LINE = /\r\n\r\n|\n\n|\r\r/;

function countEvents(text: string): { complete: string[]; rest: string } {
  const blocks = text.split(BLANK_LINE);
  const rest = blocks.pop() ?? '';
  return { complete: blocks.filter((block) => /^data:/m.test(block)), rest };
}

function isEndMarker(block: string): boolean {
  return /^event: ?end$/m.test(block) || /"code"\s*:\s*-200/.test(block);
}

export function observeStream(url: string, options: ObserveOptions): Promise<ObservedStream> {
  const started = performance.now();
  const since = () => Math.round((performance.now() - started) * 10) / 10;
  const observed: ObservedStream = {
    status: 0,
    contentEncoding: '',
    eventArrivalsMs: [],
    chunkArrivalsMs: [],
    endMarkerSeen: false,
    ending: 'deadline',
    endedAtMs: 0,
  };
  return new Promise((resolve) => {
    let settled = false;
    const finish = (ending: string) => {
      if (settled) return;
      settled = true;
      observed.ending = ending;
      observed.endedAtMs = since();
      clearTimeout(timer);
      request.destroy();
      resolve(observed);
    };
    const timer = setTimeout(() => finish('deadline'), options.deadlineMs);
    const request = http.request(url, {
      method: options.method ?? 'POST',
      headers: {
        accept: 'text/event-stream',
        'content-type': 'application/json',
        'accept-encoding': options.acceptEncoding ?? 'gzip, deflate, br',
      },
    });
    request.on('response', (res) => {
      observed.status = res.statusCode ?? 0;
      observed.contentEncoding = String(res.headers['content-encoding'] ?? '');
      const encoding = observed.contentEncoding;
      const body =
        encoding === 'gzip'
          ? res.pipe(zlib.createGunzip())
          : encoding === 'br'
            ? res.pipe(zlib.createBrotliDecompress())
            : encoding === 'deflate'
              ? res.pipe(zlib.createInflate())
              : res;
      let pending = '';
      body.setEncoding('utf8');
      body.on('data', (chunk: string) => {
        const at = since();
        observed.chunkArrivalsMs.push(at);
        const { complete, rest } = countEvents(pending + chunk);
        pending = rest;
        for (const block of complete) {
          if (isEndMarker(block)) observed.endMarkerSeen = true;
          else observed.eventArrivalsMs.push(at);
        }
      });
      body.on('end', () => finish('complete'));
      body.on('error', (err: NodeJS.ErrnoException) =>
        finish(err.code === 'ECONNRESET' ? 'reset' : `error: ${err.message}`),
      );
      res.on('error', (err: NodeJS.ErrnoException) =>
        finish(err.code === 'ECONNRESET' ? 'reset' : `error: ${err.message}`),
      );
      res.on('aborted', () => finish('aborted'));
    });
    request.on('error', (err: NodeJS.ErrnoException) =>
      finish(err.code === 'ECONNRESET' ? 'reset' : `error: ${err.message}`),
    );
    request.end(options.body ?? (options.method === 'GET' ? undefined : '{"name":"Hello World!"}'));
  });
}

/** Time to the first event, and the spread from first to last event: ~0 when it came in one piece. */
export function arrivalFigures(observed: ObservedStream): {
  ttfeMs: number;
  spreadMs: number;
  events: number;
  chunks: number;
} {
  const first = observed.eventArrivalsMs[0];
  const last = observed.eventArrivalsMs.at(-1);
  return {
    ttfeMs: first ?? -1,
    spreadMs: first !== undefined && last !== undefined ? last - first : -1,
    events: observed.eventArrivalsMs.length,
    chunks: observed.chunkArrivalsMs.length,
  };
}
