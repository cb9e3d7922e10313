/**
 * The verdicts at a glance: one square per claim ID, a row per family (WS, SSE, OBS) and a column
 * per number, coloured by verdict. Drawn by vega-lite like the other charts, from the claim rows.
 */
import type { TopLevelSpec } from 'vega-lite';
import { describeVerdictKind, type ClaimRow } from '../claims.js';
import { VERDICT_COLOURS, VERDICT_KINDS } from '../verdict-style.js';
import { renderVegaLiteSvg } from './svg-chart.js';

export const VERDICT_GRID_ID = 'verdict-grid';
export const VERDICT_GRID_TITLE = 'Verdicts at a glance';
const CELL_WIDTH_PX = 62;
const CELL_HEIGHT_PX = 38;

/** `WS-9` → family `WS`, number 9; an ID without a number keeps its place at 0. */
function splitClaimId(id: string): { family: string; number: number } {
  const match = /^(.*)-(\d+)$/.exec(id);
  return match === null ? { family: id, number: 0 } : { family: match[1]!, number: Number(match[2]) };
}

export function buildVerdictGridSpec(rows: readonly ClaimRow[]): TopLevelSpec {
  const values = rows.map((row) => ({
    id: row.id,
    ...splitClaimId(row.id),
    verdict: describeVerdictKind(row.verdict.kind),
    title: row.title,
  }));
  const families = [...new Set(values.map((value) => value.family))];
  const colour = {
    field: 'verdict',
    type: 'nominal',
    scale: {
      domain: VERDICT_KINDS.map(describeVerdictKind),
      range: VERDICT_KINDS.map((kind) => VERDICT_COLOURS[kind]),
    },
    legend: {
      title: null,
      orient: 'bottom',
      direction: 'horizontal',
      symbolType: 'square',
      labelFontSize: 12,
      labelLimit: 0,
    },
  } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: VERDICT_GRID_TITLE,
    width: { step: CELL_WIDTH_PX },
    height: { step: CELL_HEIGHT_PX },
    background: 'white',
    // No frame: the families have different lengths, and a frame would outline the empty squares.
    config: { view: { stroke: null } },
    data: { values },
    encoding: {
      x: { field: 'number', type: 'ordinal', axis: null },
      y: {
        field: 'family',
        type: 'ordinal',
        sort: families,
        axis: { title: null, ticks: false, domain: false, labelFontSize: 13, labelFontWeight: 'bold', labelPadding: 6 },
      },
    },
    layer: [
      {
        mark: { type: 'rect', cornerRadius: 4, stroke: 'white', strokeWidth: 3 },
        encoding: { color: colour, tooltip: [{ field: 'id' }, { field: 'title' }, { field: 'verdict' }] },
      },
      { mark: { type: 'text', color: 'white', fontWeight: 'bold', fontSize: 12 }, encoding: { text: { field: 'id' } } },
    ],
  } as TopLevelSpec;
}

export async function renderVerdictGridSvg(rows: readonly ClaimRow[]): Promise<string> {
  return renderVegaLiteSvg(buildVerdictGridSpec(rows));
}
