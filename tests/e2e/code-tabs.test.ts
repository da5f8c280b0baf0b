import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { hasChromium, launchBrowser } from '../support/browser.ts';
import { serveStatic, type StaticSite } from '../support/static-server.ts';

const SHOTS = 'test-results/screenshots';

describe.skipIf(!hasChromium)('Python / TypeScript tabs in Chromium', () => {
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

  test('one click switches every block on the page, and the choice persists on the next page', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${site.url}/python-concurrency/`);
    const tabs = page.locator('code-tabs');
    const count = await tabs.count();
    expect(count).toBe(7);
    await expect.poll(() => page.locator('code-tabs [role="tab"][aria-selected="true"]').count()).toBe(count);
    expect(await tabs.nth(0).locator('[data-lang="typescript"].code-tabs__panel').isVisible()).toBe(false);

    await tabs.nth(2).scrollIntoViewIfNeeded();
    await tabs.nth(2).getByRole('tab', { name: 'TypeScript' }).click();
    for (let i = 0; i < count; i++) {
      expect(await tabs.nth(i).locator('.code-tabs__panel[data-lang="typescript"]').isVisible()).toBe(true);
      expect(await tabs.nth(i).locator('.code-tabs__panel[data-lang="python"]').isVisible()).toBe(false);
      expect(await tabs.nth(i).getByRole('tab', { name: 'TypeScript' }).getAttribute('aria-selected')).toBe('true');
    }
    await page.screenshot({ path: `${SHOTS}/code-tabs-typescript.png` });

    // Next page: the stored choice is applied before first paint, by the inline head script.
    await page.goto(`${site.url}/concurrency-with-python/`);
    expect(await page.evaluate(() => document.documentElement.dataset.codeLang)).toBe('typescript');
    expect(await page.locator('code-tabs').first().locator('.code-tabs__panel[data-lang="typescript"]').isVisible()).toBe(true);
    await context.close();
  });

  test('arrow keys move between tabs and focus follows (WAI-ARIA tabs)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.url}/python-concurrency/`);
    const first = page.locator('code-tabs').first();
    await first.getByRole('tab', { name: 'Python' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('TypeScript');
    expect(await first.getByRole('tab', { name: 'TypeScript' }).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Python');
    await context.close();
  });

  test('the TypeScript tab has a title bar, a badge and a copy button', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.url}/python-concurrency/`);
    const ts = page.locator('code-tabs').first().locator('.code-tabs__panel[data-lang="typescript"]');
    expect((await ts.locator('figcaption').first().textContent())?.trim()).toBe('hello-world.ts');
    expect(await ts.locator('.code-tabs__badge').count()).toBeGreaterThan(0);
    expect(await ts.locator('.expressive-code').first().locator('.copy button').count()).toBe(1);
    await context.close();
  });

  test('without JavaScript both languages are shown, one after the other', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}/python-concurrency/`);
    const first = page.locator('code-tabs').first();
    expect(await first.locator('.code-tabs__panel[data-lang="python"]').isVisible()).toBe(true);
    expect(await first.locator('.code-tabs__panel[data-lang="typescript"]').isVisible()).toBe(true);
    expect(await first.locator('[role="tab"]').count()).toBe(0);
    await context.close();
  });
});
