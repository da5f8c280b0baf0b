// The 404 page in Chromium: the missing address, the nearest note titles (from /titles.json), the
// search box handing its words to the search dialog; axe-clean light and dark, desktop and phone.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { axeFindings, formatAxe } from '../support/axe.ts';
import { CHROMIUM, hasChromium } from '../support/browser.ts';
import { SHOTS, useSiteBrowser } from '../support/site-browser.ts';

if (!hasChromium) console.warn(`tests/e2e/not-found.test.ts skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`);

describe.skipIf(!hasChromium)('the 404 page', { timeout: 120_000 }, () => {
  const site = useSiteBrowser(() => inject('siteDir'));

  async function open(path: string, options: { scheme?: 'light' | 'dark'; width?: number } = {}): Promise<{ page: Page; status: number | undefined }> {
    const page = await site.browser.newPage({ viewport: { width: options.width ?? 1280, height: 900 }, colorScheme: options.scheme ?? 'light' });
    const response = await page.goto(`${site.url}${path}`, { waitUntil: 'load' });
    return { page, status: response?.status() };
  }

  test('at a mistyped address, names it and suggests the nearest note first', async () => {
    const { page, status } = await open('/python-concurency/');
    expect(status).toBe(404);
    await page.locator('[data-nearest-list] a').first().waitFor();
    const links = page.locator('[data-nearest-list] a');
    expect(await links.first().innerText()).toBe('Python concurrency');
    expect(await links.first().getAttribute('href')).toBe('/python-concurrency/');
    expect(await page.locator('[data-missing]').innerText()).toBe('/python-concurency/');
    expect(await page.getByRole('heading', { name: 'Did you mean' }).isVisible()).toBe(true);
    // The suggestion leads to the note.
    await links.first().click();
    await page.waitForURL(`${site.url}/python-concurrency/`);
    expect(await page.locator('h1').first().innerText()).toBe('Python concurrency');
    await page.close();
  });

  test('suggests by alias and says so when nothing is near', async () => {
    const { page } = await open('/guides/gil');
    const first = page.locator('[data-nearest-list] li').first();
    await first.waitFor();
    expect(await first.innerText()).toBe('Global Interpreter Lock (GIL)');
    await page.close();
    const far = (await open('/zzqxv-wwkj/')).page;
    await far.locator('[data-no-nearest]').waitFor({ state: 'visible' });
    expect(await far.locator('[data-nearest]').isHidden()).toBe(true);
    await far.close();
  });

  test('its search box opens the site search with the address’s words, and finds the note', async () => {
    const { page } = await open('/python-concurency/');
    const box = page.getByRole('searchbox', { name: 'Search the notes' });
    expect(await box.inputValue()).toBe('python concurency');
    await box.fill('event loop');
    await page.getByRole('search').getByRole('button', { name: 'Find' }).click();
    expect(await page.locator('site-search dialog').evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
    await page.locator('.pagefind-ui__result').first().waitFor();
    expect(await page.locator('#starlight__search input.pagefind-ui__search-input').inputValue()).toBe('event loop');
    expect(await page.locator('.pagefind-ui__result-title').first().innerText()).toBe('Event loop');
    await page.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    for (const [device, width] of [['desktop', 1280], ['phone', 390]] as const) {
      test(`${scheme}, ${device}: no serious or critical axe findings`, async () => {
        const { page } = await open('/python-concurency/', { scheme, width });
        await page.locator('[data-nearest-list] a').first().waitFor();
        expect(formatAxe(await axeFindings(page))).toEqual([]);
        await page.screenshot({ path: join(SHOTS, `not-found-${scheme}-${device}.png`), fullPage: true });
        await page.close();
      });
    }
  }
});
