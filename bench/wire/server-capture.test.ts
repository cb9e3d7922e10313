/**
 * The real SSE and WS servers under a packet capture: every connection's socket counts equal the
 * captured TCP payload exactly, both directions, and every known answer from the specifications
 * holds. Needs dumpcap and tshark (bench/setup/install-system-packages.sh), like capture.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { verifySampleExchange } from './sample-exchange.js';
import { listServerSampleExchanges } from './sample-exchanges.js';

describe('the real servers against a packet capture', () => {
  for (const sample of listServerSampleExchanges()) {
    it(`${sample.name}: zero difference, every known answer holds`, async () => {
      const verdict = await verifySampleExchange(sample);
      expect(verdict.report.checks.length).toBeGreaterThan(0);
      for (const check of verdict.report.checks)
        expect(check).toMatchObject({ capturedStreams: 1, diffBytesUp: 0, diffBytesDown: 0 });
      expect(verdict.report.unclaimedConnections).toEqual([]);
      expect(verdict.report.droppedPackets).toBe(0);
      expect(verdict.knownAnswers.filter((answer) => answer.expectedBytes !== answer.measuredBytes)).toEqual([]);
      expect(verdict.ok).toBe(true);
    });
  }
});
