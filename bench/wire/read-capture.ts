/**
 * Reads a capture file with tshark into TCP segments. tshark does the dissection (IPv4 and IPv6,
 * TCP reassembly state, retransmission analysis) so this harness does not reimplement a decoder.
 */
import { execFile } from 'node:child_process';
import { PhaseError } from '../phase-error.js';
import { parseTcpSegments, tsharkSegmentArgs, type TcpSegment } from './tcp-segments.js';

/** Room for about a million packets of output; a wire check captures far fewer. */
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;
/** Generous: tshark takes ~0.3 s to start; a large file can take seconds on a busy machine. */
const READ_TIMEOUT_MS = 120_000;

/** Runs `tshark -r` on `filePath`; rejects with an `internal` error carrying tshark's stderr. */
export function readTcpSegments(tsharkPath: string, filePath: string): Promise<TcpSegment[]> {
  return new Promise((resolve, reject) => {
    const options = { maxBuffer: MAX_OUTPUT_BYTES, timeout: READ_TIMEOUT_MS, encoding: 'utf8' as const };
    execFile(tsharkPath, tsharkSegmentArgs(filePath), options, (error, stdout, stderr) => {
      if (error)
        return reject(
          new PhaseError(
            'internal',
            `tshark could not read ${filePath}: ${error.message} ${stripRootWarning(stderr)}`.trim(),
          ),
        );
      try {
        resolve(parseTcpSegments(stdout));
      } catch (parseError) {
        reject(new PhaseError('internal', `tshark output: ${(parseError as Error).message}`));
      }
    });
  });
}

/** tshark warns on every run as root; the warning says nothing about this file. */
export function stripRootWarning(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => !line.startsWith('Running as user "root"'))
    .join('\n')
    .trim();
}
