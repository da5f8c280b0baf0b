import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { CHROMIUM, hasChromium } from '../support/browser.ts';
import { SHOTS, useSiteBrowser } from '../support/site-browser.ts';
import { describe, expect, inject, test } from 'vitest';

const NOTE = '/python-concurrency/';
const OTHER = '/concurrency-options/';
/** Polls wait this long: the machine is shared, a page may take a moment to run its scripts. */
const WAIT = { timeout: 30_000, interval: 50 };

if (!hasChromium) console.warn(`tests/e2e/study.test.ts skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`);

describe.skipIf(!hasChromium)('study mode in a real browser (Chromium)', () => {
  const site = useSiteBrowser(() => process.env.STUDY_SITE_DIR ?? inject('siteDir'), { expect: `${NOTE}/index.html` });

  async function open(path = NOTE, options: { javaScriptEnabled?: boolean; colorScheme?: 'light' | 'dark' } = {}): Promise<Page> {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(site.url + path);
    return page;
  }

  const content = (page: Page) => page.locator('.sl-markdown-content');
  const blanks = (page: Page) => page.locator('.sl-markdown-content .cloze-blank');
  const expanded = (page: Page) => blanks(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-expanded')));

  test('without JavaScript the highlights and answers simply show, with no study buttons', async () => {
    const page = await open(NOTE, { javaScriptEnabled: false });
    await expect.poll(() => page.locator('mark.cloze').count(), WAIT).toBe(11);
    expect(await content(page).innerText()).toContain('simultaneous');
    expect(await content(page).innerText()).toContain('Creating a Session object');
    await expect.poll(() => page.locator('study-mode .study-counts').textContent(), WAIT).toBe('11 clozes · 6 cards');
    await expect.poll(() => page.locator('study-mode .study-controls').isVisible(), WAIT).toBe(false);
    await expect.poll(() => blanks(page).count(), WAIT).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'no-js.png') });
    await page.context().close();
  });

  test('Study turns every highlight into a blank and hides the answers', async () => {
    const page = await open(NOTE, { colorScheme: 'dark' });
    const toggle = page.getByRole('button', { name: 'Study', exact: true });
    await expect.poll(() => toggle.getAttribute('aria-pressed'), WAIT).toBe('false');
    expect(await content(page).innerText()).toContain('simultaneous');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed'), WAIT).toBe('true');
    await expect.poll(() => blanks(page).count(), WAIT).toBe(11);
    const text = await content(page).innerText();
    expect(text).not.toContain('simultaneous');
    expect(text).not.toContain('protected data accesses');
    expect(text).not.toContain('Creating a Session object');
    expect(text).toContain('Why we used requests.Session here?');
    // A blank is about as wide as the words it hides.
    const first = blanks(page).first();
    expect(await page.getByRole('button', { name: 'Blank 1 of 11', exact: true }).count()).toBe(1);
    const width = (await first.boundingBox())?.width ?? 0;
    const wordWidth = await page.evaluate(() => {
      const probe = document.createElement('span');
      probe.textContent = 'simultaneous';
      document.querySelector('.sl-markdown-content p')?.append(probe);
      const w = probe.getBoundingClientRect().width;
      probe.remove();
      return w;
    });
    expect(width).toBeGreaterThan(wordWidth * 0.9);
    expect(width).toBeLessThan(wordWidth * 1.3);
    await page.screenshot({ path: join(SHOTS, 'study-dark.png') });
    await page.context().close();
  });

  test('a blank reveals on click, Enter and Space, and aria-expanded follows', async () => {
    const page = await open();
    await page.getByRole('button', { name: 'Study', exact: true }).click();
    const [one, two, three] = [blanks(page).nth(0), blanks(page).nth(1), blanks(page).nth(2)];
    await one.click();
    await expect.poll(() => one.getAttribute('aria-expanded'), WAIT).toBe('true');
    expect(await content(page).innerText()).toContain('simultaneous');
    await two.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => two.getAttribute('aria-expanded'), WAIT).toBe('true');
    await expect.poll(() => page.locator('mark.cloze').nth(1).isVisible(), WAIT).toBe(true);
    await three.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => three.getAttribute('aria-expanded'), WAIT).toBe('true');
    await page.screenshot({ path: join(SHOTS, 'study-revealed-focus.png'), clip: { x: 0, y: 0, width: 1280, height: 900 } });
    await page.keyboard.press('Enter');
    await expect.poll(() => three.getAttribute('aria-expanded'), WAIT).toBe('false');
    await expect.poll(() => page.locator('mark.cloze').nth(2).isVisible(), WAIT).toBe(false);
    await page.context().close();
  });

  test('Reveal all and Hide all open and close every blank and card', async () => {
    const page = await open();
    await page.getByRole('button', { name: 'Study', exact: true }).click();
    await page.getByRole('button', { name: 'Reveal all' }).click();
    expect(await expanded(page)).toEqual(Array(11).fill('true'));
    await expect.poll(() => page.locator('.qa-toggle[aria-expanded="true"]').count(), WAIT).toBe(6);
    expect(await content(page).innerText()).toContain('Creating a Session object');
    await page.getByRole('button', { name: 'Hide all' }).click();
    expect(await expanded(page)).toEqual(Array(11).fill('false'));
    await expect.poll(() => page.locator('.qa-answer').first().isVisible(), WAIT).toBe(false);
    await page.context().close();
  });

  test('a card answer opens with its own button', async () => {
    const page = await open();
    await page.getByRole('button', { name: 'Study', exact: true }).click();
    const answers = page.getByRole('button', { name: 'Answer', exact: true });
    await expect.poll(() => answers.count(), WAIT).toBe(6);
    const answer = page.locator('.qa-answer', { hasText: 'Creating a Session object' });
    await expect.poll(() => answer.isVisible(), WAIT).toBe(false);
    const toggle = page.locator('.qa-card', { has: answer }).getByRole('button', { name: 'Answer', exact: true });
    await toggle.press('Enter');
    await expect.poll(() => toggle.getAttribute('aria-expanded'), WAIT).toBe('true');
    await expect.poll(() => answer.isVisible(), WAIT).toBe(true);
    await answer.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'study-card.png') });
    await page.context().close();
  });

  test('the choice persists across pages and is applied before the content is parsed', async () => {
    const page = await open();
    await page.getByRole('button', { name: 'Study', exact: true }).click();
    await page.goto(site.url + OTHER);
    await expect.poll(() => page.locator('study-mode').count(), WAIT).toBe(0); // a note without highlights gets no bar
    // Record the study attribute at the moment the parser inserts the first highlight.
    await page.addInitScript(() => {
      new MutationObserver((_records, observer) => {
        if (!document.querySelector('mark.cloze')) return;
        (window as unknown as { studyAtFirstMark: string | undefined }).studyAtFirstMark = document.documentElement.dataset.study;
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(site.url + NOTE);
    expect(await page.evaluate(() => (window as unknown as { studyAtFirstMark?: string }).studyAtFirstMark)).toBe('on');
    await expect.poll(() => page.getByRole('button', { name: 'Study', exact: true }).getAttribute('aria-pressed'), WAIT).toBe('true');
    await expect.poll(() => blanks(page).count(), WAIT).toBe(11);
    expect(await content(page).innerText()).not.toContain('simultaneous');
    await page.getByRole('button', { name: 'Study', exact: true }).click();
    await page.reload();
    await expect.poll(() => page.getByRole('button', { name: 'Study', exact: true }).getAttribute('aria-pressed'), WAIT).toBe('false');
    expect(await content(page).innerText()).toContain('simultaneous');
    await page.context().close();
  });

  test('if the study script never runs, a stored study mode gives the note back after a few seconds', async () => {
    const context = await site.browser.newContext();
    await context.addInitScript(() => {
      localStorage.setItem('notes:study-mode', 'on');
      const define = customElements.define.bind(customElements);
      customElements.define = (name, ctor, options) => (name === 'study-mode' ? undefined : define(name, ctor, options));
    });
    // The fallback is a 4 s timer: on the page's own clock, so a slow load cannot run it early.
    await context.clock.install({ time: new Date('2026-01-05T09:00:00Z') });
    await context.clock.pauseAt(new Date('2026-01-05T09:00:01Z'));
    const page = await context.newPage();
    await page.goto(site.url + NOTE);
    const markColour = () => page.locator('mark.cloze').first().evaluate((e) => getComputedStyle(e).color);
    const answer = page.locator('.qa-answer').first();
    expect(await page.locator('html').getAttribute('data-study')).toBe('on');
    expect(await markColour()).toBe('rgba(0, 0, 0, 0)'); // hidden before paint, as it should be
    expect(await answer.isVisible()).toBe(false);
    await page.clock.runFor(3_900);
    expect(await markColour()).toBe('rgba(0, 0, 0, 0)');
    await page.clock.runFor(200);
    await expect.poll(markColour).not.toBe('rgba(0, 0, 0, 0)');
    expect(await answer.isVisible()).toBe(true);
    await context.close();
  });

  test('study mode reads well in the light theme too', async () => {
    const page = await open(NOTE, { colorScheme: 'light' });
    await page.getByRole('button', { name: 'Study', exact: true }).click();
    await blanks(page).nth(3).click();
    await expect.poll(() => page.locator('html').getAttribute('data-theme'), WAIT).toBe('light');
    await page.locator('mark.cloze').nth(3).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'study-light.png') });
    await page.context().close();
  });

  test('on a phone the study bar wraps and blanks never widen the page', async () => {
    const context = await site.browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(site.url + NOTE);
    await page.getByRole('button', { name: 'Study', exact: true }).click();
    await page.getByRole('button', { name: 'Blank 2 of 11', exact: true }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'study-phone.png') });
    // Only study elements are checked: other widgets may overflow on their own (footnote popovers did).
    const tooWide = await page.evaluate(() =>
      [...document.querySelectorAll('study-mode, .cloze-blank, .qa-card, .qa-toggle')]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth)
        .map((e) => e.outerHTML.slice(0, 80)),
    );
    expect(tooWide).toEqual([]);
    await context.close();
  });

  test('the note page ships far less than 60 KB of gzipped JavaScript, the study code only where needed', () => {
    const html = readFileSync(join(site.dir, 'python-concurrency/index.html'), 'utf8');
    const inline = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '').join('\n');
    const external = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => readFileSync(join(site.dir, m[1] ?? '')));
    const gz = gzipSync(Buffer.concat([Buffer.from(inline), ...external])).length;
    expect(gz).toBeLessThan(60_000);
    expect(html).toMatch(/<study-mode data-pagefind-ignore/);
    const other = readFileSync(join(site.dir, 'concurrency-options/index.html'), 'utf8');
    expect(other).not.toContain('study-mode');
  });

  test('search indexes the highlighted words and the answers, not the study labels', () => {
    const dir = join(site.dir, 'pagefind', 'fragment');
    const fragments = readdirSync(dir).map((f) => gunzipSync(readFileSync(join(dir, f))).toString('utf8'));
    const note = fragments.filter((f) => f.includes('simultaneous'));
    expect(note.length).toBeGreaterThan(0);
    expect(note.some((f) => f.includes('Creating a Session object'))).toBe(true);
    for (const f of fragments) expect(f).not.toMatch(/\d+ clozes|Reveal all|Hide all/);
  });
});
