/** The LLM runner through the shared lifecycle: whole answers in the window, and a start gate it honours. */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../servers/http-util.js';
import { startTestServer } from '../test/support/server-helpers.js';
import { plainTransportOf, SSE_FAMILY, WS_FAMILY } from '../transports/families.js';
import type { ClientPhase, ClientRunConfig, LlmClientConfig } from './client-protocol.js';
import { runLlmClients } from './run-llm-clients.js';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const TOKENS = 5;

async function llmConfig(family: typeof SSE_FAMILY | typeof WS_FAMILY, method: LlmClientConfig['method']) {
  const transport = plainTransportOf(family);
  server = await startTestServer(transport, { llmTokens: TOKENS, llmTokenDelayMs: 10 });
  const url = new URL(server.url);
  url.pathname = '/llm';
  return {
    transport,
    url: url.href,
    connections: 3,
    connectConcurrency: 3,
    warmupMs: 100,
    durationMs: 500,
    mode: 'full',
    perMessageDeflate: false,
    untilEnd: false,
    llm: { method, tokens: TOKENS, tokenDelayMs: 10, prompt: 'hello' },
  } satisfies ClientRunConfig;
}

describe.each([
  [SSE_FAMILY, 'sse-post'],
  [SSE_FAMILY, 'sse-get'],
  [WS_FAMILY, WS_FAMILY],
] as const)('LLM users over %s (%s)', (family, method) => {
  it('answer prompts whole through connecting, warm-up, the window and closing', async () => {
    const config = await llmConfig(family, method);
    const phases: ClientPhase[] = [];
    const result = await runLlmClients(config, (phase) => phases.push(phase), new AbortController().signal);
    expect(phases).toEqual(['connecting', 'warmup', 'measuring', 'closing']);
    expect(result.metrics).toMatchObject({ connections: 3, lost_count: 0, duplicated_count: 0, corrupted_count: 0 });
    expect(result.errorCounts).toEqual({});
    expect(result.metrics.ttft_p50_us).toBeGreaterThan(0);
    expect(result.metrics.itl_p50_us).toBeGreaterThan(0);
    // Users stop between answers, and the window waits for the ones in flight: every answer read is whole.
    expect(result.metrics.messages_checked! % TOKENS).toBe(0);
    expect(result.metrics.messages_received).toBeGreaterThan(0);
  });
});

describe('an LLM run with a start gate', () => {
  it('holds its warm-up until the gate opens', async () => {
    const config = { ...(await llmConfig(WS_FAMILY, WS_FAMILY)), startGate: true };
    const phases: string[] = [];
    const startGate = async () => {
      phases.push('gate');
      await new Promise((resolve) => setTimeout(resolve, 200));
      phases.push('go');
    };
    await runLlmClients(config, (phase) => phases.push(phase), new AbortController().signal, startGate);
    expect(phases).toEqual(['connecting', 'gate', 'go', 'warmup', 'measuring', 'closing']);
  });
});
