/**
 * The article's Python reader (requests, iter_lines(), json.loads(line[5:])) or the spec reader
 * beside it, against the Spring server's article endpoint and envelope stream and against spec-valid
 * edge cases (multi-line data, no space after `data:`, CR and CRLF line ends, comments, id/event
 * fields). Exact counts per case: delivered intact, lost, mangled, and whether the reader raised.
 */
import type { MeasuredRun } from '../families.js';
import type { CellPlan } from '../plan.js';
import { EDGE_CASES, expectedEdgeCaseData, startEdgeCaseServer } from './edge-case-streams.js';
import { withStartedServer } from '../with-cell-server.js';
import { startJavaServer } from './java-server-process.js';
import type { SeedCell } from './seed-scenarios.js';
import { runPythonClient, type PythonResult } from './seed-clients.js';

const SPRING_EVENTS = 50;

export interface CaseOutcome {
  delivered: number;
  lost: number;
  mangled: number;
  raised: boolean;
}

/** Compares the data values a reader returned with what was sent. */
export function judgeCase(result: PythonResult, expected: readonly string[]): CaseOutcome {
  const got = (result.data ?? []).map(String);
  const intact = got.filter((value, i) => value === expected[i]).length;
  return {
    delivered: intact,
    lost: Math.max(0, expected.length - got.length),
    mangled: got.length - intact,
    raised: result.error !== null,
  };
}

export async function runPythonCell(_cell: CellPlan, seed: SeedCell, abort: AbortSignal): Promise<MeasuredRun> {
  const reader = seed.python!.reader;
  const cases = await startEdgeCaseServer();
  try {
    return await withStartedServer(
      () => startJavaServer({}),
      async (java) => {
        const metrics: Record<string, number> = {};
        const warnings: string[] = [];
        const origin = new URL(java.url).origin;
        const chat = await runPythonClient(reader, `${origin}/article/chat?count=${SPRING_EVENTS}&delayMs=5`, {
          abort,
        });
        metrics.spring_chat_events_sent = SPRING_EVENTS;
        metrics.spring_chat_delivered = chat.envelopes_ok;
        metrics.spring_chat_lost = SPRING_EVENTS - chat.envelopes_ok;
        metrics.spring_chat_end_marker = chat.end_seen ? 1 : 0;
        if (chat.latency_p50_us >= 0) metrics.latency_p50_us = chat.latency_p50_us;
        if (chat.latency_p99_us >= 0) metrics.latency_p99_us = chat.latency_p99_us;
        const stream = await runPythonClient(reader, `${origin}/stream?rate=1000&count=${SPRING_EVENTS}`, {
          get: true,
          abort,
        });
        metrics.spring_stream_delivered = stream.envelopes_ok;
        metrics.spring_stream_lost = SPRING_EVENTS - stream.envelopes_ok;
        metrics.spring_stream_raised = stream.error === null ? 0 : 1;
        if (stream.error) warnings.push(`Spring /stream (id: and data: lines): ${stream.error}`);
        const expected = expectedEdgeCaseData();
        let lostTotal = 0;
        let mangledTotal = 0;
        for (const name of EDGE_CASES) {
          const result = await runPythonClient(reader, `${cases.baseUrl}${name}`, { list: true, abort });
          const outcome = judgeCase(result, expected);
          const key = name.replace(/-/g, '_');
          metrics[`case_${key}_delivered`] = outcome.delivered;
          metrics[`case_${key}_lost`] = outcome.lost;
          metrics[`case_${key}_mangled`] = outcome.mangled;
          metrics[`case_${key}_raised`] = outcome.raised ? 1 : 0;
          lostTotal += outcome.lost;
          mangledTotal += outcome.mangled;
          if (result.error) warnings.push(`${name}: ${result.error}`);
        }
        metrics.cases_events_sent = expected.length * EDGE_CASES.length;
        metrics.cases_lost = lostTotal;
        metrics.cases_mangled = mangledTotal;
        return {
          metrics,
          histograms: {},
          errorCounts: {},
          warnings,
          serverConfig: {
            system: `${reader === 'article' ? "the article's reader" : 'a spec reader'}: Python requests ${chat.requests} (Python ${chat.python}, Debian's /usr/bin/python3), against ${java.system.replace(' on ', ' SseEmitter on ')} and spec-valid edge-case streams`,
            client: `requests ${chat.requests}`,
            ...java.info,
          },
        };
      },
      abort,
    );
  } finally {
    await cases.close();
  }
}
