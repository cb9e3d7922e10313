/**
 * What the runner asks of a client process and what it gets back, over IPC. The client process
 * measures; the runner only schedules, watches deadlines and stores.
 */
import type { TimelinePointUs } from './recorder.js';

export type ClientTransport = 'sse' | 'ws' | 'tcp';

export interface LlmClientConfig {
  /** How a prompt travels: SSE by GET (query) or POST (JSON body, as fetch-event-source does), or a WS message. */
  method: 'sse-get' | 'sse-post' | 'ws';
  tokens: number;
  tokenDelayMs: number;
  prompt: string;
}

export interface ClientRunConfig {
  transport: ClientTransport;
  /** The stream URL, query included (the server's own, or the user's --target). */
  url: string;
  connections: number;
  /** Connections opened at once; a thousand simultaneous handshakes measure the accept queue instead. */
  connectConcurrency: number;
  warmupMs: number;
  durationMs: number;
  /** `bare` only counts messages: the baseline for the harness-overhead ratio. */
  mode: 'full' | 'bare';
  perMessageDeflate: boolean;
  /** End the measured window early once every stream has sent its end marker (bounded streams). */
  untilEnd: boolean;
  llm?: LlmClientConfig;
}

export type ClientPhase = 'connecting' | 'warmup' | 'measuring' | 'closing';

export interface ClientRunResult {
  metrics: Record<string, number>;
  histograms: Record<string, string>;
  timeline: TimelinePointUs[];
  errorCounts: Record<string, number>;
  warnings: string[];
}

export type RunnerToClient = { type: 'run'; config: ClientRunConfig } | { type: 'stop' };
export type ClientToRunner =
  | { type: 'phase'; phase: ClientPhase }
  | { type: 'result'; result: ClientRunResult }
  | { type: 'failed'; category: string; message: string };
