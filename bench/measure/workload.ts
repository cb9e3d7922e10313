/**
 * From a RawWorkload (command line or config file) to a MeasureWorkload: every check in one place,
 * before anything connects. A bad value becomes a UsageError naming the field as the user wrote it
 * (`--connections` or `workloads[1].connections`), the value, and the fix.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../cli/usage-error.js';
import { parseJsonPath } from './latency-field.js';
import {
  EPOCH_CLOCKS,
  MEASURE_DEFAULTS,
  MEASURE_LIMITS,
  PRESETS,
  type EpochClock,
  type MeasurePreset,
  type MeasureProtocol,
  type MeasureWorkload,
  type RawWorkload,
} from './measure-options.js';
import { SSE_FAMILY, WS_FAMILY } from '../../transports/families.js';

/** How a field is named in messages: `--ramp-ms` on the command line, `workloads[0].rampMs` in a file. */
export type FieldNamer = (key: keyof RawWorkload) => string;

export interface ResolveContext {
  field: FieldNamer;
  /** `@file` values are read relative to this folder (the cwd, or the config file's folder). */
  baseDir: string;
}

const PROTOCOLS: Record<string, MeasureProtocol> = {
  'http:': SSE_FAMILY,
  'https:': SSE_FAMILY,
  'ws:': WS_FAMILY,
  'wss:': WS_FAMILY,
};

function fail(field: string, value: unknown, problem: string, fix: string): never {
  throw new UsageError(field, `${problem}, got ${JSON.stringify(value)}; ${fix}`);
}

function readInteger(
  raw: RawWorkload,
  key: keyof RawWorkload,
  ctx: ResolveContext,
  min: number,
  max: number,
  fallback?: number,
): number | undefined {
  const value = raw[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(ctx.field(key), value, `must be an integer from ${min} to ${max}`, `give a whole number in that range`);
  }
  return value;
}

function parseUrl(raw: RawWorkload, ctx: ResolveContext): { url: URL; protocol: MeasureProtocol } {
  const field = ctx.field('url');
  if (raw.url === undefined || raw.url === '')
    fail(field, raw.url, 'an endpoint URL is required', 'give http(s)://… for SSE or ws(s)://… for WebSocket');
  let url: URL;
  try {
    url = new URL(raw.url);
  } catch {
    fail(field, raw.url, 'is not a URL', 'give an absolute URL such as http://127.0.0.1:8080/stream');
  }
  const protocol = PROTOCOLS[url.protocol];
  if (protocol === undefined)
    fail(
      field,
      raw.url,
      `has scheme ${url.protocol} which is neither SSE nor WebSocket`,
      'use http:// or https:// for SSE, ws:// or wss:// for WebSocket',
    );
  return { url, protocol };
}

