import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../servers/http-util.js';
import { startTestServer } from '../test/support/server-helpers.js';
import { runChatClients } from './run-chat-clients.js';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const MEMBERS = 5;

describe.each(['sse', 'ws'] as const)('chat over %s', (transport) => {
  it('delivers every member’s posts to every member, once, with upstream bytes measured', async () => {
    server = await startTestServer(transport);
    const url = new URL(server.url);
    url.pathname = '/chat';
    const result = await runChatClients(
      {
        transport,
        url: url.href,
        connections: MEMBERS,
        connectConcurrency: MEMBERS,
        warmupMs: 200,
        durationMs: 800,
        mode: 'full',
        perMessageDeflate: false,
        untilEnd: false,
        chat: { ratePerSecPerMember: 20, payloadBytes: 64 },
      },
      () => undefined,
      new AbortController().signal,
    );
    expect(result.metrics).toMatchObject({
      lost_count: 0,
      duplicated_count: 0,
      reordered_count: 0,
      corrupted_count: 0,
    });
    // Every post reaches all five members: about 5 × 5 × 20 deliveries a second.
    expect(result.metrics.throughput_msgs_per_sec).toBeGreaterThan(MEMBERS * MEMBERS * 20 * 0.7);
    expect(result.metrics.throughput_msgs_per_sec).toBeLessThan(MEMBERS * MEMBERS * 20 * 1.3);
    // A WS post is one masked frame around the envelope; an SSE post is a whole HTTP request and response.
    if (transport === 'ws') expect(result.metrics.wire_bytes_up_per_msg).toBeLessThan(120);
    else expect(result.metrics.wire_bytes_up_per_msg).toBeGreaterThan(200);
  });
});
