/**
 * The article's clients on real libraries: the Python requests reader (iter_lines(), line[5:]) fails
 * on exactly the spec-valid cases it cannot parse while a spec reader gets all; the async-http-client
 * handler's body parts split events under 1-byte slicing and run them together on a batching server,
 * while a spec parser fed the same parts loses nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_CONFIG } from '../../servers/server-config.js';
import { startFaultProxy } from '../faults/fault-proxy.js';
import { startServerProcess } from '../server-process.js';
import { EDGE_CASES, expectedEdgeCaseData, startEdgeCaseServer } from './edge-case-streams.js';
import { startJavaServer, type JavaServerProcess } from './java-server-process.js';
import { judgeCase } from './run-python-cell.js';
import { runAhcClient, runPythonClient } from './seed-clients.js';

describe("the article's Python reader beside a spec reader", () => {
  let cases: Awaited<ReturnType<typeof startEdgeCaseServer>>;
  beforeAll(async () => {
    cases = await startEdgeCaseServer();
  });
  afterAll(() => cases.close());

  it('loses every event of the multi-line, comment and id/event cases (raising), and none of the others; the spec reader loses none', async () => {
    const expected = expectedEdgeCaseData();
    const outcomes: Record<string, { article: number; spec: number; raised: boolean }> = {};
    for (const name of EDGE_CASES) {
      const [article, spec] = await Promise.all([
        runPythonClient('article', `${cases.baseUrl}${name}`, { list: true }),
        runPythonClient('spec', `${cases.baseUrl}${name}`, { list: true }),
      ]);
      outcomes[name] = {
        article: judgeCase(article, expected).delivered,
        spec: judgeCase(spec, expected).delivered,
        raised: article.error !== null,
      };
    }
    expect(outcomes).toEqual({
      space: { article: 10, spec: 10, raised: false },
      'no-space': { article: 10, spec: 10, raised: false },
      'multi-line': { article: 0, spec: 10, raised: true },
      cr: { article: 10, spec: 10, raised: false },
      crlf: { article: 10, spec: 10, raised: false },
      comments: { article: 0, spec: 10, raised: true },
      'id-and-event': { article: 0, spec: 10, raised: true },
    });
  }, 60_000);
});

describe("the article's async-http-client handler", () => {
  let java: JavaServerProcess;
  beforeAll(async () => {
    java = await startJavaServer({});
  }, 150_000);
  afterAll(() => java?.stop());

  it('gets no event whole under 1-byte slicing (every part a fragment), while the spec parser on the same parts loses nothing', async () => {
    const proxy = await startFaultProxy({ upstreamHost: '127.0.0.1', upstreamPort: java.port });
    try {
      proxy.setFault({ kind: 'slice', direction: 'down', sliceBytes: 1, sliceDelayMs: 1 });
      const result = await runAhcClient(`http://127.0.0.1:${proxy.port}/stream?rate=100&count=10`, { method: 'GET' });
      expect(result.asyncHttpClient).toBe('2.12.3');
      expect(result.bodyParts).toBeGreaterThan(500);
      expect(result.partsFragment).toBe(result.bodyParts);
      expect(result.articleMessagesOk).toBe(0);
      expect(result.eventsSplit).toBeGreaterThanOrEqual(10);
      expect(result.specChecksumOk).toBe(10);
      expect(result.endSeen).toBe(true);
    } finally {
      await proxy.close();
    }
  }, 60_000);

  it('runs events together in one part on a server that writes a batch at once; the spec parser still gets all', async () => {
    const node = await startServerProcess({ ...DEFAULT_SERVER_CONFIG, transport: 'sse', port: 0 });
    try {
      const result = await runAhcClient(`${node.url}?rate=10000&count=1000`, { method: 'GET' });
      expect(result.partsManyEvents).toBeGreaterThan(0);
      expect(result.articleMessagesOk).toBeLessThan(1000);
      expect(result.specChecksumOk).toBe(1000);
      expect(result.specLost).toBe(0);
    } finally {
      await node.stop();
    }
  }, 60_000);
});
