/**
 * The packet-capture programs the wire check needs: dumpcap captures, tshark dissects. Both come
 * with Debian's `tshark` package, which bench/setup/install-system-packages.sh installs.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { PhaseError } from '../phase-error.js';

/** Where to get the tools; every "missing tool" error says it, so nobody has to guess. */
export const INSTALL_HINT =
  "run bench/setup/install-system-packages.sh as root (it installs Debian's tshark package, which brings dumpcap)";

/** The programs, resolved once per call so a fresh install is picked up without a restart. */
export interface CaptureTools {
  dumpcapPath: string;
  tsharkPath: string;
}

/** Finds dumpcap and tshark on PATH, or throws a `config` error naming the install script. */
export function resolveCaptureTools(): CaptureTools {
  const dumpcapPath = findOnPath('dumpcap');
  const tsharkPath = findOnPath('tshark');
  const missing = [dumpcapPath ? '' : 'dumpcap', tsharkPath ? '' : 'tshark'].filter(Boolean);
  if (!dumpcapPath || !tsharkPath)
    throw new PhaseError('config', `${missing.join(' and ')} not found on PATH: ${INSTALL_HINT}`);
  return { dumpcapPath, tsharkPath };
}

function findOnPath(program: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory: keep looking along PATH.
    }
  }
  return undefined;
}
