/**
 * The seed article's case: a client sends a prompt and the server streams an answer back token by
 * token with a delay between tokens, as an LLM API does. Each token is an envelope (sequence, the
 * time it was scheduled, checksum), so time to first token and inter-token latency are measured
 * exactly like the other streams.
 */
import { checksumOf, type Envelope } from './envelope.js';

export interface LlmRequest {
  prompt: string;
  tokens: number;
  tokenDelayMs: number;
}

export const MAX_LLM_TOKENS = 100_000;

const VOCABULARY = [
  'The',
  ' answer',
  ' streams',
  ' one',
  ' token',
  ' at',
  ' a',
  ' time',
  ',',
  ' like',
  ' a',
  ' model',
  ' would',
  '.',
];

let nextStreamId = 1;

/** Reads a prompt request from JSON or a query string, with defaults for what is missing. */
export function parseLlmRequest(
  source: Record<string, unknown>,
  defaults: { tokens: number; tokenDelayMs: number },
): LlmRequest {
  const prompt = typeof source.prompt === 'string' ? source.prompt : '';
  const tokens = source.tokens === undefined ? defaults.tokens : Number(source.tokens);
  const tokenDelayMs = source.tokenDelayMs === undefined ? defaults.tokenDelayMs : Number(source.tokenDelayMs);
  if (!Number.isInteger(tokens) || tokens < 1 || tokens > MAX_LLM_TOKENS) {
    throw new RangeError(`tokens must be an integer from 1 to ${MAX_LLM_TOKENS}, got ${JSON.stringify(source.tokens)}`);
  }
  if (!Number.isFinite(tokenDelayMs) || tokenDelayMs < 0 || tokenDelayMs > 60_000) {
    throw new RangeError(`tokenDelayMs must be a number from 0 to 60000, got ${JSON.stringify(source.tokenDelayMs)}`);
  }
  return { prompt, tokens, tokenDelayMs };
}

export interface TokenStream {
  cancel(): void;
}

/**
 * Emits `tokens` envelopes, token k (1-based) scheduled at start + k * delay, so the first token
 * also waits one delay as a model's would (open loop, like the publisher), then calls `onEnd`.
 */
export function streamTokens(
  request: LlmRequest,
  onToken: (env: Envelope) => void,
  onEnd: (lastSeq: number) => void,
): TokenStream {
  const streamId = nextStreamId++ >>> 0;
  const startNs = process.hrtime.bigint();
  const delayNs = BigInt(Math.round(request.tokenDelayMs * 1e6));
  let seq = 0;
  let timer: NodeJS.Timeout | undefined;
  const emitDue = (): void => {
    const elapsedNs = process.hrtime.bigint() - startNs;
    while (seq < request.tokens && BigInt(seq + 1) * delayNs <= elapsedNs) {
      const text = VOCABULARY[seq % VOCABULARY.length]!;
      onToken({
        streamId,
        seq: seq + 1,
        scheduledNs: startNs + BigInt(seq + 1) * delayNs,
        kind: 'text',
        payload: text,
        checksum: checksumOf(text),
      });
      seq++;
    }
    if (seq >= request.tokens) {
      onEnd(seq);
      return;
    }
    const waitMs = Number(startNs + BigInt(seq + 1) * delayNs - process.hrtime.bigint()) / 1e6;
    timer = setTimeout(emitDue, Math.max(0, waitMs));
  };
  emitDue();
  return { cancel: () => clearTimeout(timer) };
}
