/** The `sse-ws-bench` command as a user meets it (the bin spawned), and its dispatch decisions. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXIT } from '../cli/exit-codes.js';
import { REPO_ROOT } from './paths.js';
import { planInvocation, runSubcommandCli, SUBCOMMANDS, type Subcommand } from './subcommands.js';

const BIN = path.join(REPO_ROOT, 'bin', 'sse-ws-bench.js');

function runBin(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('the sse-ws-bench bin', () => {
  it('--help lists every command with its one line', async () => {
    const run = await runBin(['--help']);
    expect(run.code).toBe(EXIT.ok);
    const lines = run.stdout.split('\n').map((line) => line.trim());
    for (const command of SUBCOMMANDS)
      expect(lines.some((line) => line.startsWith(`${command.name} `) && line.endsWith(command.summary))).toBe(true);
  });

  it("bench --help prints the bench CLI's own help, once, and runs nothing", async () => {
    const run = await runBin(['bench', '--help']);
    expect(run.code).toBe(EXIT.ok);
    expect(count(run.stdout, 'Usage: npm run bench')).toBe(1);
    expect(run.stdout).toContain('--scenario');
  });

  it('compare --help reaches the compare CLI, which starts only when it is the main module', async () => {
    const run = await runBin(['compare', '--help']);
    expect(run.code).toBe(EXIT.ok);
    expect(count(run.stdout, 'Usage: npm run compare')).toBe(1);
  });

  it('an unknown command is named, the valid ones listed, exit 2', async () => {
    const run = await runBin(['benhc', '--scenario', 'steady']);
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toContain('unknown command "benhc"');
    expect(run.stderr).toContain(SUBCOMMANDS.map((s) => s.name).join(', '));
    expect(run.stdout).toBe('');
  });

  it('passes the options through unshifted: the server sees --transport, not its own name', async () => {
    const run = await runBin(['server', '--transport', 'carrier-pigeon']);
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toMatch(/--transport must be one of .*carrier-pigeon/);
  });
});

describe('planInvocation', () => {
  it('with no command prints the list as a usage error', () => {
    expect(planInvocation([])).toMatchObject({ kind: 'print', exitCode: EXIT.usage });
  });

  it('`help <command>` is `<command> --help`', () => {
    expect(planInvocation(['help', 'compare'])).toMatchObject({
      kind: 'run',
      subcommand: { name: 'compare' },
      args: ['--help'],
    });
  });

  it('answers --help itself for commands that have none of their own', () => {
    expect(planInvocation(['micro', '--help'])).toMatchObject({
      kind: 'print',
      exitCode: EXIT.ok,
      text: expect.stringContaining('--time-ms'),
    });
    expect(planInvocation(['verify-wire', '-h'])).toMatchObject({ kind: 'print', exitCode: EXIT.ok });
  });

  it('refuses options for a command that takes none, instead of ignoring them', () => {
    expect(planInvocation(['verify-wire', '--fast'])).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('--fast'),
    });
  });

  it('refuses an option before the command', () => {
    expect(planInvocation(['--scenario', 'steady'])).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('--scenario'),
    });
  });
});

describe('runSubcommandCli', () => {
  afterEach(() => {
    process.exitCode = undefined;
    vi.restoreAllMocks();
  });

  it('a command whose module is not built says so and exits 2', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const missing: Subcommand = { name: 'measure', summary: 'not built', entry: './no-such-entry.js' };
    await runSubcommandCli(['measure', '--help'], [missing]);
    expect(process.exitCode).toBe(EXIT.usage);
    expect(String(stderr.mock.calls[0]?.[0])).toMatch(
      /measure is not available: .*no-such-entry\.js is missing.*npm run build/,
    );
  });
});
