/**
 * One scenario's page, `scenarios/<name>.md`, linked from REPORT.md: the tables, warnings, charts
 * (text and SVG) and configuration of every cell, kept out of the report's first screens.
 */
import type { ResultsDocument } from '../bench/results.js';
import { renderAsciiChart } from './charts/ascii-chart.js';
import { buildCharts, chartSvgPath, chartsForScenario } from './charts/build-charts.js';
import type { ChartModel } from './charts/chart-model.js';
import { renderMarkdownTable } from './markdown-table.js';
import { isMeasureScenario, renderMeasurePage } from './markdown-measure.js';
import { scenarioNames } from './results-query.js';
import { buildScenarioContent, type ScenarioContent, type TableModel } from './scenario-content.js';

/** Where a scenario's page goes, relative to REPORT.md. */
export function scenarioPagePath(scenario: string): string {
  return `scenarios/${scenario}.md`;
}

/** The metric names in the first column read as code, as in the rest of the report. */
function renderMetricTable(table: TableModel | undefined): string {
  if (table === undefined) return '_No successful repeat recorded a metric._';
  return renderMarkdownTable(
    table.headers,
    table.rows.map(([metric, ...figures]) => [`\`${metric}\``, ...figures]),
  );
}

function renderConditions(content: ScenarioContent): string[] {
  if (content.conditions.length === 1) return [renderMetricTable(content.conditions[0]!.table)];
  return content.conditions.flatMap((condition) => [`### ${condition.label}`, renderMetricTable(condition.table)]);
}

function renderWarnings(content: ScenarioContent): string {
  const lines = content.warnings.map((warning) => `- \`${warning.cellId}\`: ${warning.text}`);
  return lines.length === 0 ? '' : ['## Warnings', '', ...lines].join('\n');
}

/** `prefix` leads from the page to REPORT.md's folder, where charts/ is. */
function renderChart(chart: ChartModel, prefix: string): string {
  return [
    `### ${chart.title}`,
    '',
    `![${chart.title}](${prefix}${chartSvgPath(chart)})`,
    '',
    '```text',
    renderAsciiChart(chart),
    '```',
  ].join('\n');
}

function renderConfiguration(content: ScenarioContent): string {
  const blocks = content.configs.map((config) =>
    [`\`${config.cellId}\``, '', '```json', config.json, '```'].join('\n'),
  );
  return [
    '<details><summary>Server and client configuration of each cell</summary>',
    '',
    ...blocks.flatMap((block) => [block, '']),
    '</details>',
  ].join('\n');
}

/** The page's body, headings from `##` down, with chart paths relative to `chartPrefix`. */
export function renderScenarioBody(content: ScenarioContent, chartPrefix: string): string {
  if (content.status === 'not-run') return [content.intro, '_Not run._'].filter((part) => part !== '').join('\n\n');
  const parts = [
    content.intro,
    content.status === 'all-failed' ? '_Every repeat failed: see Errors in REPORT.md._' : '',
    ...renderConditions(content),
    content.overhead,
    renderWarnings(content),
    ...(content.charts.length === 0
      ? []
      : ['## Charts', ...content.charts.map((chart) => renderChart(chart, chartPrefix))]),
    content.configs.length === 0 ? '' : renderConfiguration(content),
  ];
  return parts.filter((part) => part !== '').join('\n\n');
}

/** `scenarios/<name>.md`: a heading, a way back, and the scenario's body. */
export function renderScenarioPage(doc: ResultsDocument, scenario: string, charts: readonly ChartModel[]): string {
  if (isMeasureScenario(scenario)) return renderMeasurePage(doc, charts);
  const content = buildScenarioContent(doc, scenario, charts);
  return `${[`# ${scenario}`, '[← back to the report](../REPORT.md)', renderScenarioBody(content, '../')].join('\n\n')}\n`;
}

/** Every scenario's page, by its path relative to REPORT.md. */
export function renderScenarioPages(doc: ResultsDocument): Map<string, string> {
  const charts = buildCharts(doc);
  return new Map(
    scenarioNames(doc).map((name) => [
      scenarioPagePath(name),
      renderScenarioPage(doc, name, chartsForScenario(charts, name)),
    ]),
  );
}
