// axe-core in Chromium, light and dark, on every kind of screen a reader meets: no serious or
// critical findings. Uses the shared helper tests/support/axe.ts.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { axeFindings, formatAxe } from '../support/axe.ts';
import { CHROMIUM, hasChromium, launchBrowser } from '../support/browser.ts';
import { serveStatic, type StaticSite } from '../support/static-server.ts';

const SHOTS = 'test-results/screenshots';
const SCHEMES = ['light', 'dark'] as const;
const PAGES = ['/', '/python-concurrency/', '/concurrency-options/', '/concurrency-with-python/', '/concurrency-in-python-a-guide/', '/concepts/asyncio/', '/tags/python/', '/notes/'];

if (!hasChromium) console.warn(`tests/e2e/a11y.test.ts skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`);

// axe on a long note takes a while on a busy 2-core machine.
describe.skipIf(!hasChromium)('accessibility (axe-core, serious and critical) in Chromium', { timeout: 240_000 }, () => {
  let site: StaticSite;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    site = await serveStatic(inject('siteDir'));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  async function open(route: string, scheme: 'light' | 'dark'): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: scheme });
    await page.goto(`${site.url}${route}`, { waitUntil: 'load' });
    return page;
  }

  for (const scheme of SCHEMES) {
    test.each(PAGES)(`${scheme}: %s`, async (route) => {
      const page = await open(route, scheme);
      expect(formatAxe(await axeFindings(page))).toEqual([]);
      await page.close();
    });

    test(`${scheme}: the search dialog with results`, async () => {
      const page = await open('/python-concurrency/', scheme);
      await page.getByRole('button', { name: 'Search' }).click();
      await page.locator('#starlight__search input').fill('algorithm');
      await page.locator('.pagefind-ui__result').first().waitFor();
      // A concept result says it is one; notes come first.
      await expect.poll(() => page.locator('.pagefind-ui__result-title').allInnerTexts()).toContain('Algorithm · concept, not written yet');
      expect(await page.locator('.pagefind-ui__result-title').first().innerText()).not.toContain('concept');
      expect(formatAxe(await axeFindings(page))).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `a11y-search-${scheme}.png`) });
      await page.close();
    });

    test(`${scheme}: study mode on, then with everything revealed`, async () => {
      const page = await open('/python-concurrency/', scheme);
      await page.locator('[data-study-toggle]').click();
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.study)).toBe('on');
      expect(formatAxe(await axeFindings(page))).toEqual([]);
      await page.locator('[data-study-reveal-all]').click();
      await expect.poll(() => page.locator('.cloze-blank[aria-expanded="true"]').count()).toBeGreaterThan(0);
      expect(formatAxe(await axeFindings(page))).toEqual([]);
      await page.close();
    });
  }

  test('the helper reports a real finding (positive control)', async () => {
    const page = await browser.newPage();
    await page.setContent('<main><button style="color:#777;background:#888">low contrast</button><img src="x.png"></main>');
    const ids = (await axeFindings(page)).map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(['color-contrast', 'image-alt']));
    await page.close();
  });

  test('footnote references and back-references are at least 24×24 px', async () => {
    const page = await open('/python-concurrency/', 'light');
    const boxes = await page.locator('a[data-footnote-ref], a[data-footnote-backref]').evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => [r.width, r.height]));
    expect(boxes.length).toBeGreaterThan(5);
    for (const [w, h] of boxes) {
      expect(w).toBeGreaterThanOrEqual(24);
      expect(h).toBeGreaterThanOrEqual(24);
    }
    await page.close();
  });
});
