#!/usr/bin/env node
// The `sse-ws-bench` command (package.json "bin"). Plain JavaScript so that it runs as installed,
// with no loader; the dispatcher it hands over to is TypeScript, compiled by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dispatcher = new URL('../dist/bench/subcommands.js', import.meta.url);
if (existsSync(dispatcher)) {
  const { runSubcommandCli } = await import(dispatcher.href);
  await runSubcommandCli(process.argv.slice(2));
} else {
  const root = fileURLToPath(new URL('..', import.meta.url));
  process.stderr.write(
    `sse-ws-bench: ${fileURLToPath(dispatcher)} is missing: the project is not built yet. Run: cd ${root} && npm install && npm run build\n`,
  );
  // EXIT.usage (cli/exit-codes.ts), written out because that table is compiled into dist/ too.
  process.exitCode = 2;
}
