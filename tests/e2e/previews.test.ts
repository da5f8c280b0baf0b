// Hover previews, reading order and backlinks that land on the passage, used as a reader would in
// headless Chromium on the links fixture vault (links to headings, embeds, backlinks, tags, concepts).
// Screenshots for a human to look at go to test-results/screenshots (or SHOTS_DIR); axe-core runs on each screen.
import { join } from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, test, vi } from 'vitest';

// Several browser pages per test on a shared 2-core machine.
vi.setConfig({ testTimeout: 180_000 });
import { axeFindings, formatAxe } from '../support/axe.ts';
import { CHROMIUM, hasChromium } from '../support/browser.ts';
import { SHOTS, useSiteBrowser, watchProblems } from '../support/site-browser.ts';
import { buildSite } from '../support/build-site.ts';

const WAIT = { timeout: 30_000, interval: 50 };
if (!hasChromium) console.warn(`tests/e2e/previews.test.ts skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`);

describe.skipIf(!hasChromium)('hover previews and reading comforts in a real browser (Chromium)', () => {
  /** Console errors and failed requests of every page opened: each test ends with none. */
  let problems: string[] = [];

  const site = useSiteBrowser(() => process.env.PREVIEWS_SITE_DIR ?? buildSite('tests/fixtures/links-vault').outDir, { expect: 'alpha/index.html' });

  async function open(path: string, options: BrowserContextOptions = {}): Promise<Page> {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    watchProblems(page, problems);
    await page.goto(site.url + path, { timeout: 30_000 });
    return page;
  }

  const preview = (page: Page) => page.locator('aside.link-preview');
  /** Starts counting layout shifts (from now on); `shifted()` returns their sum. */
  const watchLayoutShift = (page: Page) =>
    page.evaluate(() => {
      const w = window as unknown as { shift: number };
      w.shift = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as Array<PerformanceEntry & { value: number }>) w.shift += e.value;
      }).observe({ type: 'layout-shift' });
    });
  const shifted = (page: Page) => page.evaluate(() => new Promise<number>((done) => setTimeout(() => done((window as unknown as { shift: number }).shift), 200)));

  test('hovering a heading link shows that heading’s section of the target note, without moving the page', async () => {
    problems = [];
    const page = await open('/beta_note/');
    const link = page.locator('main .sl-markdown-content a.wikilink', { hasText: 'alpha > Setup 1' });
    const before = await page.locator('main .sl-markdown-content').boundingBox();
    await watchLayoutShift(page);
    await link.hover();
    await expect.poll(() => preview(page).isVisible(), WAIT).toBe(true);
    const text = await preview(page).innerText();
    expect(text).toContain('Alpha Note');
    expect(text).toContain('Slugged setup-1-1, because setup-1 is taken.');
    // Only that section: not the sections before or after it.
    expect(text).not.toContain('The first setup section.');
    expect(text).not.toContain('Alpha is used in');
    expect(await page.locator('main .sl-markdown-content').boundingBox()).toEqual(before);
    expect(await shifted(page)).toBe(0);
    // Placed next to the link, inside the viewport.
    const [l, p] = [await link.boundingBox(), await preview(page).boundingBox()];
    expect(Math.abs(p!.y - (l!.y + l!.height))).toBeLessThan(20);
    expect(p!.x + p!.width).toBeLessThanOrEqual(1280);
    await page.screenshot({ path: join(SHOTS, 'preview-heading-light.png') });
    // The pointer can move onto the preview without it closing; leaving both closes it.
    await preview(page).hover();
    await page.waitForTimeout(400);
    expect(await preview(page).isVisible()).toBe(true);
    await page.mouse.move(5, 880);
    await expect.poll(() => preview(page).isVisible(), WAIT).toBe(false);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test('a link without a heading previews the first section; the page is fetched once and cached', async () => {
    problems = [];
    const page = await open('/beta_note/');
    const fetched: string[] = [];
    // Preview requests only (Astro's own hover prefetch is a `<link rel=prefetch>`, type "other").
    page.on('request', (r) => r.resourceType() === 'fetch' && r.url().endsWith('/alpha/') && fetched.push(r.url()));
    const link = page.locator('main .sl-markdown-content a.wikilink', { hasText: 'alpha.md' });
    await link.hover();
    await expect.poll(() => preview(page).innerText(), WAIT).toContain('Alpha is the first note.');
    expect(await preview(page).innerText()).not.toContain('The first setup section.');
    await page.mouse.move(5, 880);
    await expect.poll(() => preview(page).isVisible(), WAIT).toBe(false);
    // Another link to the same note, to another heading: no second request.
    await page.locator('main .sl-markdown-content a.wikilink', { hasText: 'usage' }).hover();
    await expect.poll(() => preview(page).innerText(), WAIT).toContain('Alpha is used in');
    expect(fetched).toHaveLength(1);
    // Links crossed quickly by the pointer load nothing.
    await page.mouse.move(5, 880);
    await expect.poll(() => preview(page).isVisible(), WAIT).toBe(false);
    const before = fetched.length;
    const requests: string[] = [];
    page.on('request', (r) => r.resourceType() === 'fetch' && requests.push(r.url()));
    await page.locator('main .sl-markdown-content a.wikilink', { hasText: 'beta note' }).hover();
    await page.mouse.move(5, 880);
    await page.waitForTimeout(600);
    expect(requests.filter((u) => u.includes('/beta_note/'))).toEqual([]);
    expect(fetched.length).toBe(before);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test('keyboard: focus opens the preview, Escape closes it and keeps focus on the link, Tab moves on', async () => {
    problems = [];
    const page = await open('/beta_note/');
    const link = page.locator('main .sl-markdown-content a.wikilink', { hasText: 'alpha > Setup 1' });
    // Tab to the link as a keyboard user would (focus() from a script is not :focus-visible).
    await page.locator('main .sl-markdown-content a.wikilink').first().focus();
    for (let i = 0; i < 10 && !(await link.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    expect(await link.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => preview(page).innerText(), WAIT).toContain('Slugged setup-1-1');
    expect(formatAxe(await axeFindings(page, { include: ['main', 'aside.link-preview'] }))).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => preview(page).isVisible(), WAIT).toBe(false);
    expect(await link.evaluate((el) => el === document.activeElement)).toBe(true);
    // Stays closed while focus stays; no tab stops inside the preview: Tab goes to the next link.
    await page.waitForTimeout(500);
    expect(await preview(page).isVisible()).toBe(false);
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => document.activeElement?.textContent);
    expect(next).toBe('First Letter');
    await expect.poll(() => preview(page).innerText(), WAIT).toContain('Alpha is the first note.');
    expect(await page.evaluate(() => document.activeElement?.closest('.link-preview'))).toBeNull();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test.each([
    ['embed source link', '/gamma/', '.wikilink-embed-link', 'Alpha is used in'],
    ['backlink', '/alpha/', 'a.backlinks-source', 'Beta links to'],
    ['concept link', '/alpha/', 'a.wikilink-concept', 'Not written yet'],
    ['tag chip', '/beta_note/', 'aside.backlinks a.tag', 'Beta Note'],
  ])('a %s shows a preview of its target', async (_kind, path, selector, expected) => {
    problems = [];
    const page = await open(path);
    const link = page.locator(selector).first();
    await link.scrollIntoViewIfNeeded();
    await link.hover();
    await expect.poll(() => preview(page).isVisible(), WAIT).toBe(true);
    await expect.poll(() => preview(page).innerText(), WAIT).toContain(expected);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test('the open preview passes axe in light and dark, on desktop and phone width', async () => {
    problems = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await open('/beta_note/', { colorScheme });
      await page.evaluate((theme) => {
        localStorage.setItem('starlight-theme', theme);
        document.documentElement.dataset.theme = theme;
      }, colorScheme);
      await page.locator('main .sl-markdown-content a.wikilink', { hasText: 'alpha > Setup 1' }).hover();
      await expect.poll(() => preview(page).isVisible(), WAIT).toBe(true);
      // The preview and the content it hangs from (Starlight's header is the search engineer's: issue 11).
      expect(formatAxe(await axeFindings(page, { include: ['main', 'aside.link-preview'] }))).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `preview-${colorScheme}.png`) });
      await page.context().close();
    }
    // A narrow window with a mouse (a small laptop window): the preview fits the viewport.
    const page = await open('/gamma/', { viewport: { width: 390, height: 800 } });
    await page.locator('.wikilink-embed-link').first().hover();
    await expect.poll(() => preview(page).isVisible(), WAIT).toBe(true);
    const box = await preview(page).boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(SHOTS, 'preview-narrow.png') });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test('on a touch screen there are no previews: a tap follows the link', async () => {
    problems = [];
    const page = await open('/beta_note/', { viewport: { width: 390, height: 800 }, hasTouch: true, isMobile: true });
    const fetches: string[] = [];
    // Previews fetch pages; the local graph's JSON (fetched when it scrolls into view) is not one.
    page.on('request', (r) => r.resourceType() === 'fetch' && !new URL(r.url()).pathname.endsWith('.json') && fetches.push(r.url()));
    // Let the page finish what it loads by itself (the local graph's module, when it is in view): a tap
    // that navigates first would abort those loads, which is the browser's doing, not the site's.
    await page.waitForLoadState('networkidle');
    await page.locator('main .sl-markdown-content a.wikilink', { hasText: 'alpha > Setup 1' }).tap();
    await page.waitForURL(/\/alpha\/#setup-1-1$/);
    expect(await preview(page).count()).toBe(0);
    expect(fetches).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
