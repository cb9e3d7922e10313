/**
 * What a reader sees before the verdicts (the run, the machine, the verdict counts, where the
 * claims are listed) and, further down, the full provenance and the method. Plain text, shared by
 * REPORT.md and report.html; each renderer adds its own markup.
 */
import type { ResultsDocument } from '../bench/results.js';
import type { ClaimRow } from './claims.js';
import { countVerdicts } from './claims.js';
import { formatDurationMs, groupThousands } from './format.js';
import { latencyResolutionUs, metricMedian, cellsOf } from './results-query.js';

/** The claims list and the article's reference, as a path in the repository. */
export const CLAIMS_DOC_PATH = 'docs/claims.md';

/** One line of the header: `Run: …`, with an optional link after the text. */
export interface HeaderLine {
  label: string;
  text: string;
  link?: { label: string; href: string };
}

export const METHOD_NOTE = [
  'Servers and clients run as separate processes on this host and read one monotonic clock',
  '(process.hrtime), so each message carries its scheduled send time and the client computes one-way',
  'latency with no clock sync. The publisher follows an open-loop schedule and latency is measured from the',
  'scheduled time, so a stall shows in the tail instead of hiding (coordinated omission). Warm-up is discarded.',
  'SSE and WS cells run interleaved (A B A B …), one cell at a time. Each figure is the median of the repeats;',
  '± is their spread, (max − min) / median. Percentile charts draw every repeat from its own HDR histogram',
  '(the median repeat bold); percentiles are never averaged. Byte counts come from the sockets; losses from',
  'sequence numbers and checksums.',
].join(' ');

/** `2026-01-02T03:04:05.000Z` → `2026-01-02 03:04 UTC`; anything else as it is. */
export function formatRunDate(iso: string): string {
  const match = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)/.exec(iso);
  return match === null ? iso : `${match[1]} ${match[2]} UTC`;
}

function describeCommand(doc: ResultsDocument): string {
  return doc.env.command !== '' ? doc.env.command : ['node', 'dist/bench/cli.js', ...doc.command].join(' ');
}

function describeProfile(doc: ResultsDocument): string {
  const { plan } = doc;
  return `${plan.profile}: ${plan.repeats} repeat${plan.repeats === 1 ? '' : 's'}, warm-up ${formatDurationMs(plan.warmupMs)}, ${formatDurationMs(plan.durationMs)} measured per repeat`;
}

function describeGit(doc: ResultsDocument): string {
  return `${doc.env.gitSha}${doc.env.gitDirty ? ' (uncommitted changes)' : ''}`;
}

/** `Fixture CPU @ 2.40GHz × 2 cores, 7,936 MiB RAM, linux 6.8.0 x64`. */
function describeMachine(doc: ResultsDocument): string {
  const { env } = doc;
  return `${env.cpuModel} × ${env.cpuCount} cores, ${groupThousands(env.totalMemoryMiB)} MiB RAM, ${env.platform} ${env.release} ${env.arch}`;
}

/** `9 supported · 0 refuted · 11 depend on a condition · 1 not measured here`. */
export function describeVerdictCounts(rows: readonly ClaimRow[]): string {
  const counts = countVerdicts(rows);
  return `${counts.supported} supported · ${counts.refuted} refuted · ${counts.depends} depend on a condition · ${counts['not-measured']} not measured here`;
}

/**
 * The lines above the verdict table: kept to three so the table for every claim fits the first
 * screen (40 lines of REPORT.md) with room for a line or two more.
 */
