import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { axeFindings, formatAxe } from '../support/axe.ts';
import { hasChromium, launchBrowser } from '../support/browser.ts';
import { serveStatic, type StaticSite } from '../support/static-server.ts';

const SHOTS = 'test-results/screenshots';

/** Console errors, failed requests and HTTP errors of a page, and the URLs it fetched. */
function watch(page: Page) {
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()}: ${r.url()}`));
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  return { problems, requests };
}

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
    // The code arrives from the note's translations page, fetched once for every tab set.
    await expect.poll(() => page.locator('code-tabs .code-tabs__panel[data-lang="typescript"] .code-tabs__remote-body').count(), { timeout: 15_000 }).toBe(count);
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
    // A page opened with TypeScript chosen shows the code without a click.
    await expect.poll(() => page.locator('code-tabs').first().locator('.code-tabs__panel[data-lang="typescript"] figcaption .title').count(), { timeout: 15_000 }).toBe(1);
    await context.close();
  });

  test('the TypeScript code is fetched on the first switch only: one request, no errors, the panels match their translations', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const { problems, requests } = watch(page);
    await page.goto(`${site.url}/python-concurrency/`);
    const html = await page.content();
    expect(html).not.toContain('hello-world.ts</span></figcaption>');
    expect(requests.filter((p) => p.startsWith('/translations/'))).toEqual([]);
    await page.locator('code-tabs').first().getByRole('tab', { name: 'TypeScript' }).click();
    const panels = page.locator('code-tabs .code-tabs__panel[data-lang="typescript"]');
    await expect.poll(() => panels.locator('.code-tabs__remote-body').count(), { timeout: 15_000 }).toBe(await panels.count());
    // Each panel holds the translation its tab set names (data-translation), not a neighbour's.
    const pairs = await page.locator('code-tabs').evaluateAll((els) => els.map((el) => [el.getAttribute('data-translation')!.split('/').pop(), el.querySelector('[data-lang="typescript"] figcaption .title')?.textContent?.trim()]));
    for (const [file, title] of pairs) expect(title).toBe(file);
    // Back to Python and to TypeScript again: nothing is fetched a second time.
    await page.locator('code-tabs').first().getByRole('tab', { name: 'Python' }).click();
    await page.locator('code-tabs').first().getByRole('tab', { name: 'TypeScript' }).click();
    expect(requests.filter((p) => p.startsWith('/translations/'))).toEqual(['/translations/python-concurrency/']);
    expect(problems).toEqual([]);
    await context.close();
  });

  test('the copy button of fetched code copies the translation', async () => {
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
    const page = await context.newPage();
    await page.goto(`${site.url}/python-concurrency/`);
    const first = page.locator('code-tabs').first();
    await first.getByRole('tab', { name: 'TypeScript' }).click();
    const copy = first.locator('.code-tabs__panel[data-lang="typescript"] .expressive-code .copy button').first();
    await copy.click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('console.log');
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
    // Switching by keyboard loads the code as a click does, and focus stays on the tab.
    await expect.poll(() => first.locator('.code-tabs__panel[data-lang="typescript"] .code-tabs__remote-body').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('TypeScript');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Python');
    await context.close();
  });

  test('the TypeScript tab has a title bar, a badge and a copy button', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.url}/python-concurrency/`);
    await page.locator('code-tabs').first().getByRole('tab', { name: 'TypeScript' }).click();
    const ts = page.locator('code-tabs').first().locator('.code-tabs__panel[data-lang="typescript"]');
    await expect.poll(() => ts.locator('figcaption .title').count(), { timeout: 15_000 }).toBe(1);
    expect((await ts.locator('figcaption .title').textContent())?.trim()).toBe('hello-world.ts');
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
    // The TypeScript panel is a link to the translation on the note's translations page.
    const link = first.locator('.code-tabs__panel[data-lang="typescript"] a', { hasText: 'Read the TypeScript translation' });
    expect(await link.textContent()).toBe('Read the TypeScript translation (hello-world.ts)');
    await link.click();
    await page.waitForURL(/\/translations\/python-concurrency\/#ts-hello-world$/);
    const section = page.locator('#ts-hello-world');
    expect((await section.locator('figcaption .title').textContent())?.trim()).toBe('hello-world.ts');
    expect(await section.locator('code').first().textContent()).toContain('console.log');
    expect(await section.locator('.code-tabs__badge').count()).toBeGreaterThan(0);
    await context.close();
  });

  test.each([
    [1280, 'light'], [1280, 'dark'], [390, 'light'], [390, 'dark'],
  ] as const)('the translations page and a loaded TypeScript tab at %i px, %s: no serious axe findings', async (width, theme) => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    await context.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    const page = await context.newPage();
    const { problems } = watch(page);
    await page.goto(`${site.url}/translations/python-concurrency/`);
    expect(formatAxe(await axeFindings(page))).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/translations-page-${width}-${theme}.png` });
    await page.goto(`${site.url}/python-concurrency/`);
    const first = page.locator('code-tabs').first();
    await first.getByRole('tab', { name: 'TypeScript' }).click();
    await expect.poll(() => first.locator('.code-tabs__panel[data-lang="typescript"] .code-tabs__remote-body').count(), { timeout: 15_000 }).toBe(1);
    expect(formatAxe(await axeFindings(page, { include: ['code-tabs'] }))).toEqual([]);
    await first.screenshot({ path: `${SHOTS}/code-tabs-typescript-loaded-${width}-${theme}.png` });
    expect(problems).toEqual([]);
    await context.close();
  });
});
