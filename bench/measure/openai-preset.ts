/**
 * `--preset openai-chat`: an OpenAI-compatible chat-completions stream (OpenAI, vLLM, llama.cpp,
 * Ollama's /v1). The request body asks for `"stream": true`; each SSE event is one JSON chunk whose
 * `choices[0].delta.content` carries the next piece of text; the stream ends with `data: [DONE]`.
 * A chunk with non-empty content counts as one token, as vLLM's benchmark counts them.
 */

export const OPENAI_END_MARKER = '[DONE]';

/** Sent when the user gives no --body; `model` may need overriding for a real server. */
export const OPENAI_DEFAULT_BODY = {
  model: 'default',
  messages: [{ role: 'user', content: 'Count from 1 to 20, one number per line.' }],
  max_tokens: 64,
};

/** The body as posted: the user's (or the default) with `"stream": true` forced on. */
export function buildOpenAiBody(userBody: string | undefined): string {
  const body = userBody === undefined ? { ...OPENAI_DEFAULT_BODY } : (JSON.parse(userBody) as Record<string, unknown>);
  return JSON.stringify({ ...body, stream: true });
}

/** The token text in one chunk's data, or undefined for a chunk without content (role, usage, finish). */
export function readDeltaContent(data: string): string | undefined {
  let chunk: unknown;
  try {
    chunk = JSON.parse(data);
  } catch {
    return undefined;
  }
  const content = (chunk as { choices?: { delta?: { content?: unknown } }[] }).choices?.[0]?.delta?.content;
  return typeof content === 'string' && content !== '' ? content : undefined;
}
