import { describe, expect, it } from 'vitest';
import './all-families.js';
import { UsageError } from '../cli/usage-error.js';
import { resolvePlan } from './plan.js';
import { CLAIM_RULES } from '../reports/claim-rules/index.js';
import { SCENARIOS } from './scenarios.js';
import { TRANSPORTS, type TransportName } from '../transports/registry.js';

/** Scenario names a rule's pattern matches (a trailing `*` matches a prefix). */
function matching(pattern: string, names: readonly string[]): string[] {
  return names.filter((name) => (pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern));
}

describe('resolvePlan', () => {
  it('gives every cell of every scenario a unique id, sweeps named by their identifying params', () => {
    const plan = resolvePlan({ profile: 'quick', scenarios: SCENARIOS.map((s) => s.name) });
    const ids = plan.cells.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('wire/sse/size=16,kind=text');
    expect(ids).toContain('steady/sse');
  });

  it('interleaves the cells of a scenario across repeats: A B A B', () => {
    const plan = resolvePlan({ profile: 'quick', scenarios: ['steady'], repeats: 2 });
    expect(plan.order.map((slot) => `${plan.cells[slot.cell]!.variant}#${slot.repeat}`)).toEqual([
      'sse#0',
      'ws#0',
      'sse#1',
      'ws#1',
    ]);
  });

  it('keeps the CI profile to the CI cells', () => {
    const plan = resolvePlan({ profile: 'ci' });
    expect(plan.cells.every((c) => c.scenario.inCiProfile)).toBe(true);
    expect(plan.cells.map((c) => c.id)).not.toContain('max-throughput/ws-uncorked');
  });

  it('runs in the default profile only the share each scenario marks, and every cell in full', () => {
    const defaults = resolvePlan({ profile: 'default' });
    expect(defaults.cells.every((c) => c.scenario.inDefaultProfile !== undefined)).toBe(true);
    const ids = defaults.cells.map((c) => c.id);
    expect(ids).toContain('reconnect-reset/sse-no-resume');
    expect(ids).not.toContain('reconnect-storm/sse-no-resume');
    expect(ids).toContain('wire/sse/size=65536,kind=binary');
    expect(ids).not.toContain('wire/sse/size=128,kind=text');
    expect(ids).not.toContain('tcp-floor/tcp-timer');
    const full = resolvePlan({ profile: 'full' });
    expect(full.cells.length).toBe(resolvePlan({ profile: 'quick' }).cells.length);
    expect(full.cells.length).toBeGreaterThan(defaults.cells.length);
    // Named, a scenario outside the default runs whole; one inside it runs its default share.
    expect(resolvePlan({ profile: 'default', scenarios: ['max-throughput'] }).cells.length).toBeGreaterThan(1);
    expect(resolvePlan({ profile: 'default', scenarios: ['reconnect-storm'] }).cells.map((c) => c.variant)).toEqual([
      'sse-resume',
      'ws-resume',
    ]);
  });

  it("runs by default what every claim's verdict rests on", () => {
    const ran = resolvePlan({ profile: 'default' }).scenarios.map((s) => s.name);
    for (const rule of CLAIM_RULES) {
      if (rule.scenarios.length === 0) continue; // answered from outside the run (WS-7)
      const found = rule.scenarios.map((pattern) => matching(pattern, ran).length > 0);
      expect(
        rule.needs === 'all' ? found.every(Boolean) : found.some(Boolean),
        `${rule.id} reads ${rule.scenarios.join(', ')}`,
      ).toBe(true);
    }
  });

  it('names the field of a bad option', () => {
    expect(() => resolvePlan({ profile: 'quick', durationMs: 5 })).toThrow(UsageError);
    expect(() => resolvePlan({ profile: 'quick', durationMs: 5 })).toThrow(
      /--duration-ms: must be an integer from 100/,
    );
    expect(() => resolvePlan({ profile: 'quick', transports: ['quic'] })).toThrow(
      /--transports: unknown transport "quic"/,
    );
  });
});

describe('scenarios that measure only our own servers', () => {
  const targets = { sse: 'http://127.0.0.1:9/stream' };

  it('are refused when named with --target, the message saying why and what to do', () => {
    expect(() => resolvePlan({ profile: 'quick', scenarios: ['steady', 'wire'], targets })).toThrow(
      /--target: scenario wire counts the bytes of both ends.*drop it from --scenario, or run it without --target/,
    );
    expect(() => resolvePlan({ profile: 'quick', scenarios: ['reconnect-kill'], targets })).toThrow(
      /kills and restarts the server/,
    );
  });

  it('are skipped with a warning when the profile brings them in', () => {
    const plan = resolvePlan({ profile: 'quick', targets });
    expect(plan.scenarios.map((s) => s.name)).not.toContain('wire');
    expect(plan.skippedScenarios).toContain('wire');
    expect(plan.warnings).toContain(
      "wire: skipped with --target: it counts the bytes of both ends of every connection, the server's included",
    );
    expect(plan.cells.every((cell) => cell.target !== undefined)).toBe(true);
  });
});

