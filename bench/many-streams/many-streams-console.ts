/** The console's view of the many-streams scenario: the report's table and its lines, as text. */
import { buildManyStreamsSection } from '../../reports/many-streams-section.js';
import { renderTable } from '../console-format.js';
import type { ResultsDocument } from '../results.js';

export function renderManyStreamsConsole(doc: ResultsDocument, scenario: string): string {
  const section = buildManyStreamsSection(doc);
  if (section === undefined) return '';
  const failed = doc.cells
    .filter((cell) => cell.scenario === scenario)
    .flatMap((cell) =>
      cell.runs
        .filter((run) => run.status === 'failed')
        .map(
          (run) =>
            `  ${cell.id} repeat ${run.repeat + 1}: ${run.error?.category} — ${run.error?.message.split('\n')[0]}`,
        ),
    );
  return [
    `== ${scenario} == (each cell: stalled streams · median time to first event)`,
    renderTable(section.table.headers, section.table.rows),
    ...section.interpretation,
    ...(failed.length > 0 ? ['failed runs:', ...failed] : []),
  ].join('\n');
}
