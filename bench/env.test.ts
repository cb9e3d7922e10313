import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { collectEnvironment, formatCommand, RECORDED_PACKAGES } from './env.js';

describe('collectEnvironment', () => {
  const env = collectEnvironment([
    process.execPath,
    `${process.cwd()}/dist/bench/cli.js`,
    '--scenario',
    'steady,fan-out',
    '--note',
    "it's",
  ]);

  it('records the runtime and machine', () => {
    expect(env.node).toBe(process.version);
    expect(env.cpuCount).toBeGreaterThan(0);
    expect(env.totalMemoryMiB).toBeGreaterThan(0);
    expect(env.cpuModel.length).toBeGreaterThan(0);
  });

  it('reads installed package versions from node_modules', () => {
    expect(Object.keys(env.packages)).toEqual([...RECORDED_PACKAGES]);
    expect(env.packages['ws']).toMatch(/^\d+\.\d+\.\d+/);
    expect(env.packages['vega']).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('records the git commit of the checkout', () => {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    expect(env.gitSha).toBe(head);
    expect(typeof env.gitDirty).toBe('boolean');
  });

  it('records the command relative to the working folder, quoted for a shell', () => {
    expect(env.command).toBe("node dist/bench/cli.js --scenario steady,fan-out --note 'it'\\''s'");
  });
});

describe('formatCommand', () => {
  it('keeps relative script paths and quotes arguments with spaces', () => {
    expect(formatCommand(['/usr/bin/node', 'dist/bench/cli.js', '--out', 'my results'], '/work')).toBe(
      "node dist/bench/cli.js --out 'my results'",
    );
  });
});
