/**
 * Headless Chromium through playwright-core, on Debian's build (playwright's browser download is
 * not used), with a fresh profile directory per session that is removed afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { PhaseError, withDeadline } from '../phase-error.js';
import { requireChromium } from './foreign-runtime.js';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const LAUNCH_DEADLINE_MS = 30_000;

export interface BrowserSession {
  page: Page;
  /** e.g. `156.0.8078.79`. */
  version: string;
  /** Console messages that explain an outcome (CORS refusals, WebSocket handshake failures). */
  consoleErrors: string[];
  close(): Promise<void>;
}

async function importPlaywright(): Promise<typeof import('playwright-core')> {
  try {
    return await import('playwright-core');
  } catch (err) {
    throw new PhaseError(
      'config',
      `playwright-core is not installed (${(err as Error).message}); add it with: npm install -D playwright-core`,
    );
  }
}

/** Only messages about the transports: a missing favicon says nothing about the claim. */
const RELEVANT_CONSOLE = /CORS|WebSocket|EventSource|Access-Control/;

export interface BrowserSessionOptions {
  /** Accept any certificate (the run's own, which Chromium's store does not hold): TLS is still negotiated, ALPN included. */
  ignoreHTTPSErrors?: boolean;
}

export async function openBrowserSession(
  executablePath?: string,
  options: BrowserSessionOptions = {},
): Promise<BrowserSession> {
  const chromiumPath = requireChromium(executablePath);
  const { chromium } = await importPlaywright();
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'sse-ws-bench-chromium-'));
  let context: BrowserContext;
  try {
    context = await withDeadline(
      chromium.launchPersistentContext(profileDir, {
        executablePath: chromiumPath,
        headless: true,
        args: CHROMIUM_ARGS,
        ignoreHTTPSErrors: options.ignoreHTTPSErrors === true,
      }),
      LAUNCH_DEADLINE_MS,
      'browser-launch',
    );
  } catch (err) {
    rmSync(profileDir, { recursive: true, force: true });
    throw err instanceof PhaseError
      ? err
      : new PhaseError('config', `could not launch ${chromiumPath}: ${(err as Error).message}`);
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && RELEVANT_CONSOLE.test(message.text())) consoleErrors.push(message.text());
  });
  return {
    page,
    version: context.browser()?.version() ?? 'unknown',
    consoleErrors,
    close: async () => {
      await context.close().catch(() => undefined); // a browser that died already is closed
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
