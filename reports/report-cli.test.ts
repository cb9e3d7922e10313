import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildFixtureDocument } from '../test/support/report-fixtures.js';
import { EXIT } from '../cli/exit-codes.js';
import { runReportCli } from './report-cli.js';
import { serialiseResults, writeReport } from './write.js';

let workDir: string;

beforeEach(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'report-cli-'));
});

afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

function captureOutput(): { out: string[]; err: string[]; io: { out(text: string): void; err(text: string): void } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (text) => out.push(text), err: (text) => err.push(text) } };
}

async function readTree(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path.slice(dir.length + 1), await readFile(path, 'utf8'));
  }
  return files;
}

describe('report-cli', () => {
  it('rebuilds the same report, byte for byte, from saved results into another folder', async () => {
    const original = join(workDir, 'run');
    const rebuilt = join(workDir, 'rebuilt');
    await writeReport(buildFixtureDocument(), original, { screenshot: false });
    const { io, err } = captureOutput();
    expect(
      await runReportCli([join(original, 'results.json'), '--out', rebuilt, '--quiet', '--no-screenshot'], io),
    ).toBe(EXIT.ok);
    expect(err).toEqual([]);
    const before = await readTree(original);
    expect([...before.keys()].sort()).toEqual(
      expect.arrayContaining([
        'REPORT.md',
        'report.html',
        'scenarios/steady.md',
        'charts/steady-latency-percentiles.svg',
        'charts/verdict-grid.svg',
      ]),
    );
    expect(before.has('report-first-screen.png')).toBe(false);
    expect(await readTree(rebuilt)).toEqual(before);
  });

  it('rebuilds in place by default without rewriting the results file it read', async () => {
    const dir = join(workDir, 'run');
    await writeReport(buildFixtureDocument(), dir, { screenshot: false });
    const resultsPath = join(dir, 'results.json');
    // A results file written by another tool, formatted differently: it must stay as it was.
    await writeFile(resultsPath, JSON.stringify(buildFixtureDocument()));
    const resultsBefore = await stat(resultsPath);
    await rm(join(dir, 'REPORT.md'));
    const { io, out } = captureOutput();
    expect(await runReportCli([resultsPath, '--no-screenshot'], io)).toBe(EXIT.ok);
    expect((await stat(resultsPath)).mtimeMs).toBe(resultsBefore.mtimeMs);
    expect(await readFile(join(dir, 'REPORT.md'), 'utf8')).toContain('## Claims in full');
    expect(out.join('')).toMatch(/steady latency_p50_us/);
  });

  it.each([
    ['a missing file', async () => join(workDir, 'nope.json'), /no such file: .*nope\.json/],
    ['a file that is not JSON', async () => writeInput('not json {'), /is not JSON/],
    ['JSON that is not a results document', async () => writeInput('{"hello": 1}'), /is not a results document/],
    [
      'another schema version',
      async () => writeInput(serialiseResults({ ...buildFixtureDocument(), schemaVersion: 99 })),
      /has schema version 99; this report reads version 1 or 2/,
    ],
  ])('exits 2 with a clear message for %s', async (_, makeInput, message) => {
    const { io, err } = captureOutput();
    expect(await runReportCli([await makeInput()], io)).toBe(EXIT.usage);
    expect(err.join('')).toMatch(message);
  });

  it('exits 2 with the usage for bad arguments, and 0 for --help', async () => {
    const bad = captureOutput();
    expect(await runReportCli([], bad.io)).toBe(EXIT.usage);
    expect(bad.err.join('')).toContain('expected one results file, got 0');
    const help = captureOutput();
    expect(await runReportCli(['--help'], help.io)).toBe(EXIT.ok);
    expect(help.out.join('')).toContain('Usage: node dist/reports/report-cli.js <results.json>');
  });

  it('runs as a script from dist/ and sets the exit code (needs `npm run build` first)', () => {
    const cli = new URL('../dist/reports/report-cli.js', import.meta.url);
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, [cli.pathname, join(workDir, 'missing.json')], {
        stdio: 'pipe',
        encoding: 'utf8',
      });
    } catch (error) {
      ({ status, stderr } = error as { status: number; stderr: string });
    }
    expect(status).toBe(EXIT.usage);
    expect(stderr).toContain('no such file');
  });
});

async function writeInput(content: string): Promise<string> {
  const file = join(workDir, 'input.json');
  await writeFile(file, content);
  return file;
}