/** The SSE-over-TLS transport, found by its capabilities: a TLS transport's name lives in transports/ only. */
const SSE_TLS = TRANSPORTS.find((t) => t.family === 'sse' && t.capabilities.tls && !t.capabilities.multiplexed)!.name;
const tlsTarget = (): Partial<Record<TransportName, string>> => ({ [SSE_TLS]: 'https://127.0.0.1:9/stream' });

describe('cells that cannot measure the --target given (checked here, not mid-run)', () => {
  it('a fault cell needs an http:// or ws:// target: its fault proxy forwards plain TCP', () => {
    const tls = tlsTarget();
    expect(() => resolvePlan({ profile: 'quick', scenarios: ['reconnect-reset'], targets: tls })).toThrow(
      /--target: scenario reconnect-reset relays the stream through a fault proxy that forwards plain TCP, so it needs an http:\/\/ or ws:\/\/ target, not https:/,
    );
    const plan = resolvePlan({ profile: 'full', targets: tls });
    expect(plan.cells.some((cell) => cell.scenario.family === 'faults')).toBe(false);
    expect(plan.warnings).toContain(
      `reconnect-reset/${SSE_TLS}-resume: skipped with --target: it relays the stream through a fault proxy that forwards plain TCP, so it needs an http:// or ws:// target, not https:`,
    );
    const plain = resolvePlan({
      profile: 'quick',
      scenarios: ['reconnect-reset'],
      targets: { sse: 'http://127.0.0.1:9/stream' },
    });
    expect(plain.cells.map((cell) => cell.variant)).toEqual(['sse-resume', 'sse-no-resume']);
  });

  it("a proxy cell behind nginx's TLS + HTTP/2 front measures our own servers only", () => {
    const tls = tlsTarget();
    expect(() => resolvePlan({ profile: 'quick', scenarios: ['proxy-nginx'], targets: tls })).toThrow(
      /--target: scenario proxy-nginx puts nginx's TLS \+ HTTP\/2 front before our own servers/,
    );
    const plan = resolvePlan({ profile: 'full', targets: tls });
    expect(plan.cells.some((cell) => cell.params['front'] === 'tls-h2')).toBe(false);
    expect(plan.warnings.some((w) => /^proxy-nginx\/.*skipped with --target: it puts nginx's TLS/.test(w))).toBe(true);
    // Named beside a plain target, the scenario keeps the cells that can measure it.
    const both = resolvePlan({
      profile: 'quick',
      scenarios: ['proxy-nginx'],
      targets: { ...tls, sse: 'http://127.0.0.1:9/stream' },
    });
    expect(both.cells.length).toBeGreaterThan(0);
    expect(both.cells.every((cell) => cell.transport === 'sse')).toBe(true);
  });
});

describe('--client-processes', () => {
  it('splits the stream cells it can over that many local processes, and no others', () => {
    const plan = resolvePlan({ profile: 'default', clientProcesses: 4 });
    const byScenario = (name: string) => plan.cells.filter((cell) => cell.scenario.name === name);
    expect(byScenario('steady').every((cell) => cell.clientProcesses === 4)).toBe(true);
    expect(byScenario('chat').every((cell) => cell.clientProcesses === 1)).toBe(true);
    expect(plan.warnings).toContain(
      'chat: keeps its own client processes: it has chat members, who post as well as receive',
    );
  });

  it('refuses a named scenario whose clients cannot be split, a count out of range, and --shards beside it', () => {
    expect(() => resolvePlan({ profile: 'quick', scenarios: ['llm-stream'], clientProcesses: 2 })).toThrow(
      /--client-processes: scenario llm-stream streams LLM answers/,
    );
    expect(() => resolvePlan({ profile: 'quick', scenarios: ['steady'], clientProcesses: 0 })).toThrow(
      /--client-processes: must be an integer from 1 to 64/,
    );
    expect(() =>
      resolvePlan({
        profile: 'quick',
        scenarios: ['steady'],
        clientProcesses: 2,
        redis: 'redis://127.0.0.1:6379',
        shards: 2,
      }),
    ).toThrow(/--client-processes: is for one machine/);
  });
});
