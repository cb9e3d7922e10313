/**
 * The one error compare throws on purpose: the user gave something it cannot use (a bad option, a
 * missing file, a results document of another schema). The CLI turns it into exit code 2.
 */
import type { ErrorCategory } from '../results.js';

export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly category: ErrorCategory = 'config';
}
