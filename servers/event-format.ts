/**
 * What an event carries. `envelope` (the default) is the harness's wire envelope, so a client can
 * check and time every message. `plain` (`?format=plain`) is the payload alone, as an ordinary
 * streaming server sends it (binary payloads as base64 in SSE, as a binary frame in WS): for
 * measuring our servers with `npm run measure` as if they were anyone's, and for clients that do not
 * speak the envelope. Stream ends and resume work the same in both formats.
 */
import { ParamError } from './stream-params.js';

export type EventFormat = 'envelope' | 'plain';
const EVENT_FORMATS: readonly EventFormat[] = ['envelope', 'plain'];

/** Reads `?format=`; throws ParamError naming the parameter on anything else. */
export function readEventFormat(query: URLSearchParams): EventFormat {
  const raw = query.get('format');
  if (raw === null || raw === '') return 'envelope';
  if (!EVENT_FORMATS.includes(raw as EventFormat))
    throw new ParamError(
      `query parameter format must be one of ${EVENT_FORMATS.join(', ')}, got ${JSON.stringify(raw)}`,
    );
  return raw as EventFormat;
}

/** The payload as the text of a plain event: text as is, binary as base64. */
export function plainText(payload: string | Buffer): string {
  return typeof payload === 'string' ? payload : payload.toString('base64');
}
