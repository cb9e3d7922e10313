/**
 * Reading the encoded HDR histograms stored in results. Percentile curves come from histograms
 * merged across a cell's repeats (merging is exact; averaging percentiles is not). The pure-JS
 * histogram is used on purpose: the report must not depend on WebAssembly being initialised.
 */
import * as hdr from 'hdr-histogram-js';
import type { CellResult, RunResult } from '../bench/results.js';
import { okRuns } from './results-query.js';

/** The histogram family that holds one-way (or round-trip) message latency in µs. */
export const LATENCY_HISTOGRAM = 'latency_us';

export type DecodedHistogram = { histogram: hdr.Histogram } | { error: string };

/** Decodes one run's histogram; a corrupt encoding becomes an error the report shows as a warning. */
export function decodeRunHistogram(run: RunResult, family: string): DecodedHistogram | undefined {
  const encoded = run.histograms[family];
  if (encoded === undefined) return undefined;
  try {
    return { histogram: hdr.decodeFromCompressedBase64(encoded) };
  } catch (error) {
    return { error: `histogram ${family} of repeat ${run.repeat} could not be decoded: ${(error as Error).message}` };
  }
}

/** All successful repeats' histograms of one family merged into one, or undefined if none decode. */
export function mergeCellHistogram(cell: CellResult, family: string): hdr.Histogram | undefined {
  let merged: hdr.Histogram | undefined;
  for (const run of okRuns(cell)) {
    const decoded = decodeRunHistogram(run, family);
    if (decoded === undefined || 'error' in decoded) continue;
    if (merged === undefined) merged = decoded.histogram;
    else merged.add(decoded.histogram);
  }
  return merged;
}

/** Values recorded per successful repeat, for sample-size warnings. */
export function countRunSamples(cell: CellResult, family: string): { repeat: number; count: number }[] {
  const counts: { repeat: number; count: number }[] = [];
  for (const run of okRuns(cell)) {
    const decoded = decodeRunHistogram(run, family);
    if (decoded !== undefined && 'histogram' in decoded)
      counts.push({ repeat: run.repeat, count: decoded.histogram.totalCount });
  }
  return counts;
}

/**
 * "Nines": −log10(1 − p/100). 50% → 0.30, 90% → 1, 99% → 2, 99.9% → 3. Plotting against nines gives
 * the tail the room it needs, the usual way to draw an HDR percentile distribution.
 */
export function percentileToNines(percentile: number): number {
  return -Math.log10(1 - percentile / 100);
}

export function ninesToPercentile(nines: number): number {
  return 100 * (1 - 10 ** -nines);
}

/** The percentiles a distribution chart marks on its x axis. */
export const PERCENTILE_TICKS = [50, 90, 99, 99.9, 99.99] as const;

export interface PercentilePoint {
  percentile: number;
  valueUs: number;
}

/**
 * The latency at evenly spaced nines from p50, stopping where the histogram has too few values for
 * the percentile to mean anything (p99.9 needs at least 1,000 values: one above it).
 */
export function computePercentileCurve(
  histogram: hdr.Histogram,
  stepsPerNine = 10,
  maxPercentile = 99.99,
): PercentilePoint[] {
  const lastNines = Math.min(percentileToNines(maxPercentile), Math.log10(Math.max(histogram.totalCount, 1)));
  // p50 first, then a grid aligned on tenths of a nine so that p90, p99, p99.9 fall on points.
  const nines = [percentileToNines(50)];
  const firstStep = Math.floor(nines[0]! * stepsPerNine) + 1;
  for (let step = firstStep; step <= Math.floor(lastNines * stepsPerNine + 1e-9); step += 1)
    nines.push(step / stepsPerNine);
  return nines.map((value) => {
    const percentile = ninesToPercentile(value);
    return { percentile, valueUs: histogram.getValueAtPercentile(percentile) };
  });
}
