import { describe, expect, it } from 'vitest';
import type { CellResult, ResultsDocument, RunResult } from '../results.js';
import { renderWireScenarioTables } from './wire-console-tables.js';

const run: RunResult = {
  repeat: 0,
  order: 0,
  startedAt: '',
  wallMs: 1,
  status: 'ok',
  metrics: {},
  histograms: {},
  errorCounts: {},
  warnings: [],
};

function cell(
  scenario: string,
  variant: string,
  transport: 'sse' | 'ws',
  params: CellResult['params'],
  metrics: Record<string, number>,
): CellResult {
  const summary = Object.fromEntries(
    Object.entries(metrics).map(([name, median]) => [name, { median, min: median, max: median, spreadPct: 0, n: 1 }]),
  );
  return {
    id: `${scenario}/${variant}`,
    scenario,
    transport,
    variant,
    params,
    config: { server: {}, client: {} },
    runs: [run],
    summary,
    warnings: [],
  };
}

const docOf = (cells: CellResult[]): ResultsDocument => ({ cells }) as unknown as ResultsDocument;

describe('renderWireScenarioTables', () => {
  const doc = docOf([
    cell(
      'wire',
      'sse',
      'sse',
      { size: 16, kind: 'text', count: 2000 },
      { wire_bytes_down_per_msg: 100, sse_field_bytes_per_msg: 13 },
    ),
    cell(
      'wire',
      'ws',
      'ws',
      { size: 16, kind: 'text', count: 2000 },
      { wire_bytes_down_per_msg: 50, ws_header_bytes_per_msg: 2 },
    ),
    cell('wire', 'sse', 'sse', { size: 1024, kind: 'binary', count: 2000 }, { wire_bytes_down_per_msg: 1400.125 }),
    cell('wire', 'ws', 'ws', { size: 1024, kind: 'binary', count: 2000 }, { wire_bytes_down_per_msg: 1056 }),
  ]);
  const text = renderWireScenarioTables(doc, 'wire');

  it('gives an overview row and a table of its own to every size and kind, SSE and WS side by side with WS/SSE', () => {
    expect(text).toMatch(/^size=16 B, kind=text\s+100 B\s+50 B\s+0\.50×$/m);
    expect(text).toMatch(/^wire size=16 B, kind=text\s+sse \(2000\)\s+ws \(2000\)\s+ws\/sse$/m);
    expect(text).toMatch(/^wire size=1024 B, kind=binary\s+sse \(2000\)\s+ws \(2000\)\s+ws\/sse$/m);
    expect(text).toMatch(/^bytes\/msg down\s+1400\.13 B\s+1056 B\s+0\.75×$/m);
  });

  it('shows a part only where a transport has it', () => {
    expect(text).toMatch(/SSE id:\/data:\/line ends\s+13 B\s+–/);
    expect(text).toMatch(/WS frame headers\s+–\s+2 B/);
    expect(text).not.toMatch(/HTTP chunk framing/);
  });

  it('lays upstream out by size, ws-frames against sse-post', () => {
    const upstream = renderWireScenarioTables(
      docOf([
        cell('upstream', 'ws-frames', 'ws', { size: 16, messages: 2000 }, { wire_bytes_up_per_msg: 39 }),
        cell('upstream', 'sse-post', 'sse', { size: 16, messages: 2000 }, { wire_bytes_up_per_msg: 168 }),
      ]),
      'upstream',
    );
    expect(upstream).toMatch(/^upstream size=16 B\s+ws-frames \(2000\)\s+sse-post \(2000\)\s+ws-frames\/sse-post$/m);
    expect(upstream).toMatch(/^bytes\/msg up\s+39 B\s+168 B\s+0\.23×$/m);
  });

  it('renders nothing for a scenario without runs', () => {
    expect(renderWireScenarioTables(docOf([]), 'compression')).toBe('');
  });
});
