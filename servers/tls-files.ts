/**
 * A certificate for the TLS transports, made at run time with the system's openssl (an EC P-256
 * key, valid one day, for 127.0.0.1, ::1 and localhost) in a private temporary folder that is removed
 * when the process exits. One per process: the runner makes it once and hands the same files to
 * every server it starts and to every client as the one certificate authority it trusts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TlsFiles {
  certFile: string;
  keyFile: string;
  /** Where the server appends each session's secrets (SSLKEYLOGFILE format), so a capture can be decrypted. */
  keyLogFile?: string;
}

let made: TlsFiles | undefined;
let madeIn: string | undefined;

/**
 * Removes the process's certificate folder now (a test runner's worker, which is ended without an
 * 'exit' event, calls this after each file); the next runCertificate() makes a new one.
 */
export function disposeRunCertificate(): void {
  if (madeIn !== undefined) rmSync(madeIn, { recursive: true, force: true });
  made = undefined;
  madeIn = undefined;
}

/** The process's certificate, made on first use; its folder goes when the process exits. */
export function runCertificate(): TlsFiles {
  if (made !== undefined) return made;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sse-ws-bench-tls-'));
  madeIn = dir;
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-days',
        '1',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } catch (err) {
    throw new Error(
      `could not make a TLS certificate with openssl (${(err as Error).message.split('\n')[0]}); install openssl (apt-get install openssl)`,
    );
  }
  // The convention browsers, curl and Wireshark share: set SSLKEYLOGFILE and every session's secrets go there.
  const keyLogFile = process.env.SSLKEYLOGFILE;
  made = { certFile, keyFile, ...(keyLogFile ? { keyLogFile } : {}) };
  return made;
}
