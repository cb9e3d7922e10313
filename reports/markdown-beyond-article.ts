/** REPORT.md's "Beyond the article" section: the many-streams table and its reading, when that scenario ran. */
import type { ResultsDocument } from '../bench/results.js';
import { BEYOND_ARTICLE_TITLE, buildManyStreamsSection } from './many-streams-section.js';
import { renderMarkdownTable } from './markdown-table.js';

/** The section's parts for renderMarkdownReport; none when the scenario did not run. */
export function renderBeyondArticleMarkdown(doc: ResultsDocument): string[] {
  const section = buildManyStreamsSection(doc);
  if (section === undefined) return [];
  return [
    [
      `## ${BEYOND_ARTICLE_TITLE}`,
      section.intro,
      renderMarkdownTable(section.table.headers, section.table.rows, section.table.align),
      section.interpretation.map((line) => `- ${line}`).join('\n'),
    ].join('\n\n'),
  ];
}
