// The setup every browser test shares: a built site served locally and one Chromium per `describe`.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.ts';
import { serveStatic, type StaticSite } from './static-server.ts';

/** Where browser tests save the screenshots people look at (`SHOTS_DIR` to choose another folder). */
export const SHOTS = process.env.SHOTS_DIR ?? 'test-results/screenshots';

/** A built site served on 127.0.0.1 and one Chromium, shared by the tests of a `describe`. */
export interface SiteBrowser {
  /** The built site's folder. */
  readonly dir: string;
  /** Its address, without a trailing slash. */
  readonly url: string;
  readonly browser: Browser;
}

/**
 * The setup every browser test repeats, registered once for the enclosing `describe`: `site()` (run
 * in `beforeAll`, so it may build a vault) names the built folder, which must hold `expect` (a page
 * path such as `study/index.html`) when given; the folder is served, Chromium launched, the
 * screenshot folder made; all of it closed in `afterAll`.
 */
export function useSiteBrowser(site: () => string, options: { webgl?: boolean; expect?: string } = {}): SiteBrowser {
  let dir = '';
  let server: StaticSite | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    dir = site();
    if (options.expect && !existsSync(join(dir, options.expect))) throw new Error(`no built ${options.expect} in ${dir}: build the site first`);
    mkdirSync(SHOTS, { recursive: true });
    server = await serveStatic(dir);
    browser = await launchBrowser({ webgl: options.webgl });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`useSiteBrowser: ${what} is used before beforeAll ran`);
    return value;
  };
  return {
    get dir() { return ready(dir || undefined, 'dir'); },
    get url() { return ready(server, 'the server').url; },
    get browser() { return ready(browser, 'the browser'); },
  };
}

/**
 * Records what a reader would see go wrong on `page` into `problems`: console errors, page errors,
 * failed requests and HTTP errors. Chromium's own speculative loads (type "other") cancelled when a
 * navigation wins are not the site's failures.
 */
export function watchProblems(page: Page, problems: string[]): void {
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    if (r.resourceType() === 'other' && r.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
}
