/** The console's view of the capacity search: the report's table and its lines, as text. */
import { buildCapacitySection } from '../../reports/capacity-section.js';
import { renderTable } from '../console-format.js';
import type { ResultsDocument } from '../results.js';

export function renderCapacityConsole(doc: ResultsDocument, scenario: string): string {
  const section = buildCapacitySection(doc);
  if (section === undefined) return '';
  const warnings = doc.cells
    .filter((cell) => cell.scenario === scenario)
    .flatMap((cell) =>
      cell.runs.flatMap((run) => run.warnings.map((w) => `  ${cell.id} repeat ${run.repeat + 1}: ${w}`)),
    );
  return [
    `== ${scenario} == (each step: p99 latency · server memory per connection; ✗ missed the limit)`,
    renderTable(section.table.headers, section.table.rows),
    ...section.interpretation,
    ...(warnings.length > 0 ? ['why each search stopped:', ...warnings] : []),
  ].join('\n');
}
