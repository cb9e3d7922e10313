/**
 * `sse-ws-bench <command> [options]`: one command for the harness's entry points, as git and npm
 * have. Each command runs its existing compiled entry point in this process, as
 * `node dist/<entry>.js [options]` would. Why argv is rewritten before the import: some entry points
 * start their CLI when imported and read `process.argv.slice(2)` (bench, server, verify-wire); others
 * start only when `process.argv[1]` is their own file (report, compare, micro). Setting
 * `process.argv` to `[node, <entry file>, ...options]` makes both kinds see exactly what they see when
 * run directly: one CLI starts, never two or none, and the command's name is not taken for an option.
 * The entry point owns its exit code from there; this module sets one only for its own errors.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EXIT, EXIT_ALIASES } from '../cli/exit-codes.js';

export interface Subcommand {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The compiled entry point, relative to this module in dist/bench/. */
  entry: string;
  /** Help for an entry point that has no `--help` of its own. */
  help?: string;
  /** False for an entry point that takes no options at all, so a stray one is an error, not ignored. */
  takesOptions?: false;
}

const MICRO_HELP = `Usage: sse-ws-bench micro [--time-ms N] [--only NAME,NAME] [--json]

Micro-benchmarks of the hot paths that never touch the network (envelope codec, SSE event encode and
parse, WS frame encode and parse), with tinybench. Prints a table, or JSON with --json.

  --time-ms N        sampling time per benchmark, in ms (default 500)
  --only NAME,NAME   only these benchmarks (an unknown name lists the known ones)
  --json             print the results as JSON

Exit codes: 0 ok, 1 a benchmark failed its check, 2 bad usage.`;

const VERIFY_WIRE_HELP = `Usage: sse-ws-bench verify-wire

Checks the harness's byte counts against a packet capture: sample exchanges (hand-made TCP, HTTP and
WS, then the real SSE and WS servers) run under dumpcap on loopback, and tshark's TCP payload sizes
are compared with the sockets' counts, per connection. Takes no options; needs tshark (run
bench/setup/install-system-packages.sh as root) and permission to capture.

Exit codes: 0 every count matches, 1 one does not, 2 the capture tools are missing, 70 internal error.`;

/** Every command, in the order the help lists them. */
export const SUBCOMMANDS: readonly Subcommand[] = [
  {
    name: 'bench',
    summary: 'run scenarios on the built-in servers (or --target yours) and write a report',
    entry: './cli.js',
  },
  {
    name: 'server',
    summary: 'serve one transport (sse, ws, tcp) standalone, for your own clients',
    entry: '../servers/main.js',
  },
  {
    name: 'measure',
    summary: 'measure any SSE or WebSocket endpoint as it is (connect, first event, gaps, bytes, errors)',
    entry: './measure/cli.js',
  },
  {
    name: 'report',
    summary: 'rebuild REPORT.md and the charts from a saved results.json, running nothing',
    entry: '../reports/report-cli.js',
  },
  {
    name: 'compare',
    summary: 'compare two results files: the exit code says ok, broken or regressed',
    entry: './compare/cli.js',
  },
  {
    name: 'verify-wire',
    summary: "check the harness's byte counts against a packet capture (tshark)",
    entry: './wire/verify-wire.js',
    help: VERIFY_WIRE_HELP,
    takesOptions: false,
  },
  {
    name: 'micro',
    summary: 'micro-benchmarks of the encode and parse hot paths, no network',
    entry: './micro/run-micro.js',
    help: MICRO_HELP,
  },
];

const COMMAND = 'sse-ws-bench';
const HELP_FLAGS = new Set(['--help', '-h']);

