/**
 * What `npm run measure` measures, fully resolved: one MeasureWorkload per endpoint (the command
 * line gives one, a --config file several), with every default applied in one place. Both the
 * command line and the config file produce a RawWorkload first; resolveWorkload (workload.ts)
 * validates it into this shape before anything connects.
 */
import type { ComparedFamily } from '../../transports/families.js';

/** The family an endpoint speaks, by its URL's scheme. */
export type MeasureProtocol = ComparedFamily;
export type EpochClock = 'epoch-ms' | 'epoch-us' | 'epoch-ns';
export type MeasurePreset = 'openai-chat';

export const EPOCH_CLOCKS: readonly EpochClock[] = ['epoch-ms', 'epoch-us', 'epoch-ns'];
export const PRESETS: readonly MeasurePreset[] = ['openai-chat'];

/** One endpoint and the load put on it, as the user wrote it (strings and numbers, unvalidated). */
export interface RawWorkload {
  name?: string;
  url?: string;
  method?: string;
  body?: string;
  headers?: string[];
  send?: string[];
  connections?: number;
  rampMs?: number;
  durationMs?: number;
  idleTimeoutMs?: number;
  endMarker?: string;
  latencyField?: string;
  clock?: string;
  preset?: string;
  checkResume?: number;
  insecure?: boolean;
  maxLineBytes?: number;
  maxEventBytes?: number;
}

export interface MeasureWorkload {
  /** Stable id part of the cell: `measure/<protocol>/<name>`. */
  name: string;
  url: URL;
  protocol: MeasureProtocol;
  method: 'GET' | 'POST';
  /** Request body (SSE POST): JSON text or a file's content. */
  body?: string;
  headers: Record<string, string>;
  /** WebSocket messages sent in order right after the upgrade. */
  send: string[];
  connections: number;
  /** Connection starts are spread evenly over this long (0: all at once). */
  rampMs: number;
  /** Each connection stops this long after it started; undefined: until the stream ends. */
  durationMs?: number;
  /** No byte for this long (before or after the headers) fails the connection as idle-timeout. */
  idleTimeoutMs: number;
  /** An event whose data equals this ends the stream (OpenAI's `[DONE]`). */
  endMarker?: string;
  /** A path into each event's JSON data holding the server's send time (`ts`, `meta.sentAt`, `a[0].t`). */
  latencyField?: string;
  clock: EpochClock;
  preset?: MeasurePreset;
  /** Resume check: events to read before dropping the connection. */
  checkResumeEvents?: number;
  /** Accept any TLS certificate (self-signed, wrong host). */
  insecure: boolean;
  /** A longer SSE line fails the connection as line-too-long. */
  maxLineBytes: number;
  /** A larger SSE event or WebSocket message fails the connection as event-too-large. */
  maxEventBytes: number;
}

export interface MeasureSettings {
  workloads: MeasureWorkload[];
  repeats: number;
  out?: string;
  json: boolean;
  quiet: boolean;
}

export const MEASURE_DEFAULTS = {
  method: 'GET',
  connections: 1,
  rampMs: 0,
  idleTimeoutMs: 30_000,
  clock: 'epoch-ms',
  repeats: 1,
  maxLineBytes: 1024 * 1024,
  maxEventBytes: 8 * 1024 * 1024,
} as const;

/** Upper bounds that keep a typo (an extra zero) from opening a flood of sockets or waiting a day. */
export const MEASURE_LIMITS = {
  connections: 10_000,
  rampMs: 600_000,
  durationMs: 86_400_000,
  idleTimeoutMs: 3_600_000,
  repeats: 1000,
  checkResumeEvents: 100_000,
} as const;
