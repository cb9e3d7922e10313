/**
 * Why a measured connection failed, as a stable category (results group and gate on it) with a
 * message a person can act on. Categories, from connecting to streaming:
 *   unreachable   the host name did not resolve, or no route to it
 *   refused       nothing listens on that port (ECONNREFUSED)
 *   tls           the TLS handshake failed (an untrusted certificate names --insecure)
 *   http-status   SSE: not 200; WebSocket: not 101
 *   mime          SSE: not text/event-stream
 *   reset         the connection was reset, or the response was cut before it completed
 *   idle-timeout  no byte for --idle-timeout-ms (before the headers or between events)
 *   closed-early  the server closed before the first event, or before the --end-marker
 *   line-too-long / event-too-large   an SSE line or event (WS message) beyond the caps
 *   close:<code>  WebSocket closed with an error code
 */

export type StreamErrorCategory =
  | 'unreachable'
  | 'refused'
  | 'tls'
  | 'http-status'
  | 'mime'
  | 'reset'
  | 'idle-timeout'
  | 'closed-early'
  | 'line-too-long'
  | 'event-too-large'
  | 'protocol'
  | `close:${number}`;

export interface StreamError {
  category: StreamErrorCategory;
  message: string;
}

const UNREACHABLE = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EADDRNOTAVAIL',
  'ETIMEDOUT',
]);
const RESET = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);
/** OpenSSL's verification failures: the certificate, not the connection, is the problem. */
const CERTIFICATE =
  /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS_CERT_ALTNAME_INVALID|HOSTNAME_MISMATCH/;

/** A Node error from connecting or reading → category and message. */
export function categoriseSocketError(error: NodeJS.ErrnoException, url: URL): StreamError {
  const code = error.code ?? '';
  const where = `${url.host}`;
  if (code === 'ECONNREFUSED')
    return { category: 'refused', message: `connection refused by ${where}: is the server running on that port?` };
  if (UNREACHABLE.has(code))
    return {
      category: 'unreachable',
      message: `cannot reach ${url.hostname} (${code}): check the host name and the network`,
    };
  if (CERTIFICATE.test(code)) {
    return {
      category: 'tls',
      message: `TLS certificate of ${where} not trusted (${code}: ${error.message}); for a self-signed certificate you trust, add --insecure`,
    };
  }
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || code === 'EPROTO' || /SSL|TLS/.test(error.message)) {
    return {
      category: 'tls',
      message: `TLS handshake with ${where} failed (${code || error.message}): is it really a TLS endpoint (https://, wss://)?`,
    };
  }
  if (RESET.has(code)) return { category: 'reset', message: `connection to ${where} was reset (${code})` };
  return { category: 'protocol', message: `${code === '' ? '' : `${code}: `}${error.message}` };
}

/** RFC 6761: names under .invalid never resolve, so they fail here without asking any resolver. */
export function isReservedInvalidName(hostname: string): boolean {
  return /(^|\.)invalid\.?$/i.test(hostname);
}
