/**
 * What nginx's TLS + HTTP/2 front negotiated, asked two ways. A probe connects as a browser does
 * (ALPN offering h2 and http/1.1) and reads nginx's choice and its HTTP/2 SETTINGS: whether it
 * advertises RFC 8441's extended CONNECT, without which no WebSocket can ride an HTTP/2 connection
 * (nginx does not implement it, so WebSocket clients upgrade over HTTP/1.1 + TLS). The front's access
 * log then says which protocol each measured request actually came over.
 */
import { readFileSync } from 'node:fs';
import http2 from 'node:http2';
import tls from 'node:tls';

export interface FrontProbe {
  /** The ALPN protocol nginx chose for a client offering h2 and http/1.1 (`false`: none). */
  alpn: string | false;
  /** nginx's SETTINGS_ENABLE_CONNECT_PROTOCOL (RFC 8441): WebSocket over HTTP/2 possible. */
  extendedConnect: boolean;
  /** The TLS version of the probe's connection, e.g. `TLSv1.3`. */
  tlsVersion: string | null;
}

const PROBE_DEADLINE_MS = 3000;

/** Connects to the front at 127.0.0.1:`port`, trusting `caFile`, and reads what it negotiated. */
export async function probeTlsFront(port: number, caFile: string): Promise<FrontProbe> {
  const socket = tls.connect({ host: '127.0.0.1', port, ca: readFileSync(caFile), ALPNProtocols: ['h2', 'http/1.1'] });
  try {
    await withDeadline(
      new Promise<void>((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject)),
      'TLS handshake',
    );
    const alpn = socket.alpnProtocol ?? false;
    const tlsVersion = socket.getProtocol();
    if (alpn !== 'h2') return { alpn, extendedConnect: false, tlsVersion };
    const session = http2.connect(`https://127.0.0.1:${port}`, { createConnection: () => socket });
    try {
      const settings = await withDeadline(
        new Promise<http2.Settings>((resolve, reject) => session.once('remoteSettings', resolve).once('error', reject)),
        'HTTP/2 SETTINGS',
      );
      return { alpn, extendedConnect: settings.enableConnectProtocol === true, tlsVersion };
    } finally {
      session.destroy();
    }
  } finally {
    socket.destroy();
  }
}

async function withDeadline<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>(
    (_, reject) =>
      (timer = setTimeout(
        () => reject(new Error(`the TLS front's ${what} took over ${PROBE_DEADLINE_MS} ms`)),
        PROBE_DEADLINE_MS,
      )),
  );
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Requests in the front's access log by the protocol the client spoke (`HTTP/2.0`, `HTTP/1.1`). */
export interface FrontRequests {
  http2: number;
  http1: number;
  /** TLS versions seen, e.g. `['TLSv1.3']`. */
  tlsVersions: string[];
}

/** Counts the lines of an access log in FRONT_LOG_FORMAT (`$server_protocol $ssl_protocol $status $request_uri`). */
export function countFrontRequests(log: string): FrontRequests {
  const lines = log
    .split('\n')
    .map((line) => line.trim().split(' '))
    .filter((fields) => fields.length >= 2);
  return {
    http2: lines.filter(([protocol]) => protocol === 'HTTP/2.0').length,
    http1: lines.filter(([protocol]) => protocol === 'HTTP/1.1').length,
    tlsVersions: [...new Set(lines.map((fields) => fields[1]!).filter((v) => v !== '-'))],
  };
}

/** The front's figures for a run's metrics: requests by protocol and RFC 8441 support (1/0). */
export function frontMetrics(probe: FrontProbe, requests: FrontRequests): Record<string, number> {
  return {
    front_h2_requests: requests.http2,
    front_http1_requests: requests.http1,
    front_alpn_h2: probe.alpn === 'h2' ? 1 : 0,
    front_ws_over_h2: probe.extendedConnect ? 1 : 0,
  };
}
