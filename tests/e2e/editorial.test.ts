// Editor's notes and the "Mentions" panel in a real headless Chromium on the seed site: marked,
// readable (axe-core: no serious or critical finding, light and dark, desktop and phone), the
// plain-text export's sentences collapsed until asked for. Screenshots for a human to look at
// (test-results/screenshots, or SHOTS_DIR), never compared.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { axeFindings, formatAxe } from '../support/axe.ts';
import { CHROMIUM, hasChromium } from '../support/browser.ts';
import { SHOTS, useSiteBrowser } from '../support/site-browser.ts';

const WAIT = { timeout: 30_000, interval: 50 };

if (!hasChromium) console.warn(`tests/e2e/editorial.test.ts skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`);

describe.skipIf(!hasChromium)("editor's notes in a real browser (Chromium)", () => {
  const site = useSiteBrowser(() => process.env.EDITORIAL_SITE_DIR ?? inject('siteDir'), { expect: 'python-concurrency/index.html' });

  async function open(path: string, width: number, colorScheme: 'light' | 'dark'): Promise<Page> {
    const context = await site.browser.newContext({ viewport: { width, height: width > 500 ? 900 : 844 }, colorScheme });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    // A generous navigation timeout: the machine may be shared by many builds at once.
    await page.goto(site.url + path, { timeout: 30_000 });
    await expect.poll(() => page.locator('html').getAttribute('data-theme'), WAIT).toBe(colorScheme);
    return page;
  }

  const CASES = [
    ['/python-concurrency/', 'python-concurrency'],
    ['/concurrency-with-python/', 'concurrency-with-python'],
    ['/concurrency-options/', 'concurrency-options'],
  ] as const;

  // Both themes and widths for the two pages holding both kinds of note; the third (a note after a
  // table, one inside a nested list) in both themes on desktop.
  const RUNS = CASES.flatMap(([path, name]) =>
    (['light', 'dark'] as const).flatMap((colorScheme) => (name === 'concurrency-options' ? [1280] : [1280, 390]).map((width) => ({ path, name, colorScheme, width }))),
  );
  /** axe on a long page takes a while on a loaded machine. */
  const SLOW = 120_000;

  test.each(RUNS)("$name: editor's notes and the backlinks panel pass axe ($colorScheme, $width px)", async ({ path, name, colorScheme, width }) => {
    const page = await open(path, width, colorScheme);
    // Open the collapsed ones too, so their text is checked as well.
    await page.locator('details.editorial--export > summary').evaluateAll((els) => els.forEach((s) => ((s.parentElement as HTMLDetailsElement).open = true)));
    expect(formatAxe(await axeFindings(page, { include: ['.editorial', 'aside.backlinks'] }))).toEqual([]);
    // Nothing of an editor's note overflows a phone's width.
    for (const right of await page.locator('.editorial').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right))) expect(right).toBeLessThanOrEqual(width);
    await page.locator('.editorial').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, `${name}-${colorScheme}-${width}.png`) });
    await page.context().close();
  }, SLOW);

  test('positive control: the same axe run reports an unreadable editor\'s note', async () => {
    const page = await open('/concurrency-options/', 1280, 'light');
    await page.locator('.editorial__body').first().evaluate((el) => el.setAttribute('style', 'color: #d8d8d8'));
    expect(formatAxe(await axeFindings(page, { include: ['.editorial'] })).join('\n')).toMatch(/^color-contrast \(serious\)/);
    await page.context().close();
  }, SLOW);

  test('an editor\'s note is announced as one and carries its evidence link', async () => {
    const page = await open('/concurrency-with-python/', 1280, 'light');
    const note = page.getByRole('note', { name: 'Editor’s note' }).filter({ hasText: 'prevents neither' });
    await expect.poll(() => note.count(), WAIT).toBe(1);
    expect(await note.getByRole('link', { name: /Glossary: global interpreter lock/ }).getAttribute('href')).toBe('https://docs.python.org/3/glossary.html#term-global-interpreter-lock');
    // Right after the passage it corrects: the paragraph before it holds the quote.
    const before = await note.evaluate((el) => el.previousElementSibling?.textContent ?? '');
    expect(before).toContain('prevents race conditions and deadlocks');
    await note.screenshot({ path: join(SHOTS, 'gil-note-light.png') });
    await page.context().close();
  });

  test('the plain-text export\'s sentences are collapsed until the reader opens them', async () => {
    const page = await open('/python-concurrency/', 390, 'dark');
    const exports = page.locator('details.editorial--export');
    await expect.poll(() => exports.count(), WAIT).toBe(4);
    const sentence = page.getByText('Main information source is realpython concurrency article 1.');
    expect(await sentence.isVisible()).toBe(false);
    await exports.first().locator('summary').click();
    await expect.poll(() => sentence.isVisible(), WAIT).toBe(true);
    await exports.first().screenshot({ path: join(SHOTS, 'export-open-dark-390.png') });
    await page.context().close();
  });

  test('a seed note lists the hub notes it mentions without linking ("Mentions")', async () => {
    const page = await open('/concurrency-options/', 390, 'light');
    const panel = page.locator('aside.backlinks');
    await panel.scrollIntoViewIfNeeded();
    const text = await panel.innerText();
    expect(text).toMatch(/Mentions\s*\d+/);
    expect(text).toContain('Global Interpreter Lock');
    // The GIL hub also links here ("Linked from", with a text fragment); the Mentions entry opens the hub itself.
    expect(await panel.locator('.backlinks-mentions-out').getByRole('link', { name: 'Global Interpreter Lock' }).getAttribute('href')).toBe('/global-interpreter-lock/');
    await panel.screenshot({ path: join(SHOTS, 'mentions-light-390.png') });
    await page.context().close();
  });
});
