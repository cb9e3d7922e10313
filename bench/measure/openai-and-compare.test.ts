/**
 * Two checks on tiny servers written here with known timing:
 * - `--preset openai-chat` against an OpenAI-compatible stream (a role chunk at once, the first
 *   token after TTFT_MS, then one token every ITL_MS, a finish chunk, `[DONE]`): TTFT and ITL match
 *   the delays within a stated tolerance, tokens are the content chunks.
 * - `npm run compare` on two measure runs of one server passes (0), and with the server's event
 *   gap doubled it reports a regression (3): measure runs gate like built-in cells.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenOn } from '../../servers/http-util.js';
import { runCompareCli } from '../compare/cli.js';
import { firstRunMetric, runMeasure } from '../../test/support/third-party-fixtures.js';

const TTFT_MS = 120;
const ITL_MS = 40;
const TOKENS = 8;
/** Timers on a busy 2-core machine fire late, never early: the upper bounds allow for that. */
const LATE_MS = 50;

let dir: string;
let server: http.Server;
let base: string;
let lastBody: Record<string, unknown> | undefined;

function chunk(delta: Record<string, unknown>, finish: string | null = null): string {
  return `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
}

function streamChat(res: http.ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.write(chunk({ role: 'assistant', content: '' }));
  let sent = 0;
  const next = (): void => {
    if (sent === TOKENS) return void res.end(`${chunk({}, 'stop')}data: [DONE]\n\n`);
    res.write(chunk({ content: ` t${sent++}` }));
    setTimeout(next, ITL_MS);
  };
  setTimeout(next, TTFT_MS);
}

/** `/events?gap=MS`: ten events GAP ms apart (the first after one gap), then the server closes. */
function streamEvents(res: http.ServerResponse, gapMs: number): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  let sent = 0;
  const timer = setInterval(() => {
    res.write(`id: ${++sent}\ndata: event ${sent}\n\n`);
    if (sent === 10) {
      clearInterval(timer);
      res.end();
    }
  }, gapMs);
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'measure-llm-'));
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/events') return streamEvents(res, Number(url.searchParams.get('gap')));
    let body = '';
    req.on('data', (part: Buffer) => (body += part.toString()));
    req.on('end', () => {
      lastBody = JSON.parse(body) as Record<string, unknown>;
      streamChat(res);
    });
  });
  base = `http://127.0.0.1:${await listenOn(server, '127.0.0.1', 0)}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('--preset openai-chat', () => {
  it('posts stream: true and measures TTFT and ITL (one sample per content chunk) within tolerance', async () => {
    const run = await runMeasure(dir, [
      `${base}/v1/chat/completions`,
      '--preset',
      'openai-chat',
      '--body',
      '{"model":"m","messages":[]}',
      '--connections',
      '2',
    ]);
    expect(run.code).toBe(0);
    expect(lastBody).toMatchObject({ model: 'm', stream: true });
    expect(firstRunMetric(run, 'tokens_received')).toBe(2 * TOKENS);
    // Role chunk + tokens + finish chunk; [DONE] ends the stream and is not an event.
    expect(firstRunMetric(run, 'events_received')).toBe(2 * (TOKENS + 2));
    expect(firstRunMetric(run, 'end_marker_count')).toBe(2);
    const ttftMs = firstRunMetric(run, 'ttft_p50_us')! / 1000;
    expect(ttftMs).toBeGreaterThanOrEqual(TTFT_MS);
    expect(ttftMs).toBeLessThan(TTFT_MS + LATE_MS);
    const itlMs = firstRunMetric(run, 'itl_p50_us')! / 1000;
    expect(itlMs).toBeGreaterThanOrEqual(ITL_MS * 0.9);
    expect(itlMs).toBeLessThan(ITL_MS + LATE_MS / 2);
    expect(firstRunMetric(run, 'tokens_per_sec')).toBeGreaterThan(1000 / (ITL_MS + LATE_MS / 2));
    expect(firstRunMetric(run, 'tokens_per_sec')).toBeLessThanOrEqual(1000 / ITL_MS / 0.9);
    expect(run.stdout).toMatch(/as vLLM's benchmark defines it/);
  });
});

describe('compare on two measure runs', () => {
  const measureFive = (gapMs: number) =>
    runMeasure(dir, [`${base}/events?gap=${gapMs}`, '--name', 'events', '--repeats', '5', '--quiet']);
  const compare = async (baseFile: string, headFile: string): Promise<{ code: number; text: string }> => {
    let text = '';
    const code = await runCompareCli([baseFile, headFile], {
      writeStdout: (t) => (text += t),
      writeStderr: (t) => (text += t),
      env: {},
    });
    return { code, text };
  };

  it('passes for the same server and exits 3 when its events come twice as far apart', async () => {
    const [first, second, slowed] = [await measureFive(10), await measureFive(10), await measureFive(20)];
    const file = (run: typeof first): string =>
      path.join(dir, `${run === first ? 'a' : run === second ? 'b' : 'c'}.json`);
    const { writeFileSync } = await import('node:fs');
    for (const run of [first, second, slowed]) writeFileSync(file(run), JSON.stringify(run.doc));
    const same = await compare(file(first), file(second));
    expect(same.code, same.text).toBe(0);
    const slower = await compare(file(first), file(slowed));
    expect(slower.code, slower.text).toBe(3);
    expect(slower.text).toMatch(/gap_p50_us/);
  });
});
