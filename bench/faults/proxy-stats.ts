/**
 * Counters of one fault proxy: what it forwarded, dropped and broke, so an experiment can check
 * that the fault it asked for really happened (a reset that never fired must not pass as "the
 * client survived a reset"). Background errors are counted by category, never swallowed.
 */
import type { CategorisedError, ErrorCategory } from '../results.js';
import type { FlowDirection } from './fault-types.js';

/** Most recent errors kept verbatim; older ones survive only as counts. */
const KEPT_ERRORS = 10;

export interface ProxyStats {
  /** Bytes written to the receiving side, per direction. */
  bytesForwarded: Record<FlowDirection, number>;
  /** Bytes received and discarded (black hole, or past a truncation), per direction. */
  bytesDropped: Record<FlowDirection, number>;
  connectionsAccepted: number;
  /** Connections reset at accept because a `refuse` fault was active. */
  connectionsRefused: number;
  /** Connections the proxy reset: a `reset` fault, resetAll(), or a failed fault pipe. */
  connectionsResetByProxy: number;
  /** Connections closed with FIN by a `truncate` fault. */
  connectionsTruncated: number;
  /** Connections closed with FIN by an `idle-timeout` fault. */
  connectionsIdleClosed: number;
  /** Connections open right now. */
  connectionsOpen: number;
  /** Errors seen on either side of any connection, by category (peer resets count as `reset`). */
  errorCounts: Partial<Record<ErrorCategory, number>>;
  /** The last few errors with their messages. */
  recentErrors: CategorisedError[];
}

export function createProxyStats(): ProxyStats {
  return {
    bytesForwarded: { up: 0, down: 0 },
    bytesDropped: { up: 0, down: 0 },
    connectionsAccepted: 0,
    connectionsRefused: 0,
    connectionsResetByProxy: 0,
    connectionsTruncated: 0,
    connectionsIdleClosed: 0,
    connectionsOpen: 0,
    errorCounts: {},
    recentErrors: [],
  };
}

/** Counts one error and keeps its message among the most recent. */
export function recordError(stats: ProxyStats, error: CategorisedError): void {
  stats.errorCounts[error.category] = (stats.errorCounts[error.category] ?? 0) + 1;
  stats.recentErrors.push(error);
  if (stats.recentErrors.length > KEPT_ERRORS) stats.recentErrors.shift();
}

/** A deep copy, so a caller's snapshot does not change under it. */
export function copyProxyStats(stats: ProxyStats): ProxyStats {
  return structuredClone(stats);
}

/** Maps a socket error to a category: resets are expected under faults, the rest are not. */
export function categoriseSocketError(error: Error & { code?: string }, connected: boolean): CategorisedError {
  if (error.code === 'ECONNRESET' || error.code === 'EPIPE') return { category: 'reset', message: error.message };
  if (!connected) return { category: 'connect', message: error.message };
  return { category: `close:${error.code ?? 'unknown'}`, message: error.message };
}
