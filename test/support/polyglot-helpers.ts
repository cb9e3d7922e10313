/**
 * Test helpers: run one foreign client to completion and read its summary. Kept out of the
 * `*.test.ts` files so the client suites and the cell tests share one careful implementation.
 */
import { prepareForeignRuntime } from '../../bench/polyglot/foreign-clients.js';
import { runForeignProcess } from '../../bench/polyglot/foreign-process.js';
import { parseForeignSummary, type ForeignSummary } from '../../bench/polyglot/foreign-summary.js';
import type { ForeignLanguage } from '../../bench/polyglot/polyglot-scenarios.js';

/** Runs the language's client for `transport` with `args` (URL first) and returns its summary. */
export async function runForeignClient(
  language: ForeignLanguage,
  transport: 'sse' | 'ws',
  args: readonly string[],
  deadlineMs = 30_000,
): Promise<ForeignSummary & { exitCode: number | null }> {
  const runtime = await prepareForeignRuntime(language);
  const client = runtime.client(transport);
  const exit = await runForeignProcess(client.command, [...client.args, ...args], { deadlineMs, phase: 'test-client' });
  return { ...parseForeignSummary(exit.stdout, exit.stderr, `${language}-${transport}`), exitCode: exit.exitCode };
}
