/**
 * Everything checked before anything connects: the command line, the config file against its JSON
 * Schema (each error names the field, the value and the fix), JSON paths, the line caps, and the
 * redaction of secrets from what gets recorded.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../cli/usage-error.js';
import { parseMeasureArgs } from './cli-args.js';
import { runMeasureCli } from './cli.js';
import { parseMeasureConfig } from './config-file.js';
import { parseJsonPath, readPath, stampToEpochUs } from './latency-field.js';
import { LineGuard } from './line-guard.js';
import { redactArgv } from './measure-document.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'measure-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function errorOf(argv: string[]): string {
  try {
    parseMeasureArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('command line', () => {
  it('picks the protocol from the scheme and applies defaults', () => {
    const command = parseMeasureArgs([
      'https://example.test/events',
      '--header',
      'Authorization: Bearer x',
      '--connections',
      '3',
    ]);
    if (command.kind !== 'run') throw new Error('expected a run');
    const [w] = command.settings.workloads;
    expect(w).toMatchObject({
      protocol: 'sse',
      method: 'GET',
      connections: 3,
      insecure: false,
      name: 'example.test/events',
      headers: { authorization: 'Bearer x' },
    });
    const ws = parseMeasureArgs(['wss://example.test/', '--send', 'hi', '--send', 'there']);
    if (ws.kind !== 'run') throw new Error('expected a run');
    expect(ws.settings.workloads[0]).toMatchObject({ protocol: 'ws', send: ['hi', 'there'] });
  });

  it('names the option, the value and the fix', () => {
    expect(errorOf(['ftp://host/x'])).toMatch(/<url>.*"ftp:\/\/host\/x".*use http:\/\/ or https:\/\/ for SSE/);
    expect(errorOf(['http://h/', '--connections', '0'])).toMatch(
      /--connections: must be an integer from 1 to 10000, got 0/,
    );
    expect(errorOf(['http://h/', '--ramp-ms', 'soon'])).toMatch(/--ramp-ms: must be a number, got "soon"/);
    expect(errorOf(['http://h/', '--body', '{nope'])).toMatch(/--body: is not JSON .*give a JSON object/);
    expect(errorOf(['http://h/', '--header', 'no colon'])).toMatch(
      /--header: is not a header, got "no colon"; write it as 'Name: value'/,
    );
    expect(errorOf(['ws://h/', '--check-resume', '3'])).toMatch(/--check-resume: .*Last-Event-ID.*http\(s\)/);
    expect(errorOf(['http://h/', '--latency-field', 'a..b'])).toMatch(/--latency-field: is not a JSON path/);
    expect(errorOf(['http://h/', '--clock', 'epoch-s'])).toMatch(
      /--clock: must be one of epoch-ms, epoch-us, epoch-ns/,
    );
    expect(errorOf([])).toMatch(/expected one endpoint URL, got none/);
  });

  it('reads @file bodies and messages', () => {
    const file = path.join(dir, 'body.json');
    writeFileSync(file, '{"prompt":"hi"}');
    const command = parseMeasureArgs(['http://h/', '--body', `@${file}`]);
    if (command.kind !== 'run') throw new Error('expected a run');
    expect(command.settings.workloads[0]).toMatchObject({ body: '{"prompt":"hi"}', method: 'POST' });
    expect(errorOf(['http://h/', '--body', '@/no/such/file.json'])).toMatch(
      /cannot read \/no\/such\/file.json \(ENOENT\)/,
    );
  });

  it('exits 2 before connecting on bad input', async () => {
    const errors: string[] = [];
    const code = await runMeasureCli(['http://127.0.0.1:1/', '--repeats', '0'], {
      stdout: () => undefined,
      stderr: (text) => errors.push(text),
    });
    expect(code).toBe(2);
    expect(errors.join('')).toMatch(/--repeats: must be an integer from 1 to 1000/);
  });
});

describe('config file', () => {
  const valid = {
    repeats: 5,
    defaults: { connections: 2 },
    workloads: [
      { url: 'http://127.0.0.1:1/a', name: 'a' },
      { url: 'ws://127.0.0.1:1/b', send: ['x'] },
    ],
  };

  it('resolves several workloads with shared defaults', () => {
    const file = path.join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify(valid));
    const command = parseMeasureArgs(['--config', file]);
    if (command.kind !== 'run') throw new Error('expected a run');
    expect(command.settings.repeats).toBe(5);
    expect(command.settings.workloads.map((w) => [w.protocol, w.name, w.connections])).toEqual([
      ['sse', 'a', 2],
      ['ws', '127.0.0.1:1/b', 2],
    ]);
  });

  it('reports schema violations with the field path, the value and the fix', () => {
    const check = (doc: unknown): string => {
      try {
        parseMeasureConfig(JSON.stringify(doc), 'm.json');
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('expected a UsageError');
    };
    expect(check({ workloads: [{ url: 'http://h/', conections: 3 }] })).toMatch(
      /m\.json: workloads\[0\]\.conections: is not a known field, got 3; remove it or fix its spelling/,
    );
    expect(check({ workloads: [{ url: 'http://h/', connections: 0 }] })).toMatch(
      /workloads\[0\]\.connections: must be >= 1, got 0; give a value >= 1/,
    );
    expect(check({ workloads: [{ url: 'http://h/', clock: 'epoch-s' }] })).toMatch(
      /workloads\[0\]\.clock: .*got "epoch-s"; use one of "epoch-ms", "epoch-us", "epoch-ns"/,
    );
    expect(check({ workloads: [{ name: 'x' }] })).toMatch(/workloads\[0\]: .*; add "url"/);
    expect(check({ workloads: [] })).toMatch(/workloads: .*list at least one workload/);
    expect(check({ repeats: '5', workloads: [{ url: 'http://h/' }] })).toMatch(
      /repeats: must be integer, got "5"; give a integer/,
    );
  });

  it('exits 2 naming the file for a bad config', async () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ workloads: [{ url: 'gopher://h/' }] }));
    const errors: string[] = [];
    expect(
      await runMeasureCli(['--config', file], { stdout: () => undefined, stderr: (text) => errors.push(text) }),
    ).toBe(2);
    expect(errors.join('')).toMatch(/bad\.json: workloads\[0\]\.url: must match pattern/);
  });
});

describe('latency field', () => {
  it('parses paths and converts stamps', () => {
    expect(parseJsonPath('$.meta.items[2]["sent at"]')).toEqual(['meta', 'items', 2, 'sent at']);
    expect(readPath({ a: [{ t: 5 }] }, parseJsonPath('a[0].t')!)).toBe(5);
    expect(stampToEpochUs(1_700_000_000_123, 'epoch-ms')).toBe(1_700_000_000_123_000);
    expect(stampToEpochUs('1700000000123456', 'epoch-us')).toBe(1_700_000_000_123_456);
    expect(stampToEpochUs('soon', 'epoch-ms')).toBeUndefined();
  });
});

describe('line guard', () => {
  it('caps lines and events, and resets at line and event ends', () => {
    const guard = new LineGuard(8, 12);
    expect(guard.feed(Buffer.from('data: a\r\n\r\n'))).toBeUndefined();
    expect(guard.feed(Buffer.from('data: 1\ndata: 2\n'))).toBe('event-too-large');
    expect(new LineGuard(8, 100).feed(Buffer.from('data: 123'))).toBe('line-too-long');
  });
});

describe('redaction', () => {
  it('hides header values and URL credentials from the recorded command', () => {
    expect(redactArgv(['https://u:p@h/x', '--header', 'Authorization: Bearer sk-1', '--header=X-Key: k'])).toEqual([
      'https://h/x',
      '--header',
      'Authorization: <redacted>',
      '--header=X-Key: <redacted>',
    ]);
  });
});
