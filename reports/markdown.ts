/**
 * REPORT.md as a pure function of a results document: title and provenance, summary, the claims
 * table, one section per scenario, errors. Nothing here reads the clock, the machine or the
 * locale, so `generatedAt` (from the document) is the only thing two renders can differ by.
 */
import type { ResultsDocument } from '../bench/results.js';
import { buildCharts, chartsForScenario } from './charts/build-charts.js';
import { countVerdicts, evaluateClaims, splitVerdict, type ClaimRow } from './claims.js';
import { formatDurationMs, formatQuantity, groupThousands } from './format.js';
import { renderMarkdownTable } from './markdown-table.js';
import { renderScenarioSection } from './markdown-scenario.js';
import { scenarioNames } from './results-query.js';
import { buildSummaryLines } from './summary.js';

export const REPORT_TITLE = 'SSE vs WebSocket: benchmark report';

const METHOD_NOTE = [
  '**Method.** Servers and clients run as separate processes on this host and read one monotonic clock',
  '(`process.hrtime`), so each message carries its *scheduled* send time and the client computes one-way',
  'latency with no clock sync. The publisher follows an open-loop schedule and latency is measured from the',
  'scheduled time, so a stall shows in the tail instead of hiding (coordinated omission). Warm-up is discarded.',
  'SSE and WS cells run interleaved (A B A B …), one cell at a time. Each figure is the median of the repeats;',
  '`±` is their spread, (max − min) / median. Percentile charts merge the repeats\' HDR histograms; percentiles',
  'are never averaged. Byte counts come from the sockets; losses from sequence numbers and checksums.',
].join('\n');

function describeCommand(doc: ResultsDocument): string {
  return doc.env.command !== '' ? doc.env.command : ['node', 'dist/bench/cli.js', ...doc.command].join(' ');
}

function renderProvenance(doc: ResultsDocument): string {
  const { env, plan } = doc;
  const packages = Object.entries(env.packages).map(([name, version]) => `${name} ${version}`).join(' · ');
  const rows: [string, string][] = [
    ['Generated', doc.generatedAt],
    ['Command', `\`${describeCommand(doc)}\``],
    ['Machine', `${env.cpuModel} × ${env.cpuCount} cores, ${groupThousands(env.totalMemoryMiB)} MiB RAM, ${env.platform} ${env.release} ${env.arch} (${env.hostname})`],
    ['Node', env.node],
    ['Packages', packages],
    ['Git', `${env.gitSha}${env.gitDirty ? ' (uncommitted changes)' : ''}`],
    ['Profile', `${plan.profile}: ${plan.repeats} repeats, warm-up ${formatDurationMs(plan.warmupMs)}, ${formatDurationMs(plan.durationMs)} measured per repeat`],
    ...(plan.target !== undefined ? [['Target', plan.target] as [string, string]] : []),
    ['Complete', doc.complete ? 'yes' : 'NO: partial results'],
  ];
  return renderMarkdownTable(['', ''], rows, ['left', 'left']);
}

function renderSummary(doc: ResultsDocument, rows: readonly ClaimRow[]): string {
  const counts = countVerdicts(rows);
  const verdicts = `Claims: ${counts.supported} supported, ${counts.refuted} refuted, ${counts.depends} depend on a condition, ${counts['not-measured']} not measured here.`;
  return ['## Summary', '', ...[...buildSummaryLines(doc), verdicts].map((line) => `- ${line}`)].join('\n');
}

function renderVerdictCell(row: ClaimRow): string {
  const { label, explanation } = splitVerdict(row.verdict);
  return [`**${label}**${explanation}`, ...row.caveats.map((caveat) => `⚠ ${caveat}`)].join('\n');
}

/** The claims table: every claim ID with its figures, verdict and the rule that computed it. */
export function renderClaimsTable(rows: readonly ClaimRow[]): string {
  const table = renderMarkdownTable(
    ['ID', 'Claim', 'Scenarios', 'SSE', 'WebSocket', 'Verdict', 'Rule'],
    rows.map((row) => [row.id, row.claim, row.scenarios.join('\n') || '—', row.sse.join('\n') || '—', row.ws.join('\n') || '—', renderVerdictCell(row), row.ruleText]),
    ['left', 'left', 'left', 'left', 'left', 'left', 'left'],
  );
  return ['## Claims', '', 'Each verdict is computed from this run\'s results by the rule in the last column.', '', table].join('\n');
}

function renderErrors(doc: ResultsDocument): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  const runErrors = doc.cells.flatMap((cell) => cell.runs.flatMap((run) => (run.error === undefined ? [] : [{ ...run.error, cell: cell.id }])));
  for (const error of [...doc.errors, ...runErrors]) {
    const key = `${error.category}\u0000${error.cell ?? ''}\u0000${error.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push(`- \`${error.category}\`${error.cell === undefined ? '' : ` in \`${error.cell}\``}: ${error.message}`);
  }
  return ['## Errors', '', lines.length === 0 ? 'None.' : lines.join('\n')].join('\n');
}

/** Renders REPORT.md. Charts are referenced as `charts/<id>.svg`, which writeReport creates. */
export function renderMarkdownReport(doc: ResultsDocument): string {
  const rows = evaluateClaims(doc);
  const charts = buildCharts(doc);
  const sections = scenarioNames(doc).map((scenario) => renderScenarioSection(doc, scenario, chartsForScenario(charts, scenario)));
  const parts = [
    `# ${REPORT_TITLE}`,
    renderProvenance(doc),
    METHOD_NOTE,
    renderSummary(doc, rows),
    renderClaimsTable(rows),
    `## Scenarios\n\n${formatQuantity(sections.length, 'scenario')}, in plan order.`,
    ...sections,
    renderErrors(doc),
  ];
  return `${parts.join('\n\n')}\n`;
}