export function renderTopHelp(commands: readonly Subcommand[] = SUBCOMMANDS): string {
  const width = Math.max(...commands.map((s) => s.name.length));
  const lines = commands.map((s) => `  ${s.name.padEnd(width)}  ${s.summary}`);
  return [
    `Usage: ${COMMAND} <command> [options]`,
    '',
    'Benchmarks Server-Sent Events against WebSocket on this machine: latency, throughput, bytes on the',
    'wire, reconnection. The claims it measures are listed in docs/claims.md.',
    '',
    'Commands:',
    ...lines,
    '',
    `${COMMAND} <command> --help shows a command's options. Some usage lines read \`npm run <script> --\`:`,
    `${COMMAND} <command> takes the same options.`,
    '',
    `Exit codes: ${Object.entries(EXIT)
      .filter(([meaning]) => !(meaning in EXIT_ALIASES))
      .map(([meaning, code]) => `${code} ${meaning}`)
      .join(', ')} (the README says more).`,
  ].join('\n');
}

/** What one command line asks for, decided without running anything. */
export type Invocation =
  | { kind: 'print'; text: string; exitCode: number }
  | { kind: 'error'; message: string }
  | { kind: 'run'; subcommand: Subcommand; args: string[] };

function unknownCommand(name: string, commands: readonly Subcommand[]): Invocation {
  return {
    kind: 'error',
    message: `unknown command ${JSON.stringify(name)}; choose from ${commands.map((s) => s.name).join(', ')} (${COMMAND} --help describes each)`,
  };
}

export function planInvocation(argv: readonly string[], commands: readonly Subcommand[] = SUBCOMMANDS): Invocation {
  const [first, ...rest] = argv;
  if (first === undefined) return { kind: 'print', text: renderTopHelp(commands), exitCode: EXIT.usage };
  if (HELP_FLAGS.has(first)) return { kind: 'print', text: renderTopHelp(commands), exitCode: EXIT.ok };
  // `help <command>` is `<command> --help`, as in git and npm.
  if (first === 'help')
    return rest[0] === undefined
      ? { kind: 'print', text: renderTopHelp(commands), exitCode: EXIT.ok }
      : planInvocation([rest[0], '--help'], commands);
  if (first.startsWith('-'))
    return {
      kind: 'error',
      message: `unknown option ${first}: options go after the command (${COMMAND} <command> ${first}); ${COMMAND} --help lists the commands`,
    };
  const subcommand = commands.find((s) => s.name === first);
  if (subcommand === undefined) return unknownCommand(first, commands);
  if (subcommand.help !== undefined && rest.some((arg) => HELP_FLAGS.has(arg)))
    return { kind: 'print', text: subcommand.help, exitCode: EXIT.ok };
  if (subcommand.takesOptions === false && rest.length > 0)
    return { kind: 'error', message: `${first} takes no options, got ${rest.join(' ')}` };
  return { kind: 'run', subcommand, args: rest };
}

function fail(message: string, exitCode: number): void {
  process.stderr.write(`${COMMAND}: ${message}\n`);
  process.exitCode = exitCode;
}

/** Runs one command line; the command's own exit code stands unless this module fails first. */
export async function runSubcommandCli(
  argv: readonly string[],
  commands: readonly Subcommand[] = SUBCOMMANDS,
): Promise<void> {
  const invocation = planInvocation(argv, commands);
  if (invocation.kind === 'print') {
    (invocation.exitCode === EXIT.ok ? process.stdout : process.stderr).write(`${invocation.text}\n`);
    process.exitCode = invocation.exitCode;
    return;
  }
  if (invocation.kind === 'error') return fail(invocation.message, EXIT.usage);
  const { subcommand, args } = invocation;
  const entryFile = fileURLToPath(new URL(subcommand.entry, import.meta.url));
  if (!existsSync(entryFile)) {
    return fail(
      `${subcommand.name} is not available: ${entryFile} is missing. Run \`npm run build\`; if it is still missing, this checkout has no ${subcommand.name} command yet.`,
      EXIT.usage,
    );
  }
  process.argv = [process.argv[0]!, entryFile, ...args];
  try {
    await import(pathToFileURL(entryFile).href);
  } catch (err) {
    // Only a module that fails to load lands here: each entry point catches its own run's errors.
    fail(`internal error loading ${subcommand.name}: ${(err as Error).stack ?? String(err)}`, EXIT.internal);
  }
}
