/**
 * The readers under test, each a small adapter behind one shape (undici's benchmark style): chunks
 * in, the `data` of every message out, so the tally compares them on the same terms.
 */
import { createParser } from 'eventsource-parser';
import { createNaiveLineParser, type NaiveFraming } from '../../clients/naive-line-parser.js';

/** What a reader handed to the application, and the parse errors it reported (never dropped). */
export interface ParseOutput {
  messages: string[];
  parseErrors: string[];
}

export type ParserName = 'spec' | 'naive' | 'iter-lines';

export const PARSER_NAMES: readonly ParserName[] = ['spec', 'naive', 'iter-lines'];

/** One line per reader, for reports. */
export const PARSER_DESCRIPTIONS: Record<ParserName, string> = {
  spec: 'eventsource-parser v3 fed through a streaming TextDecoder (the WHATWG algorithm)',
  naive: "per-chunk line splitting with per-chunk UTF-8 decoding, line[5:] of 'data:' lines",
  'iter-lines': "requests' iter_lines() (partial lines carried across chunks), line[5:] of 'data:' lines",
};

/**
 * The spec reader. The streaming decoder matters: decoding each chunk on its own would turn a
 * UTF-8 character cut by a chunk boundary into U+FFFD before the parser ever saw it.
 */
export function parseWithSpec(chunks: readonly Uint8Array[]): ParseOutput {
  const output: ParseOutput = { messages: [], parseErrors: [] };
  const parser = createParser({
    onEvent: (event) => output.messages.push(event.data),
    onError: (error) => output.parseErrors.push(`${error.type}: ${error.message}`),
  });
  const decoder = new TextDecoder('utf-8');
  for (const chunk of chunks) parser.feed(decoder.decode(chunk, { stream: true }));
  parser.feed(decoder.decode());
  return output;
}

function parseWithNaive(chunks: readonly Uint8Array[], framing: NaiveFraming): ParseOutput {
  const messages: string[] = [];
  const parser = createNaiveLineParser({ framing, onMessage: (data) => messages.push(data) });
  for (const chunk of chunks) parser.feed(chunk);
  parser.end();
  return { messages, parseErrors: [] };
}

/** Runs the named reader over the chunks. */
export function parseWith(name: ParserName, chunks: readonly Uint8Array[]): ParseOutput {
  switch (name) {
    case 'spec':
      return parseWithSpec(chunks);
    case 'naive':
      return parseWithNaive(chunks, 'per-chunk');
    case 'iter-lines':
      return parseWithNaive(chunks, 'iter-lines');
  }
}
