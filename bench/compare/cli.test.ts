import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseThreshold } from './cli-args.js';
import { runCompareCli, type CliIo } from './cli.js';
import { EXIT } from '../../cli/exit-codes.js';
import { buildResultsDocument, buildStreamingCell, type CellFixture } from '../../test/support/compare-fixtures.js';
import { UsageError } from '../../cli/usage-error.js';

interface CapturedIo extends CliIo {
  stdout: string;
  stderr: string;
}

function captureIo(env: Record<string, string> = {}): CapturedIo {
  const io: CapturedIo = {
    stdout: '',
    stderr: '',
    env,
    writeStdout: (text) => void (io.stdout += text),
    writeStderr: (text) => void (io.stderr += text),
  };
  return io;
}

describe('compare CLI', () => {
  let dir = '';
  let basePath = '';
  let headPath = '';

  async function writeDocuments(
    baseCells: CellFixture[],
    headCells: CellFixture[],
    headChanges: Record<string, unknown> = {},
  ): Promise<void> {
    await writeFile(basePath, JSON.stringify(buildResultsDocument({ cells: baseCells, repeats: 5, seed: 1 })));
    await writeFile(
      headPath,
      JSON.stringify({ ...buildResultsDocument({ cells: headCells, repeats: 5, seed: 2 }), ...headChanges }),
    );
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'compare-cli-'));
    basePath = join(dir, 'base.json');
    headPath = join(dir, 'head.json');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 0 on an A/A comparison and prints the summary', async () => {
    const cells = [buildStreamingCell('steady/sse', 7)];
    await writeDocuments(cells, cells);
    const io = captureIo();
    expect(await runCompareCli([basePath, headPath], io)).toBe(EXIT.ok);
    expect(io.stdout).toContain('## Benchmark comparison');
    expect(io.stderr).toBe('');
  });

  it('exits 3 on a slowdown and writes markdown, step summary and both exports', async () => {
    await writeDocuments(
      [buildStreamingCell('steady/sse', 5)],
      [buildStreamingCell('steady/sse', 5, { latency_p50_us: { center: 1040, noisePct: 5 } })],
    );
    const stepSummary = join(dir, 'step-summary.md');
    await writeFile(stepSummary, 'earlier step\n');
    const io = captureIo({ GITHUB_STEP_SUMMARY: stepSummary });
    const args = [
      basePath,
      headPath,
      '--markdown',
      join(dir, 'summary.md'),
      '--bencher',
      join(dir, 'bmf.json'),
      '--gab-out',
      join(dir, 'gab'),
    ];
    expect(await runCompareCli(args, io)).toBe(EXIT.regression);
    const summary = await readFile(join(dir, 'summary.md'), 'utf8');
    expect(summary).toContain('**regressed**');
    expect(await readFile(stepSummary, 'utf8')).toBe(`earlier step\n${summary}`);
    expect(
      JSON.parse(await readFile(join(dir, 'bmf.json'), 'utf8'))['steady/sse']['latency-p50-us'].value,
    ).toBeGreaterThan(1000);
    expect(JSON.parse(await readFile(join(dir, 'gab-smaller.json'), 'utf8')).length).toBeGreaterThan(0);
    expect(JSON.parse(await readFile(join(dir, 'gab-bigger.json'), 'utf8'))[0].name).toBe(
      'steady/sse throughput_msgs_per_sec',
    );
  });

  it('lets --threshold relax a metric', async () => {
    await writeDocuments(
      [buildStreamingCell('steady/sse', 5)],
      [buildStreamingCell('steady/sse', 5, { latency_p50_us: { center: 1040, noisePct: 5 } })],
    );
    expect(await runCompareCli([basePath, headPath, '--threshold', 'latency_p50_us=60%'], captureIo())).toBe(EXIT.ok);
  });

  it('exits 1 when head loses a message', async () => {
    await writeDocuments(
      [buildStreamingCell('steady/sse', 5)],
      [buildStreamingCell('steady/sse', 5, { lost_count: [1, 0, 0, 0, 0] })],
    );
    expect(await runCompareCli([basePath, headPath], captureIo())).toBe(EXIT.correctness);
  });

  it('exits 5 with --strict when a metric is too noisy to decide', async () => {
    const noisy = (center: number) => buildStreamingCell('steady/sse', 5, { latency_p50_us: { center, noisePct: 40 } });
    await writeDocuments([noisy(800)], [noisy(840)]);
    expect(await runCompareCli([basePath, headPath], captureIo())).toBe(EXIT.ok);
    expect(await runCompareCli([basePath, headPath, '--strict'], captureIo())).toBe(EXIT.inconclusive);
  });

  it('exits 2 with a clear error for a baseline of another schema version', async () => {
    const cells = [buildStreamingCell('steady/sse', 5)];
    await writeDocuments(cells, cells);
    await writeFile(
      basePath,
      JSON.stringify({ ...buildResultsDocument({ cells, repeats: 5, seed: 1 }), schemaVersion: 999 }),
    );
    const io = captureIo();
    expect(await runCompareCli([basePath, headPath], io)).toBe(EXIT.usage);
    expect(io.stderr).toContain(
      `${basePath} has results schemaVersion 999, but this compare reads schemaVersion 1 or 2`,
    );
    expect(io.stdout).toBe('');
  });

  it('exits 2 on an unknown option, a wrong file count or an unknown threshold metric', async () => {
    const cells = [buildStreamingCell('steady/sse', 5)];
    await writeDocuments(cells, cells);
    const unknownOption = captureIo();
    expect(await runCompareCli([basePath, headPath, '--fast'], unknownOption)).toBe(EXIT.usage);
    expect(unknownOption.stderr).toContain("'--fast'");
    expect(unknownOption.stderr).toContain('--help');
    const oneFile = captureIo();
    expect(await runCompareCli([basePath], oneFile)).toBe(EXIT.usage);
    expect(oneFile.stderr).toContain('expected two results files');
    const typo = captureIo();
    expect(await runCompareCli([basePath, headPath, '--threshold', 'latency_p5O_us=10'], typo)).toBe(EXIT.usage);
    expect(typo.stderr).toContain('unknown metric "latency_p5O_us"');
  });

  it('prints help with every exit code', async () => {
    const io = captureIo();
    expect(await runCompareCli(['--help'], io)).toBe(EXIT.ok);
    for (const code of [0, 1, 2, 3, 4, 5]) expect(io.stdout).toMatch(new RegExp(`^  ${code}   `, 'm'));
    expect(io.stdout).toContain('exact-changed');
  });
});

describe('parseThreshold', () => {
  it('parses METRIC=PCT and rejects anything else', () => {
    expect(parseThreshold('latency_p99_us=20')).toEqual(['latency_p99_us', 20]);
    expect(parseThreshold('throughput_msgs_per_sec=7.5%')).toEqual(['throughput_msgs_per_sec', 7.5]);
    expect(() => parseThreshold('latency_p99_us')).toThrow(UsageError);
    expect(() => parseThreshold('latency_p99_us=0')).toThrow(UsageError);
    expect(() => parseThreshold('latency_p99_us=-3')).toThrow(UsageError);
  });
});
