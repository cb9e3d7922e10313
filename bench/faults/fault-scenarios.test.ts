/**
 * reconnect-storm's timeouts as data: each once turned a busy machine's queueing into a failure
 * (issue #14: hundreds of clients "unrecovered", healthy streams cut by a missed ping, a connecting
 * phase stopped by the watchdog).
 */
import { describe, expect, it } from 'vitest';
import type { ClientRunConfig } from '../../clients/client-protocol.js';
import { phaseDeadlineMs } from '../client-process.js';
import { FAULT_SCENARIOS } from './fault-scenarios.js';

/** TCP's initial retransmission timeout (RFC 6298): when a SYN dropped from a full accept queue is sent again. */
const TCP_INITIAL_RTO_MS = 1000;

const storm = FAULT_SCENARIOS.find((scenario) => scenario.name === 'reconnect-storm')!;

describe('reconnect-storm', () => {
  it('waits out a queued handshake and a SYN retransmission instead of retrying', () => {
    for (const variant of storm.variants) {
      expect(variant.client?.reconnect?.connectTimeoutMs).toBeGreaterThan(2 * TCP_INITIAL_RTO_MS);
    }
  });

  it('pings less often than the storm lags, and waits longer than a ping for one', () => {
    for (const variant of storm.variants) {
      const heartbeatMs = variant.server!.heartbeatMs!;
      expect(heartbeatMs).toBeGreaterThanOrEqual(2 * TCP_INITIAL_RTO_MS);
      expect(variant.client!.reconnect!.idleTimeoutMs).toBeGreaterThan(heartbeatMs);
    }
  });

  it('gives up opening its connections before the runner stops the connecting phase', () => {
    for (const variant of storm.variants) {
      const client = { ...variant.client, connections: storm.connections } as ClientRunConfig;
      expect(client.reconnect!.openDeadlineMs).toBeLessThan(phaseDeadlineMs('connecting', client));
    }
  });
});
