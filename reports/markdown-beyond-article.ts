/** REPORT.md's "Beyond the article" section: the many-streams and capacity tables and their reading, when they ran. */
import type { ResultsDocument } from '../bench/results.js';
import { buildCapacitySection, CAPACITY_TITLE } from './capacity-section.js';
import { BEYOND_ARTICLE_TITLE, buildManyStreamsSection } from './many-streams-section.js';
import { renderMarkdownTable } from './markdown-table.js';
import type { TableModel } from './scenario-content.js';

/** What both sections are: an intro, a table, and lines computed from its figures. */
interface Section {
  intro: string;
  table: TableModel;
  interpretation: string[];
}

function renderSection(section: Section): string[] {
  return [
    section.intro,
    renderMarkdownTable(section.table.headers, section.table.rows, section.table.align),
    section.interpretation.map((line) => `- ${line}`).join('\n'),
  ];
}

/** The section's parts for renderMarkdownReport; none when neither scenario ran. */
export function renderBeyondArticleMarkdown(doc: ResultsDocument): string[] {
  const streams = buildManyStreamsSection(doc);
  const capacity = buildCapacitySection(doc);
  if (streams === undefined && capacity === undefined) return [];
  return [
    [
      `## ${BEYOND_ARTICLE_TITLE}`,
      ...(streams !== undefined ? renderSection(streams) : []),
      ...(capacity !== undefined ? [`### ${CAPACITY_TITLE}`, ...renderSection(capacity)] : []),
    ].join('\n\n'),
  ];
}
