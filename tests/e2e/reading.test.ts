// Reading comforts in headless Chromium on the links fixture vault: previous/next links in reading
// order, and backlinks that open the linking note at the passage (URL text fragments).
import type { Page } from 'playwright-core';
import { describe, expect, test, vi } from 'vitest';
import { CHROMIUM, hasChromium } from '../support/browser.ts';
import { useSiteBrowser } from '../support/site-browser.ts';
import { buildSite } from '../support/build-site.ts';

vi.setConfig({ testTimeout: 180_000 });
if (!hasChromium) console.warn(`tests/e2e/reading.test.ts skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`);

describe.skipIf(!hasChromium)('reading order and backlinks to the passage (Chromium)', () => {
  const site = useSiteBrowser(() => process.env.READING_SITE_DIR ?? buildSite('tests/fixtures/links-vault').outDir, { expect: 'alpha/index.html' });

  async function open(path: string, width = 1280, height = 900): Promise<Page> {
    const page = await (await site.browser.newContext({ viewport: { width, height } })).newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(site.url + path, { timeout: 30_000 });
    return page;
  }

  test('each note links to the previous and next note in reading order', async () => {
    const page = await open('/beta_note/');
    expect(await page.locator('a[rel="prev"]').innerText()).toContain('Alpha Note');
    expect(await page.locator('a[rel="next"]').innerText()).toContain('Delta');
    await page.locator('a[rel="next"]').click();
    await page.waitForURL(/\/delta\/$/);
    expect(await page.locator('a[rel="next"]').innerText()).toContain('Epsilon');
    // The first note has no previous link, the last no next link.
    await page.goto(`${site.url}/alpha/`);
    expect(await page.locator('a[rel="prev"]').count()).toBe(0);
    await page.goto(`${site.url}/gamma/`);
    expect(await page.locator('a[rel="next"]').count()).toBe(0);
    await page.context().close();
  });

  test('a "Linked from" entry opens the linking note scrolled to the passage', async () => {
    // A short window, so the passage (in Alpha's last section) starts below the fold.
    const page = await open('/gamma/', 390, 420);
    const entry = page.locator('aside.backlinks a.backlinks-source', { hasText: 'Alpha Note' });
    expect(await entry.getAttribute('href')).toMatch(/^\/alpha\/#:~:text=/);
    await entry.scrollIntoViewIfNeeded();
    await entry.click();
    await page.waitForURL(/\/alpha\//);
    const passage = async () => page.evaluate(() => {
      const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.textContent!.includes('Alpha is used in')) {
          const r = document.createRange();
          r.selectNodeContents(n);
          const box = r.getBoundingClientRect();
          return { top: Math.round(box.top), scrollY: Math.round(scrollY), height: innerHeight };
        }
      }
      return null;
    });
    await expect.poll(async () => (await passage())?.scrollY ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
    const at = (await passage())!;
    expect(at.top).toBeGreaterThanOrEqual(0);
    expect(at.top).toBeLessThan(at.height);
    await page.context().close();
  });
});
