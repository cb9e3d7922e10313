/**
 * How to run each foreign client and its clock probe: the runtime found on PATH (or a `config` error
 * with the install command), the Java classes compiled once per source change.
 */
import path from 'node:path';
import { REPO_ROOT } from '../paths.js';
import { requireExecutable } from './foreign-runtime.js';
import { buildJavaClients } from './java-build.js';
import type { ForeignLanguage } from './polyglot-scenarios.js';
import { SSE_FAMILY } from '../../transports/families.js';
import type { TransportFamily } from '../../transports/transport.js';

export const PYTHON_CLIENT_DIR = path.join(REPO_ROOT, 'clients', 'polyglot', 'python');

export interface ForeignCommand {
  command: string;
  args: string[];
}

/** A language's client commands per family (its SSE and its WebSocket client), and its clock probe. */
export interface ForeignRuntime {
  client(family: TransportFamily): ForeignCommand;
  clockProbe: ForeignCommand;
}

// -B: importing the clients' modules must not leave __pycache__ folders in the source tree.
function pythonRuntime(python: string): ForeignRuntime {
  const script = (file: string): ForeignCommand => ({
    command: python,
    args: ['-B', path.join(PYTHON_CLIENT_DIR, file)],
  });
  return {
    client: (family) => script(family === SSE_FAMILY ? 'sse_client.py' : 'ws_client.py'),
    clockProbe: script('clock_probe.py'),
  };
}

function javaRuntime(java: string, classDir: string): ForeignRuntime {
  const main = (mainClass: string): ForeignCommand => ({ command: java, args: ['-cp', classDir, mainClass] });
  return {
    client: (family) => main(family === SSE_FAMILY ? 'SseClient' : 'WsClient'),
    clockProbe: main('ClockProbe'),
  };
}

/** Finds the runtime (and compiles the Java clients); throws a `config` PhaseError when one is missing. */
export async function prepareForeignRuntime(language: ForeignLanguage, searchPath?: string): Promise<ForeignRuntime> {
  if (language === 'python') return pythonRuntime(requireExecutable('python3', searchPath));
  const java = requireExecutable('java', searchPath);
  const classDir = await buildJavaClients(requireExecutable('javac', searchPath));
  return javaRuntime(java, classDir);
}
