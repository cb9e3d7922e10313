/**
 * report.html in a real browser: Debian's Chromium through the project's browser session, the page
 * opened from disk as a reader would. Skipped (with the reason) where Chromium is not installed.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserSession, type BrowserSession } from '../bench/polyglot/browser-session.js';
import { CHROMIUM_PATH } from '../bench/polyglot/foreign-runtime.js';
import { buildCharts } from './charts/build-charts.js';
import { VERDICT_GRID_ID } from './charts/verdict-grid.js';
import { CLAIM_RULES } from './claims.js';
import { buildFixtureDocument } from '../test/support/report-fixtures.js';
import { HTML_REPORT_FILE } from './html-report.js';
import { captureFirstScreen, FIRST_SCREEN_FILE, FIRST_SCREEN_VIEWPORT } from './screenshot.js';
import { writeReport, type WrittenReport } from './write.js';

const hasChromium = existsSync(CHROMIUM_PATH);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe.skipIf(!hasChromium)(`report.html in Chromium (${CHROMIUM_PATH})`, () => {
  let dir: string;
  let written: WrittenReport;
  let session: BrowserSession;
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    // Beside the report, as a run writes it; kept when REPORT_BROWSER_KEEP is set, to look at.
    dir = await mkdtemp(join(tmpdir(), 'report-browser-'));
    written = await writeReport(buildFixtureDocument(), dir);
    session = await openBrowserSession();
    const { page } = session;
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    page.on('requestfailed', (request) =>
      failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? ''}`),
    );
    page.on('request', (request) => requests.push(request.url()));
    await page.setViewportSize(FIRST_SCREEN_VIEWPORT);
    await page.goto(pathToFileURL(join(dir, HTML_REPORT_FILE)).href, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await session?.close();
    if (process.env['REPORT_BROWSER_KEEP'] === undefined) await rm(dir, { recursive: true, force: true });
  });

  it('loads from disk with no console error, no failed request and no request but the page itself', () => {
    expect(consoleErrors).toEqual([]);
    expect(failedRequests).toEqual([]);
    expect(requests).toEqual([pathToFileURL(join(dir, HTML_REPORT_FILE)).href]);
  });

  it('shows the verdict of every claim on the first screen', async () => {
    const rows = session.page.locator('table.verdicts tbody tr');
    expect(await rows.count()).toBe(CLAIM_RULES.length);
    const last = await rows.last().boundingBox();
    expect(last).not.toBeNull();
    expect(last!.y + last!.height).toBeLessThanOrEqual(FIRST_SCREEN_VIEWPORT.height);
    expect(await session.page.locator('table.verdicts .badge').count()).toBe(CLAIM_RULES.length);
  });

  it('renders every chart, details opened: each SVG present with a non-zero size', async () => {
    // A string: the tests compile without the DOM's types.
    await session.page.evaluate('document.querySelectorAll("details").forEach((details) => { details.open = true; })');
    const ids = [VERDICT_GRID_ID, ...buildCharts(buildFixtureDocument()).map((chart) => chart.id)];
    for (const id of ids) {
      const svgs = session.page.locator(`figure[data-chart="${id}"] > svg`);
      expect(await svgs.count(), id).toBeGreaterThanOrEqual(1);
      for (const svg of await svgs.all()) {
        const box = await svg.boundingBox();
        expect(box?.width ?? 0, id).toBeGreaterThan(100);
        expect(box?.height ?? 0, id).toBeGreaterThan(50);
      }
    }
  });

  it('writes a PNG of the first screen beside the report', async () => {
    expect(written.notes).toEqual([]);
    expect(written.files).toContain(FIRST_SCREEN_FILE);
    const png = await readFile(join(dir, FIRST_SCREEN_FILE));
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(png.readUInt32BE(16)).toBe(FIRST_SCREEN_VIEWPORT.width);
    expect(png.readUInt32BE(20)).toBe(FIRST_SCREEN_VIEWPORT.height);
  });
});

describe('the first-screen PNG without Chromium', () => {
  it('is skipped with a one-line note naming the install command, never an error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'report-no-browser-'));
    try {
      const outcome = await captureFirstScreen(
        join(dir, HTML_REPORT_FILE),
        join(dir, FIRST_SCREEN_FILE),
        join(dir, 'no-chromium'),
      );
      expect(outcome).toMatchObject({
        skipped: expect.stringMatching(
          /^no report-first-screen\.png: chromium not found at .*install-system-packages\.sh[^\n]*$/,
        ),
      });
      expect(existsSync(join(dir, FIRST_SCREEN_FILE))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
