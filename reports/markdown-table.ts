/**
 * GitHub-flavoured markdown tables. A cell holds one line: line breaks become `<br>`, and pipes and
 * angle brackets are escaped, so text from results (warnings, error messages) can never break a
 * table or be read as HTML.
 */

export type ColumnAlign = 'left' | 'right';

/** Escapes text for one table cell; `\n` separates lines shown within the cell. */
export function escapeTableCell(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replaceAll('<', '&lt;').replace(/\r?\n/g, '<br>');
}

/** A table; `align` defaults to left for the first column and right for the others (figures). */
export function renderMarkdownTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly ColumnAlign[],
): string {
  const alignments = headers.map((_, index) => align?.[index] ?? (index === 0 ? 'left' : 'right'));
  const line = (cells: readonly string[]): string => `| ${cells.map(escapeTableCell).join(' | ')} |`;
  const rule = `|${alignments.map((a) => (a === 'right' ? '---:' : '---')).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}
