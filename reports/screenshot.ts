/**
 * A PNG of report.html's first screen, taken in Debian's Chromium through the project's own browser
 * session (bench/polyglot/browser-session.ts knows where Chromium is and how to launch it). Best
 * effort: without Chromium, or when the page will not load, the outcome says why in one line and
 * the report is written all the same.
 */
import { pathToFileURL } from 'node:url';
import { openBrowserSession, type BrowserSession } from '../bench/polyglot/browser-session.js';

export const FIRST_SCREEN_FILE = 'report-first-screen.png';
/** A laptop screen: what "the first screen" means for the layout's promise. */
export const FIRST_SCREEN_VIEWPORT = { width: 1280, height: 900 } as const;
const PAGE_DEADLINE_MS = 15_000;

export type ScreenshotOutcome = { written: string } | { skipped: string };

/** Opens report.html from disk in headless Chromium, with the viewport of a first screen. */
export async function openReportPage(htmlPath: string, chromiumPath?: string): Promise<BrowserSession> {
  const session = await openBrowserSession(chromiumPath);
  try {
    await session.page.setViewportSize(FIRST_SCREEN_VIEWPORT);
    await session.page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load', timeout: PAGE_DEADLINE_MS });
    return session;
  } catch (err) {
    await session.close();
    throw err;
  }
}

/** Writes the first screen of `htmlPath` to `pngPath`; never throws. `chromiumPath` defaults to Debian's. */
export async function captureFirstScreen(
  htmlPath: string,
  pngPath: string,
  chromiumPath?: string,
): Promise<ScreenshotOutcome> {
  let session: BrowserSession;
  try {
    session = await openReportPage(htmlPath, chromiumPath);
  } catch (err) {
    return { skipped: `no ${FIRST_SCREEN_FILE}: ${firstLine(err)}` };
  }
  try {
    await session.page.screenshot({ path: pngPath, timeout: PAGE_DEADLINE_MS });
    return { written: pngPath };
  } catch (err) {
    return { skipped: `no ${FIRST_SCREEN_FILE}: ${firstLine(err)}` };
  } finally {
    await session.close();
  }
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
}
