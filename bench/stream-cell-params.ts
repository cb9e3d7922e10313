/**
 * The params of a stream cell (family `stream`), as resolvePlan writes them from the scenario's
 * stream, its LLM or chat settings and the variant's own: the shape the other families' cells start
 * from too (bench/cell-params.ts).
 */
import type { ClientRunConfig, LlmClientConfig } from '../clients/client-protocol.js';
import { PAYLOAD_KINDS, type PayloadKind } from '../servers/envelope.js';
import type { WriteMode } from '../servers/server-config.js';
import { WS_FAMILY } from '../transports/families.js';
import { type CellParamReader, defineCellParams, type ParamsCell } from './cell-params.js';

/** A stream cell's params: a scheduled stream, LLM prompts answered token by token, or a chat room. */
export type StreamCellParams =
  | {
      shape: 'stream';
      connections: number;
      ratePerSec: number;
      payloadBytes: number;
      kind: PayloadKind;
      writeMode: WriteMode;
      clientMode: ClientRunConfig['mode'];
    }
  | { shape: 'llm'; connections: number; tokens: number; tokenDelayMs: number; method: LlmClientConfig['method'] }
  | { shape: 'chat'; connections: number; ratePerSecPerMember: number; payloadBytes: number };

const WRITE_MODES: readonly WriteMode[] = ['coalesced', 'per-message'];
const CLIENT_MODES: readonly ClientRunConfig['mode'][] = ['full', 'bare'];
const LLM_METHODS: readonly LlmClientConfig['method'][] = ['sse-get', 'sse-post', WS_FAMILY];

/** The stream params every family's cells carry (the shape by the cell's client: LLM, chat or a stream). */
export function readStreamCellParams(read: CellParamReader, cell: ParamsCell): StreamCellParams {
  const connections = read.number('connections');
  if (cell.client.llm !== undefined)
    return {
      shape: 'llm',
      connections,
      tokens: read.number('tokens', { min: 1 }),
      tokenDelayMs: read.number('tokenDelayMs'),
      method: read.oneOf('method', LLM_METHODS),
    };
  if (cell.client.chat !== undefined)
    return {
      shape: 'chat',
      connections,
      ratePerSecPerMember: read.number('ratePerSecPerMember', { integer: false }),
      payloadBytes: read.number('payloadBytes'),
    };
  return {
    shape: 'stream',
    connections,
    ratePerSec: read.number('ratePerSec', { integer: false }),
    payloadBytes: read.number('payloadBytes'),
    kind: read.oneOf('kind', PAYLOAD_KINDS),
    writeMode: read.oneOf('writeMode', WRITE_MODES),
    clientMode: read.oneOf('clientMode', CLIENT_MODES),
  };
}

export const streamParamsOf = defineCellParams('stream', readStreamCellParams);
