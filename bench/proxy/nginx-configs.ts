/**
 * The nginx configurations the proxy scenarios run, as data: the exact directives land in the
 * results document, so a reader sees what "default" and "tuned" meant. Only the proxy's own
 * directives differ between profiles; the frame around them (one worker, logs, temp paths inside
 * the instance's private directory) is the same for both and changes no proxying behaviour.
 */

export type NginxProfileName = 'default' | 'tuned';

export interface NginxProfile {
  name: NginxProfileName;
  description: string;
  /** Directives at `http` level (maps). */
  httpDirectives: readonly string[];
  /** Directives inside `location /`, after `proxy_pass`. */
  locationDirectives: readonly string[];
}

export const NGINX_PROFILES: Record<NginxProfileName, NginxProfile> = {
  default: {
    name: 'default',
    description:
      "a plain proxy_pass with nginx's defaults: proxy_buffering on, HTTP/1.0 to the upstream, hop-by-hop Upgrade/Connection headers not forwarded",
    httpDirectives: [],
    locationDirectives: [],
  },
  tuned: {
    name: 'tuned',
    description:
      'configured for streams: HTTP/1.1 upstream, no buffering or caching, long read timeout, Upgrade forwarded for WebSocket and Connection cleared for SSE',
    // The map is nginx's documented WebSocket recipe: "upgrade" when the client asked for one, and
    // an empty Connection header otherwise, so an SSE request is not sent upstream with `close`.
    httpDirectives: ['map $http_upgrade $connection_upgrade { default upgrade; "" ""; }'],
    locationDirectives: [
      'proxy_http_version 1.1;',
      'proxy_set_header Upgrade $http_upgrade;',
      'proxy_set_header Connection $connection_upgrade;',
      'proxy_buffering off;',
      'proxy_cache off;',
      'proxy_read_timeout 24h;',
      'proxy_send_timeout 24h;',
      'chunked_transfer_encoding on;',
    ],
  },
};

export interface NginxConfigInput {
  profile: NginxProfile;
  listenHost: string;
  listenPort: number;
  /** host:port of the server behind the proxy (IPv6 literals in brackets). */
  upstream: string;
  /** The instance's private directory: temp files and nothing else go here. */
  tmpDir: string;
  /** Modules the build left out (`nginx -V`'s --without-…): their directives would not parse. */
  modulesLeftOut?: readonly string[];
  /** A TLS + HTTP/2 front instead of plain HTTP/1.1 towards the client; the upstream stays plain HTTP. */
  tlsFront?: NginxTlsFront;
}

/**
 * How nginx is switched to HTTP/2: a `listen … ssl http2;` parameter before 1.25.1, the `http2 on;`
 * directive from 1.25.1 (which deprecates the parameter). Chosen from `nginx -V`'s version.
 */
export type Http2Syntax = 'listen-parameter' | 'directive';

export interface NginxTlsFront {
  certFile: string;
  keyFile: string;
  http2Syntax: Http2Syntax;
  /** Where each request is logged with its protocol (`$server_protocol`, `$ssl_protocol`), for the negotiated-protocol check. */
  accessLogFile: string;
}

/** The first nginx version with the `http2 on;` directive. */
const HTTP2_DIRECTIVE_SINCE = [1, 25, 1] as const;

/** The HTTP/2 switch a given nginx version parses (`1.22.1` → the listen parameter). */
export function http2SyntaxFor(version: string): Http2Syntax {
  const parts = version.split('.').map(Number);
  if (parts.some(Number.isNaN)) return 'directive';
  for (let i = 0; i < HTTP2_DIRECTIVE_SINCE.length; i++) {
    const part = parts[i] ?? 0;
    if (part !== HTTP2_DIRECTIVE_SINCE[i]) return part > HTTP2_DIRECTIVE_SINCE[i]! ? 'directive' : 'listen-parameter';
  }
  return 'directive';
}

/** One line per request the TLS front served: protocol as the client spoke it, TLS version, status, path. */
export const FRONT_LOG_FORMAT = "log_format front '$server_protocol $ssl_protocol $status $request_uri';";

/**
 * The `server` block's opening lines. Over TLS, nginx offers ALPN h2 and http/1.1 on the same port:
 * SSE gets HTTP/2 streams; a WebSocket client offers only http/1.1 and upgrades as before, because
 * nginx does not implement WebSocket over HTTP/2 (RFC 8441's extended CONNECT).
 */
function renderListen(address: string, front: NginxTlsFront | undefined): string[] {
  if (front === undefined) return [`    listen ${address};`];
  const listen =
    front.http2Syntax === 'listen-parameter'
      ? [`    listen ${address} ssl http2;`]
      : [`    listen ${address} ssl;`, '    http2 on;'];
  return [
    ...listen,
    `    ssl_certificate ${front.certFile};`,
    `    ssl_certificate_key ${front.keyFile};`,
    '    ssl_protocols TLSv1.2 TLSv1.3;',
    `    access_log ${front.accessLogFile} front;`,
  ];
}

/**
 * Temp paths nginx creates at start, with the module each belongs to. Debian compiles in
 * /var/lib/nginx/…, which may be unwritable or shared with another instance, so all are set.
 */
const TEMP_PATH_DIRECTIVES: readonly [directive: string, module: string][] = [
  ['client_body_temp_path', 'http_core_module'],
  ['proxy_temp_path', 'http_proxy_module'],
  ['fastcgi_temp_path', 'http_fastcgi_module'],
  ['uwsgi_temp_path', 'http_uwsgi_module'],
  ['scgi_temp_path', 'http_scgi_module'],
];

/** The whole nginx.conf for one private instance. */
export function renderNginxConfig(input: NginxConfigInput): string {
  const listen = input.listenHost.includes(':') ? `[${input.listenHost}]` : input.listenHost;
  const leftOut = new Set(input.modulesLeftOut ?? []);
  const tempPaths = TEMP_PATH_DIRECTIVES.filter(([, module]) => !leftOut.has(module)).map(
    ([directive]) => `  ${directive} ${input.tmpDir}/${directive.replace(/_temp_path$/, '')};`,
  );
  return [
    '# Generated by bench/proxy/nginx-configs.ts for one benchmark run.',
    // One worker on a 2-core machine: the server and the clients need the other core.
    'worker_processes 1;',
    'error_log stderr warn;',
    'events { worker_connections 4096; }',
    'http {',
    '  access_log off;',
    ...tempPaths,
    ...input.profile.httpDirectives.map((d) => `  ${d}`),
    ...(input.tlsFront !== undefined ? [`  ${FRONT_LOG_FORMAT}`] : []),
    '  server {',
    ...renderListen(`${listen}:${input.listenPort}`, input.tlsFront),
    '    location / {',
    `      proxy_pass http://${input.upstream};`,
    ...input.profile.locationDirectives.map((d) => `      ${d}`),
    '    }',
    '  }',
    '}',
    '',
  ].join('\n');
}
