/** The nginx configurations as rendered: the directives each profile promises, paths kept private. */
import { describe, expect, it } from 'vitest';
import { parseNginxBuild } from './nginx-binary.js';
import { NGINX_PROFILES, renderNginxConfig } from './nginx-configs.js';

const input = { listenHost: '127.0.0.1', listenPort: 8081, upstream: '127.0.0.1:9000', tmpDir: '/tmp/private' };

describe('renderNginxConfig', () => {
  it('puts every temp path inside the private directory and proxies to the upstream', () => {
    const text = renderNginxConfig({ ...input, profile: NGINX_PROFILES.default });
    for (const name of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'])
      expect(text).toContain(`${name}_temp_path /tmp/private/${name};`);
    expect(text).toContain('listen 127.0.0.1:8081;');
    expect(text).toContain('proxy_pass http://127.0.0.1:9000;');
    expect(text).not.toMatch(/\/var\/(lib|log)\//);
    expect(text).toContain('access_log off;');
  });

  it('leaves nginx its defaults in the default profile and sets the streaming directives in the tuned one', () => {
    const defaults = renderNginxConfig({ ...input, profile: NGINX_PROFILES.default });
    const tuned = renderNginxConfig({ ...input, profile: NGINX_PROFILES.tuned });
    for (const directive of ['proxy_http_version', 'proxy_buffering', 'Upgrade', 'proxy_read_timeout'])
      expect(defaults).not.toContain(directive);
    for (const directive of [
      'proxy_http_version 1.1;',
      'proxy_buffering off;',
      'proxy_cache off;',
      'proxy_read_timeout 24h;',
      'proxy_set_header Upgrade $http_upgrade;',
      'proxy_set_header Connection $connection_upgrade;',
      'chunked_transfer_encoding on;',
    ]) {
      expect(tuned).toContain(directive);
    }
    expect(tuned).toContain('map $http_upgrade $connection_upgrade { default upgrade; "" ""; }');
  });

  it('omits the temp paths of modules the build left out, and brackets an IPv6 listen address', () => {
    const text = renderNginxConfig({
      ...input,
      listenHost: '::1',
      profile: NGINX_PROFILES.tuned,
      modulesLeftOut: ['http_uwsgi_module', 'http_scgi_module'],
    });
    expect(text).not.toMatch(/uwsgi|scgi/);
    expect(text).toContain('proxy_temp_path /tmp/private/proxy;');
    expect(text).toContain('listen [::1]:8081;');
  });
});

describe('renderNginxConfig with a TLS + HTTP/2 front', () => {
  const tlsFront = {
    certFile: '/tmp/tls/cert.pem',
    keyFile: '/tmp/tls/key.pem',
    accessLogFile: '/tmp/private/front.log',
  };

  it('listens with ssl and HTTP/2 in the syntax of the nginx at hand, and proxies plain HTTP upstream', () => {
    const old = renderNginxConfig({
      ...input,
      profile: NGINX_PROFILES.tuned,
      tlsFront: { ...tlsFront, http2Syntax: 'listen-parameter' },
    });
    expect(old).toContain('listen 127.0.0.1:8081 ssl http2;');
    expect(old).not.toContain('http2 on;');
    const current = renderNginxConfig({
      ...input,
      profile: NGINX_PROFILES.tuned,
      tlsFront: { ...tlsFront, http2Syntax: 'directive' },
    });
    expect(current).toContain('listen 127.0.0.1:8081 ssl;\n    http2 on;');
    for (const text of [old, current]) {
      expect(text).toContain('ssl_certificate /tmp/tls/cert.pem;');
      expect(text).toContain('ssl_certificate_key /tmp/tls/key.pem;');
      expect(text).toContain('access_log /tmp/private/front.log front;');
      expect(text).toContain('proxy_pass http://127.0.0.1:9000;');
    }
  });
});

describe('parseNginxBuild', () => {
  it('reads the version and the modules configured out', () => {
    const text =
      'nginx version: nginx/1.22.1\nconfigure arguments: --with-http_ssl_module --without-http_uwsgi_module --without-http_scgi_module';
    expect(parseNginxBuild(text)).toEqual({
      version: '1.22.1',
      modulesLeftOut: ['http_uwsgi_module', 'http_scgi_module'],
    });
  });
});