export function buildHeaderLines(doc: ResultsDocument, rows: readonly ClaimRow[], claimsHref: string): HeaderLine[] {
  const git =
    doc.env.gitSha === 'unknown' ? '' : ` · git ${doc.env.gitSha.slice(0, 12)}${doc.env.gitDirty ? ' (dirty)' : ''}`;
  const complete = doc.complete ? '' : ' · PARTIAL RESULTS (interrupted)';
  return [
    { label: 'Run', text: `${formatRunDate(doc.generatedAt)} · profile ${describeProfile(doc)}${git}${complete}` },
    { label: 'Machine', text: `${describeMachine(doc)} · Node ${doc.env.node}` },
    {
      label: 'Verdicts',
      text: `${describeVerdictCounts(rows)} · the claims and their source:`,
      link: { label: CLAIMS_DOC_PATH, href: claimsHref },
    },
    ...resolutionLine(doc),
    ...shardsLine(doc),
  ];
}

/**
 * `Load: 4 shards per stream cell, on vm-a, vm-b; clock offsets to Redis up to 0.14 ms`: a
 * distributed run says where its clients ran. Absent for a run on one machine.
 */
function shardsLine(doc: ResultsDocument): HeaderLine[] {
  const shards = doc.plan.shards;
  if (shards === undefined) return [];
  const hosts = doc.cells.flatMap((cell) => cell.runs.flatMap((run) => run.hosts ?? []));
  const names = [...new Set(hosts.map((host) => host.hostname))].join(', ');
  const offsetMs = Math.max(0, ...hosts.map((host) => Math.abs(host.clockOffsetMs)));
  const offsets = hosts.length > 0 ? `; clock offsets to Redis up to ${offsetMs.toFixed(2)} ms` : '';
  return [{ label: 'Load', text: `${shards} shards per stream cell${names !== '' ? `, on ${names}` : ''}${offsets}` }];
}

/**
 * `Resolution: latency differences below 77 µs are not resolved in this run (TCP floor p50; the
 * machine's bare write→read p50 95 µs)`: what every latency verdict is read against. Absent when
 * tcp-floor did not run.
 */
function resolutionLine(doc: ResultsDocument): HeaderLine[] {
  const resolutionUs = latencyResolutionUs(doc);
  if (resolutionUs === undefined) return [];
  const bare = cellsOf(doc, 'tcp-floor')
    .map((cell) => metricMedian(cell, 'bare_probe_latency_p50_us'))
    .find((value) => value !== undefined);
  const bareNote = bare === undefined ? '' : `; the machine's bare write→read p50 ${Math.round(bare)} µs`;
  return [
    {
      label: 'Resolution',
      text: `latency differences below ${Math.round(resolutionUs)} µs are not resolved in this run (TCP floor p50${bareNote})`,
    },
  ];
}

/** Everything that identifies the run, for the report's last section. */
export function buildProvenanceRows(doc: ResultsDocument): [string, string][] {
  const { env, plan } = doc;
  const packages = Object.entries(env.packages)
    .map(([name, version]) => `${name} ${version}`)
    .join(' · ');
  return [
    ['Generated', doc.generatedAt],
    ['Command', describeCommand(doc)],
    ['Machine', `${describeMachine(doc)} (${env.hostname})`],
    ['Node', env.node],
    ['Packages', packages],
    ['Git', describeGit(doc)],
    ['Profile', describeProfile(doc)],
    ...(plan.target !== undefined ? [['Target', plan.target] as [string, string]] : []),
    ['Complete', doc.complete ? 'yes' : 'NO: partial results'],
  ];
}

/** Run errors and failed repeats, each distinct one once. */
export function collectReportErrors(doc: ResultsDocument): { category: string; cell?: string; message: string }[] {
  const seen = new Set<string>();
  const errors: { category: string; cell?: string; message: string }[] = [];
  const runErrors = doc.cells.flatMap((cell) =>
    cell.runs.flatMap((run) => (run.error === undefined ? [] : [{ ...run.error, cell: cell.id }])),
  );
  for (const error of [...doc.errors, ...runErrors]) {
    const key = `${error.category}\u0000${error.cell ?? ''}\u0000${error.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push({
      category: error.category,
      ...(error.cell === undefined ? {} : { cell: error.cell }),
      message: error.message,
    });
  }
  return errors;
}
