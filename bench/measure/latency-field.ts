/**
 * Server-stamped latency: a path into each event's JSON data (`ts`, `meta.sentAt`, `$.items[0].t`)
 * holds the time the server sent it on the Unix epoch, in the unit `--clock` names. One-way latency
 * is our epoch time at receipt minus that stamp, which is only meaningful when both hosts' clocks
 * agree (NTP keeps them within about a millisecond at best): the report prints that caveat.
 */
import type { EpochClock } from './measure-options.js';

export type PathSegment = string | number;

const SEGMENT = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[(?:"([^"]*)"|'([^']*)')\]/y;

/** `a.b[0]["c d"]` → ['a', 'b', 0, 'c d']; a leading `$` is allowed; undefined when malformed. */
export function parseJsonPath(text: string): PathSegment[] | undefined {
  const source = text.startsWith('$') ? text.slice(1) : text;
  const input = source.startsWith('.') || source.startsWith('[') ? source : `.${source}`;
  const segments: PathSegment[] = [];
  SEGMENT.lastIndex = 0;
  while (SEGMENT.lastIndex < input.length) {
    const start = SEGMENT.lastIndex;
    const match = SEGMENT.exec(input);
    if (match === null || match.index !== start) return undefined;
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(match[3] ?? match[4] ?? '');
  }
  return segments.length === 0 ? undefined : segments;
}

/** The value at a path, or undefined when any step is missing. */
export function readPath(value: unknown, segments: readonly PathSegment[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

const NS_PER_UNIT: Record<EpochClock, number> = { 'epoch-ms': 1e6, 'epoch-us': 1e3, 'epoch-ns': 1 };

/** The current Unix time in µs, to a fraction: performance's origin plus its monotonic offset. */
export function epochNowUs(): number {
  return (performance.timeOrigin + performance.now()) * 1000;
}

/** A stamp (number or numeric string) in the clock's unit → µs since the epoch, or undefined. */
export function stampToEpochUs(stamp: unknown, clock: EpochClock): number | undefined {
  const value = typeof stamp === 'string' && stamp.trim() !== '' ? Number(stamp) : stamp;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return undefined;
  return (value * NS_PER_UNIT[clock]) / 1000;
}

export const CLOCK_CAVEAT =
  "server-stamped latency compares two clocks: it is only as right as the agreement between the server host's clock and this one (on one host it is exact; across hosts NTP leaves errors of a millisecond or more)";
