/**
 * The one JSON line a foreign client prints at the end (clients/polyglot/python/stream_tally.py,
 * clients/polyglot/java/StreamTally.java), validated and turned into the harness's metrics.
 */
import { PhaseError } from '../phase-error.js';

/** The summary's fields, named as the clients print them. */
export interface ForeignSummary {
  client: string;
  runtime: string;
  clock: string;
  works: boolean;
  received: number;
  unique: number;
  first_seq: number | null;
  end_seq: number | null;
  lost: number;
  duplicated: number;
  reordered: number;
  corrupted: number;
  malformed: number;
  latency_samples: number;
  latency_p50_us: number | null;
  latency_p99_us: number | null;
  latency_max_us: number | null;
  /** Null where the runtime hides its sockets (the JDK). */
  socket_bytes_read: number | null;
  body_bytes_read: number;
  pings_answered: number;
  stop_reason: string;
  duration_ms: number;
  error: { category: string; message: string } | null;
}

const COUNT_FIELDS = [
  'received',
  'unique',
  'lost',
  'duplicated',
  'reordered',
  'corrupted',
  'malformed',
  'latency_samples',
  'body_bytes_read',
  'pings_answered',
  'duration_ms',
] as const;
const NULLABLE_FIELDS = [
  'first_seq',
  'end_seq',
  'latency_p50_us',
  'latency_p99_us',
  'latency_max_us',
  'socket_bytes_read',
] as const;

function checkShape(value: Record<string, unknown>): string | undefined {
  if (typeof value.works !== 'boolean') return 'works is not a boolean';
  for (const field of COUNT_FIELDS) if (typeof value[field] !== 'number') return `${field} is not a number`;
  for (const field of NULLABLE_FIELDS)
    if (value[field] !== null && typeof value[field] !== 'number') return `${field} is neither a number nor null`;
  const error = value.error as Record<string, unknown> | null;
  if (error !== null && (typeof error !== 'object' || typeof error.category !== 'string'))
    return 'error is neither null nor {category, message}';
  return undefined;
}

/**
 * The summary from a client's stdout (its last line that is a JSON object). A client that printed
 * none crashed: the error carries the end of its stderr.
 */
export function parseForeignSummary(stdout: string, stderr: string, client: string): ForeignSummary {
  const line = stdout
    .trimEnd()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (line === undefined)
    throw new PhaseError('child-crash', `${client} printed no summary: ${stderr.trim().slice(-1000) || 'no output'}`);
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(line) as Record<string, unknown>;
  } catch (err) {
    throw new PhaseError(
      'internal',
      `${client} printed a summary that is not JSON (${(err as Error).message}): ${line.slice(0, 200)}`,
    );
  }
  const problem = checkShape(value);
  if (problem !== undefined) throw new PhaseError('internal', `${client} summary: ${problem}`);
  return value as unknown as ForeignSummary;
}

/** A client works when it read the whole stream, to the end marker, without an error. */
export function readWholeStream(summary: ForeignSummary): boolean {
  return summary.works && summary.stop_reason === 'end';
}

/** The harness's metrics from a summary; figures the client could not measure are left out. */
export function foreignMetrics(summary: ForeignSummary): Record<string, number> {
  const works = readWholeStream(summary);
  const metrics: Record<string, number> = {
    client_works: works ? 1 : 0,
    unexpected_outcome_count: works ? 0 : 1,
    messages_received: summary.received,
    lost_count: summary.lost,
    duplicated_count: summary.duplicated,
    reordered_count: summary.reordered,
    corrupted_count: summary.corrupted,
    foreign_body_bytes: summary.body_bytes_read,
    pings_answered_count: summary.pings_answered,
  };
  if (summary.latency_p50_us !== null) metrics.latency_p50_us = summary.latency_p50_us;
  if (summary.latency_p99_us !== null) metrics.latency_p99_us = summary.latency_p99_us;
  if (summary.latency_max_us !== null) metrics.latency_max_us = summary.latency_max_us;
  if (summary.socket_bytes_read !== null) metrics.foreign_socket_bytes = summary.socket_bytes_read;
  return metrics;
}
