/**
 * Parses the compare command line once, at the boundary, into a typed command. Every mistake is a
 * UsageError whose message says what was wrong and what was expected.
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../../cli/usage-error.js';

/** What the user asked compare to do. */
export interface CompareCommand {
  kind: 'compare';
  basePath: string;
  headPath: string;
  thresholdsPct: Record<string, number>;
  strict: boolean;
  /** `exact`: only exact metrics and correctness fail the build; noisy regressions are reported. */
  gate: 'all' | 'exact';
  markdownPath?: string;
  bencherPath?: string;
  gabPrefix?: string;
}

export type CliCommand = CompareCommand | { kind: 'help' };

const OPTIONS = {
  threshold: { type: 'string', multiple: true },
  strict: { type: 'boolean' },
  gate: { type: 'string' },
  markdown: { type: 'string' },
  bencher: { type: 'string' },
  'gab-out': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses `metric=pct` (a trailing % is allowed) into a positive threshold. */
export function parseThreshold(text: string): [string, number] {
  const match = /^([A-Za-z0-9_.:-]+)=([0-9]*\.?[0-9]+)%?$/.exec(text);
  const pct = match === null ? Number.NaN : Number(match[2]);
  if (match === null || !(pct > 0)) {
    throw new UsageError(
      `--threshold expects METRIC=PERCENT with a positive number, e.g. latency_p99_us=20; got ${JSON.stringify(text)}`,
    );
  }
  return [match[1] ?? '', pct];
}

function parseRaw(
  argv: readonly string[],
): ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>> {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // node:util's messages name the offending option; keep them and point at --help.
    throw new UsageError(`${(error as Error).message}. Run with --help for the options.`);
  }
}

/** Parses argv (without `node cli.js`). */
export function parseCompareArgs(argv: readonly string[]): CliCommand {
  const { values, positionals } = parseRaw(argv);
  if (values.help === true) return { kind: 'help' };
  if (positionals.length !== 2) {
    throw new UsageError(
      `expected two results files, <base.json> <head.json>; got ${positionals.length}. Run with --help for usage.`,
    );
  }
  const [basePath = '', headPath = ''] = positionals;
  const gate = values.gate ?? 'all';
  if (gate !== 'all' && gate !== 'exact')
    throw new UsageError(`--gate must be all or exact, got ${JSON.stringify(gate)}`);
  return {
    kind: 'compare',
    basePath,
    headPath,
    thresholdsPct: Object.fromEntries((values.threshold ?? []).map(parseThreshold)),
    strict: values.strict === true,
    gate,
    ...(values.markdown === undefined ? {} : { markdownPath: values.markdown }),
    ...(values.bencher === undefined ? {} : { bencherPath: values.bencher }),
    ...(values['gab-out'] === undefined ? {} : { gabPrefix: values['gab-out'] }),
  };
}
