/**
 * report.html's one style sheet, inline: system fonts only (nothing is fetched), a readable measure,
 * a verdict table with coloured badges, and charts that shrink to the window.
 */
import { VERDICT_COLOURS, VERDICT_KINDS } from './verdict-style.js';

const BADGES = VERDICT_KINDS.map((kind) => `.badge.${kind} { background: ${VERDICT_COLOURS[kind]}; }`).join('\n');

export const REPORT_CSS = `
:root { --text: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --link: #0969da; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--text); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header, main, footer { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 18px; }
h1 { font-size: 24px; margin: 0 0 6px; }
h2 { font-size: 19px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 16px; margin: 18px 0 8px; }
a { color: var(--link); text-decoration: none; }
a:hover { text-decoration: underline; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
pre { background: var(--soft); padding: 10px; overflow-x: auto; border-radius: 6px; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 1px 12px; margin: 0; color: var(--muted); font-size: 13.5px; }
.meta dt { font-weight: 600; color: var(--text); }
.meta dd { margin: 0; }
table { border-collapse: collapse; font-size: 13.5px; }
th, td { padding: 3px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.metrics td:first-child { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
table.verdicts { margin-top: 8px; }
table.verdicts td:nth-child(2) { padding-right: 28px; }
table.verdicts td.num { padding-left: 28px; }
table.verdicts td { padding: 2px 10px; }
table.verdicts td:first-child { font-weight: 600; white-space: nowrap; }
table.verdicts tr:hover td { background: var(--soft); }
.badge { display: inline-block; min-width: 104px; padding: 0 8px; border-radius: 10px; color: #fff;
  font-size: 12px; font-weight: 600; line-height: 19px; text-align: center; white-space: nowrap; }
${BADGES}
/* Charts at their drawn size (about 800 px with the legend): scaled down, their text gets too small. */
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 820px), 1fr)); gap: 16px; align-items: start; }
figure { margin: 0; padding: 8px; border: 1px solid var(--line); border-radius: 8px; background: #fff; overflow-x: auto; }
figure svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
figcaption { color: var(--muted); font-size: 12.5px; margin-top: 4px; }
details { border: 1px solid var(--line); border-radius: 8px; margin: 8px 0; padding: 0 12px; }
details[open] { padding-bottom: 10px; }
details > summary { cursor: pointer; padding: 7px 0; font-weight: 600; }
details details { border-style: dashed; }
.claim-id { display: inline-block; min-width: 56px; }
.muted { color: var(--muted); }
.caveat { color: #9a6700; }
.scroll { overflow-x: auto; }
ul.figures { margin: 4px 0 8px; padding-left: 20px; }
footer { color: var(--muted); font-size: 12.5px; padding: 24px; }
`;