/** `@path` reads the file (relative to baseDir); anything else is the text itself. */
export function readTextOrFile(value: string, field: string, baseDir: string): string {
  if (!value.startsWith('@')) return value;
  const file = path.resolve(baseDir, value.slice(1));
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    fail(
      field,
      value,
      `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      'point @ at a readable file, or give the text itself',
    );
  }
}

function parseHeaders(raw: RawWorkload, ctx: ResolveContext): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of raw.headers ?? []) {
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
      fail(ctx.field('headers'), line, 'is not a header', "write it as 'Name: value'");
    headers[name.toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function parseBody(raw: RawWorkload, ctx: ResolveContext, protocol: MeasureProtocol): string | undefined {
  if (raw.body === undefined) return undefined;
  const field = ctx.field('body');
  if (protocol === WS_FAMILY)
    fail(
      field,
      raw.body,
      'a request body is for SSE over POST',
      'for WebSocket, send messages after the upgrade with --send',
    );
  const text = readTextOrFile(raw.body, field, ctx.baseDir);
  try {
    JSON.parse(text);
  } catch (error) {
    fail(field, raw.body, `is not JSON (${(error as Error).message})`, 'give a JSON object, or @file holding one');
  }
  return text;
}

function parseOneOf<T extends string>(
  raw: RawWorkload,
  key: keyof RawWorkload,
  ctx: ResolveContext,
  allowed: readonly T[],
): T | undefined {
  const value = raw[key];
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T))
    fail(ctx.field(key), value, `must be one of ${allowed.join(', ')}`, `pick one of those`);
  return value as T;
}

/** The cell name: the workload's own, else host and path (`127.0.0.1:8080/stream`). */
function deriveName(raw: RawWorkload, url: URL): string {
  return raw.name ?? `${url.host}${url.pathname === '/' ? '' : url.pathname}`;
}

function checkCombinations(w: MeasureWorkload, ctx: ResolveContext): void {
  if (w.checkResumeEvents !== undefined && w.protocol !== SSE_FAMILY) {
    fail(
      ctx.field('checkResume'),
      w.checkResumeEvents,
      'the resume check sends Last-Event-ID, an SSE header',
      'use it with an http(s):// endpoint',
    );
  }
  if (w.preset === 'openai-chat' && w.protocol !== SSE_FAMILY)
    fail(
      ctx.field('preset'),
      w.preset,
      'the OpenAI chat-completions stream is SSE',
      'use an http(s):// endpoint such as http://host/v1/chat/completions',
    );
  if (w.method === 'GET' && w.body !== undefined && w.preset === undefined)
    fail(ctx.field('body'), 'GET', 'a body needs POST', 'add --method POST');
}

/** Validates one workload; throws UsageError on the first bad field. */
export function resolveWorkload(raw: RawWorkload, ctx: ResolveContext): MeasureWorkload {
  const { url, protocol } = parseUrl(raw, ctx);
  const method = parseOneOf(raw, 'method', ctx, ['GET', 'POST'] as const);
  const preset = parseOneOf<MeasurePreset>(raw, 'preset', ctx, PRESETS);
  const workload: MeasureWorkload = {
    name: deriveName(raw, url),
    url,
    protocol,
    method: method ?? (preset === 'openai-chat' || raw.body !== undefined ? 'POST' : MEASURE_DEFAULTS.method),
    headers: parseHeaders(raw, ctx),
    send: (raw.send ?? []).map((text) => readTextOrFile(text, ctx.field('send'), ctx.baseDir)),
    connections: readInteger(raw, 'connections', ctx, 1, MEASURE_LIMITS.connections, MEASURE_DEFAULTS.connections)!,
    rampMs: readInteger(raw, 'rampMs', ctx, 0, MEASURE_LIMITS.rampMs, MEASURE_DEFAULTS.rampMs)!,
    idleTimeoutMs: readInteger(
      raw,
      'idleTimeoutMs',
      ctx,
      1,
      MEASURE_LIMITS.idleTimeoutMs,
      MEASURE_DEFAULTS.idleTimeoutMs,
    )!,
    clock: parseOneOf<EpochClock>(raw, 'clock', ctx, EPOCH_CLOCKS) ?? MEASURE_DEFAULTS.clock,
    insecure: raw.insecure === true,
    maxLineBytes: readInteger(raw, 'maxLineBytes', ctx, 64, 1 << 30, MEASURE_DEFAULTS.maxLineBytes)!,
    maxEventBytes: readInteger(raw, 'maxEventBytes', ctx, 64, 1 << 30, MEASURE_DEFAULTS.maxEventBytes)!,
  };
  const body = parseBody(raw, ctx, protocol);
  if (body !== undefined) workload.body = body;
  const durationMs = readInteger(raw, 'durationMs', ctx, 1, MEASURE_LIMITS.durationMs);
  if (durationMs !== undefined) workload.durationMs = durationMs;
  const endMarker = raw.endMarker ?? (preset === 'openai-chat' ? '[DONE]' : undefined);
  if (endMarker !== undefined) workload.endMarker = endMarker;
  if (raw.latencyField !== undefined) {
    if (parseJsonPath(raw.latencyField) === undefined)
      fail(
        ctx.field('latencyField'),
        raw.latencyField,
        'is not a JSON path',
        'write it like ts, meta.sentAt or items[0].t',
      );
    workload.latencyField = raw.latencyField;
  }
  if (preset !== undefined) workload.preset = preset;
  const checkResume = readInteger(raw, 'checkResume', ctx, 1, MEASURE_LIMITS.checkResumeEvents);
  if (checkResume !== undefined) workload.checkResumeEvents = checkResume;
  checkCombinations(workload, ctx);
  return workload;
}
