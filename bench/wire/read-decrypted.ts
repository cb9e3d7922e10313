/**
 * The application bytes inside one captured TLS connection, decrypted by tshark with the session
 * secrets the server logged (SSLKEYLOGFILE format): `-z follow,tls,raw` prints the decrypted stream
 * as hex, one line per record's plaintext, the second node's lines indented by a tab.
 */
import { execFile } from 'node:child_process';
import { PhaseError } from '../phase-error.js';
import { stripRootWarning } from './read-capture.js';

const READ_TIMEOUT_MS = 120_000;
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

/** Decrypted bytes each way of one TLS connection. */
export interface DecryptedBytes {
  toServer: number;
  fromServer: number;
}

/** Sums the hex lines of `follow,tls,raw` output per node; `serverPort` says which node is the server. */
export function parseFollowOutput(output: string, serverPort: number): DecryptedBytes {
  let firstNodeIsServer = true;
  let inData = false;
  let firstNodeBytes = 0;
  let secondNodeBytes = 0;
  for (const line of output.split('\n')) {
    const node0 = /^Node 0: .*:(\d+)$/.exec(line);
    if (node0 !== null) firstNodeIsServer = Number(node0[1]) === serverPort;
    if (line.startsWith('Node 1:')) {
      inData = true;
      continue;
    }
    if (!inData || /^=+$/.test(line)) continue;
    const hex = line.replace(/^\t/, '');
    if (!/^[0-9a-f]*$/.test(hex))
      throw new PhaseError(
        'internal',
        `unexpected line in tshark's follow output: ${JSON.stringify(line.slice(0, 60))}`,
      );
    if (line.startsWith('\t')) secondNodeBytes += hex.length / 2;
    else firstNodeBytes += hex.length / 2;
  }
  return firstNodeIsServer
    ? { fromServer: firstNodeBytes, toServer: secondNodeBytes }
    : { fromServer: secondNodeBytes, toServer: firstNodeBytes };
}

/** Decrypts TCP conversation `stream` of the capture with the key log and counts its application bytes. */
export function readDecryptedBytes(
  tsharkPath: string,
  filePath: string,
  keyLogFile: string,
  stream: number,
  serverPort: number,
): Promise<DecryptedBytes> {
  const args = ['-r', filePath, '-o', `tls.keylog_file:${keyLogFile}`, '-q', '-z', `follow,tls,raw,${stream}`];
  return new Promise((resolve, reject) => {
    execFile(
      tsharkPath,
      args,
      { maxBuffer: MAX_OUTPUT_BYTES, timeout: READ_TIMEOUT_MS, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error)
          return reject(
            new PhaseError(
              'internal',
              `tshark could not decrypt ${filePath}: ${error.message} ${stripRootWarning(stderr)}`.trim(),
            ),
          );
        try {
          resolve(parseFollowOutput(stdout, serverPort));
        } catch (parseError) {
          reject(parseError);
        }
      },
    );
  });
}
