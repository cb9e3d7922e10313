/**
 * Vitest setup file: after each test file, remove the TLS certificate folder the file's code made
 * (servers/tls-files.ts). Vitest ends its workers without the 'exit' event that removes it in a
 * normal process, and no temporary file may outlive a run.
 */
import { afterAll } from 'vitest';
import { disposeRunCertificate } from '../../servers/tls-files.js';

afterAll(() => disposeRunCertificate());
