// Search as a reader uses it, in Chromium on the built seed site: type a concept, open the
// sub-result that names a section, land on that section; open a concept result. No console errors,
// no failed requests on the way.
import type { Page } from 'playwright-core';
import { describe, expect, inject, test, vi } from 'vitest';
import { CHROMIUM, hasChromium } from '../support/browser.ts';
import { useSiteBrowser, watchProblems } from '../support/site-browser.ts';

vi.setConfig({ testTimeout: 120_000 });
if (!hasChromium) console.warn(`tests/e2e/search.test.ts skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`);

describe.skipIf(!hasChromium)('search in a real browser (Chromium)', () => {
  const site = useSiteBrowser(() => inject('siteDir'));
  let problems: string[] = [];

  async function search(query: string): Promise<Page> {
    const page = await (await site.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.setDefaultTimeout(30_000);
    watchProblems(page, problems);
    await page.goto(`${site.url}/python-concurrency/`, { timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('#starlight__search input').fill(query);
    await page.locator('.pagefind-ui__result').first().waitFor();
    return page;
  }

  test('a sub-result opens its note at the section it names', async () => {
    problems = [];
    const page = await search('event loop');
    const sub = page.locator('.pagefind-ui__result-nested a.pagefind-ui__result-link').first();
    await sub.waitFor();
    const href = new URL((await sub.getAttribute('href'))!, site.url);
    expect(href.hash).toMatch(/^#./);
    await sub.click();
    await page.waitForURL((url) => url.pathname === href.pathname && url.hash === href.hash);
    const target = page.locator(`[id="${decodeURIComponent(href.hash.slice(1))}"]`);
    await expect.poll(() => target.count()).toBe(1);
    // The section is on screen, not the top of the page.
    await expect.poll(async () => {
      const box = await target.boundingBox();
      return box !== null && box.y >= 0 && box.y < 900;
    }).toBe(true);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test('a concept result says so and opens the concept page', async () => {
    problems = [];
    const page = await search('algorithm');
    const concept = page.locator('.pagefind-ui__result', { hasText: 'concept, not written yet' }).locator('a.pagefind-ui__result-link').first();
    await concept.click();
    await page.waitForURL(/\/concepts\/algorithm\/$/);
    await expect.poll(() => page.locator('h1').first().innerText()).toBe('Algorithm');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
