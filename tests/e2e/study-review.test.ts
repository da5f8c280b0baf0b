import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { axeFindings, formatAxe } from '../support/axe.ts';
import { CHROMIUM, hasChromium } from '../support/browser.ts';
import { SHOTS, useSiteBrowser } from '../support/site-browser.ts';

const NOTE = '/python-concurrency/';
const STUDY = '/study/';
/** python-concurrency: 11 highlights and 6 question/answer cards. */
const CARDS = 17;
/** Generous: the machine is shared by many builds and browsers at once. */
const WAIT = { timeout: 15_000, interval: 50 };
/** The learner's "today" and "a month later", on a controlled clock. */
const T0 = new Date('2026-12-01T09:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

if (!hasChromium) console.warn(`tests/e2e/study-review.test.ts skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`);

describe.skipIf(!hasChromium)('spaced-repetition review in a real browser (Chromium)', () => {
  /** The profile that reviews the deck; later tests continue from its progress. */
  let learner: BrowserContext;
  let exported = '';

  const site = useSiteBrowser(() => process.env.STUDY_SITE_DIR ?? inject('siteDir'), { expect: 'study/index.html' });
  beforeAll(async () => {
    learner = await profile();
  });

  async function profile(options: { colorScheme?: 'light' | 'dark'; width?: number } = {}): Promise<BrowserContext> {
    const { width = 1280, colorScheme = 'dark' } = options;
    return site.browser.newContext({ viewport: { width, height: width > 500 ? 900 : 844 }, colorScheme, acceptDownloads: true });
  }

  async function open(context: BrowserContext, path: string, at = T0): Promise<Page> {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    // The machine is shared: navigations may wait for a busy CPU.
    page.setDefaultNavigationTimeout(30_000);
    await page.clock.install({ time: at });
    await page.goto(site.url + path, { waitUntil: 'domcontentloaded' });
    return page;
  }

  /** The counts of one deck row: [new, due, learned, total]. */
  async function row(page: Page, deck: string): Promise<number[]> {
    const cells = page.locator(`tr[data-deck="${deck}"] td.count`);
    await expect.poll(() => cells.count(), WAIT).toBe(4);
    return (await cells.allTextContents()).map(Number);
  }

  test('/study/ lists the decks by note and by tag with new, due and learned counts', async () => {
    const page = await open(learner, STUDY);
    expect(await row(page, 'all')).toEqual([CARDS, 0, 0, CARDS]);
    expect(await row(page, 'note:python-concurrency')).toEqual([CARDS, 0, 0, CARDS]);
    expect(await row(page, 'tag:python')).toEqual([CARDS, 0, 0, CARDS]);
    expect(await row(page, 'tag:blog')).toEqual([CARDS, 0, 0, CARDS]);
    // Notes without highlights or cards have no deck.
    expect(await page.locator('tr[data-deck="note:concurrency-options"]').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Download every card for Anki' }).getAttribute('href')).toBe('/study/anki/all.apkg');
    expect(await page.getByRole('link', { name: 'Anki file of #python' }).getAttribute('href')).toBe('/study/anki/tags/python.apkg');
    expect(await page.getByRole('link', { name: 'Anki file of All notes' }).getAttribute('href')).toBe('/study/anki/all.apkg');
    // The download is the Anki package (a zip).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Anki file of #python' }).click()]);
    expect(download.suggestedFilename()).toBe('python.apkg');
    expect(readFileSync((await download.path())!).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(formatAxe(await axeFindings(page, { include: 'main' }))).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'review-decks-dark.png'), fullPage: true });
    await page.close();
  });

  test('the python-concurrency deck is reviewed by keyboard alone, every card graded and scheduled by FSRS', async () => {
    const page = await open(learner, NOTE);
    // From the note's study bar: "Review this note", reached and followed with the keyboard.
    const link = page.getByRole('link', { name: 'Review this note' });
    await link.waitFor();
    for (let i = 0; i < 40 && !(await link.evaluate((a) => a === document.activeElement)); i++) await page.keyboard.press('Tab');
    expect(await link.evaluate((a) => a === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/study\/\?deck=note%3Apython-concurrency$/);
    const reveal = page.getByRole('button', { name: /Show answer/ });
    await expect.poll(() => reveal.evaluate((b) => b === document.activeElement), WAIT).toBe(true);
    expect(await page.locator('[data-context]').innerText()).toBe('Python concurrency');
    expect(await page.locator('[data-front]').innerText()).toBe('The dictionary definition of concurrency is […] occurrence.');
    expect(await page.locator('[data-remaining]').innerText()).toBe(`${CARDS} cards left in this session`);
    await page.screenshot({ path: join(SHOTS, 'review-front-dark.png') });

    await page.keyboard.press('Space');
    const grades = page.getByRole('group', { name: 'How well did you remember?' });
    await expect.poll(() => grades.isVisible(), WAIT).toBe(true);
    expect(await page.locator('[data-front]').innerText()).toBe('The dictionary definition of concurrency is simultaneous occurrence.');
    // FSRS's intervals, as ts-fsrs computes them for a new card.
    expect(await grades.getByRole('button').allInnerTexts()).toEqual(['Again 1m 1', 'Hard 6m 2', 'Good 10m 3', 'Easy 8d 4'].map((s) => expect.stringMatching(new RegExp(s.replace(/ /g, '\\s+')))) as never);
    expect(formatAxe(await axeFindings(page, { include: 'main' }))).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'review-back-dark.png') });

    // Again once, Easy for the three question/answer cards of the list, Good for the rest until the session ends.
    let answers = 0;
    const seen = new Map<string, number>();
    for (let i = 0; i < 80 && (await page.locator('[data-view="session"]').isVisible()); i++) {
      if (!(await grades.isVisible())) await page.keyboard.press(i % 2 === 0 ? 'Enter' : 'Space');
      await expect.poll(() => grades.isVisible(), WAIT).toBe(true);
      const front = await page.locator('[data-front]').innerText();
      const times = (seen.get(front) ?? 0) + 1;
      seen.set(front, times);
      const key = answers === 0 ? '1' : front.includes('Switch') || front.includes('Difference') ? '4' : '3';
      await page.keyboard.press(key);
      answers += 1;
    }
    expect(seen.size).toBe(CARDS);
    await expect.poll(() => page.locator('[data-summary-text]').innerText(), WAIT).toMatch(new RegExp(`^${CARDS} cards reviewed \\(${answers} answers: Again 1, Hard 0, Good \\d+, Easy [1-9]\\d*\\)\\.$`));
    expect(await page.locator('[data-summary-next]').innerText()).toMatch(/^Next card due in \d+d\.$/);
    expect(await page.getByRole('heading', { name: 'Session done' }).evaluate((h) => h === document.activeElement)).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'review-summary-dark.png') });
    await page.close();
  });

  test('progress survives a reload; a month later the cards are due, on /study/ and in the note’s study bar', async () => {
    const page = await open(learner, STUDY, new Date(T0.getTime() + 60 * 60 * 1000));
    expect(await row(page, 'note:python-concurrency')).toEqual([0, 0, CARDS, CARDS]);
    expect(await row(page, 'all')).toEqual([0, 0, CARDS, CARDS]);
    await page.reload();
    expect(await row(page, 'note:python-concurrency')).toEqual([0, 0, CARDS, CARDS]);
    await page.goto(site.url + NOTE);
    await expect.poll(() => page.locator('[data-study-due]').innerText(), WAIT).toBe('0 due · 0 new');

    await page.clock.setSystemTime(new Date(T0.getTime() + 30 * DAY));
    await page.reload();
    await expect.poll(() => page.locator('[data-study-due]').innerText(), WAIT).toBe(`${CARDS} due · 0 new`);
    await page.screenshot({ path: join(SHOTS, 'study-bar-due-dark.png'), clip: { x: 0, y: 0, width: 1280, height: 400 } });
    await page.goto(site.url + STUDY);
    expect(await row(page, 'note:python-concurrency')).toEqual([0, CARDS, 0, CARDS]);
    await page.close();
  });

  test('progress is exported as a file and imported into a fresh profile', async () => {
    const page = await open(learner, STUDY);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export progress' }).click()]);
    expect(download.suggestedFilename()).toBe('study-progress-2026-12-01.json');
    exported = readFileSync((await download.path())!, 'utf8');
    const file = JSON.parse(exported) as { format: string; schema: number; cards: Record<string, { note: string }> };
    expect([file.format, file.schema, Object.keys(file.cards).length]).toEqual(['pyconcurrency-notes/study-progress', 1, CARDS]);
    await expect.poll(() => page.getByRole('status').innerText(), WAIT).toBe(`Exported progress for ${CARDS} cards.`);
    await page.close();

    const fresh = await profile();
    const other = await open(fresh, STUDY, new Date(T0.getTime() + 2 * 60 * 60 * 1000));
    expect(await row(other, 'note:python-concurrency')).toEqual([CARDS, 0, 0, CARDS]);
    await other.getByLabel('Import progress…').setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    await expect.poll(() => other.getByRole('status').innerText(), WAIT).toBe(`Imported progress for ${CARDS} cards from progress.json.`);
    expect(await row(other, 'note:python-concurrency')).toEqual([0, 0, CARDS, CARDS]);
    await other.reload();
    expect(await row(other, 'note:python-concurrency')).toEqual([0, 0, CARDS, CARDS]);
    await fresh.close();
  });

  test.each([
    ['a corrupted file', '{"format":"pyconcurrency-notes/study-progress","schema":1,"cards":{', 'it is not valid JSON'],
    ['a foreign JSON file', '{"decks":[{"name":"Default"}]}', 'it is not a study progress file of this site'],
    ['a newer schema', '{"format":"pyconcurrency-notes/study-progress","schema":9,"cards":{}}', 'it was written by a newer version of the site (schema 9)'],
    ['a card with a broken date', '{"format":"pyconcurrency-notes/study-progress","schema":1,"cards":{"x":{"note":"n","due":"soon","stability":1,"difficulty":1,"elapsed_days":0,"scheduled_days":0,"learning_steps":0,"reps":1,"lapses":0,"state":2}}}', 'card "x" has no valid due date'],
  ])('%s is refused with a clear message and the progress is kept', async (_name, content, reason) => {
    const page = await open(learner, STUDY, new Date(T0.getTime() + 2 * 60 * 60 * 1000));
    const before = await page.evaluate(() => localStorage.getItem('notes:study-progress'));
    expect(before).toContain('"format":"pyconcurrency-notes/study-progress"');
    await page.getByLabel('Import progress…').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(content) });
    await expect.poll(() => page.getByRole('status').innerText(), WAIT).toBe(`Not imported: bad.json was refused because ${reason}. Your progress is unchanged.`);
    expect(await page.evaluate(() => localStorage.getItem('notes:study-progress'))).toBe(before);
    expect(await row(page, 'note:python-concurrency')).toEqual([0, 0, CARDS, CARDS]);
    await page.close();
  });

  test('a tag session loads that tag’s deck file, and only “All notes” loads all.json', async () => {
    const context = await profile();
    const page = await open(context, STUDY);
    const fetched: string[] = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    await row(page, 'tag:python');
    await page.locator('tr[data-deck="tag:python"] .deck-review').click();
    await expect.poll(() => page.locator('[data-remaining]').innerText(), WAIT).toBe(`${CARDS} cards left in this session`);
    expect(await page.locator('[data-session-title]').innerText()).toBe('Reviewing: #python');
    expect(fetched.filter((p) => p.endsWith('.json'))).toEqual(['/study/tags/python.json']);
    await page.getByRole('button', { name: 'End session' }).click();
    await page.getByRole('button', { name: 'Back to decks' }).click();
    await page.locator('tr[data-deck="all"] .deck-review').click();
    await expect.poll(() => page.locator('[data-remaining]').innerText(), WAIT).toBe(`${CARDS} cards left in this session`);
    expect(fetched.filter((p) => p.endsWith('.json'))).toEqual(['/study/tags/python.json', '/study/all.json']);
    await context.close();
  });

  test('cards whose ids are gone are left out of the queue, not errors', async () => {
    const context = await profile();
    const state = (note: string) => ({ note, due: '2026-11-01T00:00:00.000Z', stability: 3, difficulty: 5, elapsed_days: 0, scheduled_days: 3, learning_steps: 0, reps: 2, lapses: 0, state: 2, last_review: '2026-10-29T00:00:00.000Z' });
    const progress = { format: 'pyconcurrency-notes/study-progress', schema: 1, cards: { 'cloze-000000000000': state('python-concurrency'), 'qa-gone00000000': state('deleted-note') } };
    await context.addInitScript((value) => localStorage.setItem('notes:study-progress', value), JSON.stringify(progress));
    const page = await open(context, STUDY);
    expect(await row(page, 'note:python-concurrency')).toEqual([CARDS, 0, 0, CARDS]);
    await page.goto(`${site.url}${STUDY}?deck=note%3Apython-concurrency`);
    await expect.poll(() => page.locator('[data-remaining]').innerText(), WAIT).toBe(`${CARDS} cards left in this session`);
    await context.close();
  });

  test.each([
    ['light', 1280],
    ['dark', 1280],
    ['light', 390],
    ['dark', 390],
  ] as const)('the decks and the review screen pass axe and fit (%s, %i px)', async (colorScheme, width) => {
    const context = await profile({ colorScheme, width });
    const page = await open(context, STUDY);
    expect(await row(page, 'note:python-concurrency')).toEqual([CARDS, 0, 0, CARDS]);
    expect(formatAxe(await axeFindings(page, { include: 'main' }))).toEqual([]);
    await page.screenshot({ path: join(SHOTS, `decks-${colorScheme}-${width}.png`), fullPage: true });
    await page.goto(`${site.url}${STUDY}?deck=note%3Apython-concurrency`, { waitUntil: 'domcontentloaded' });
    const reveal = page.getByRole('button', { name: /Show answer/ });
    // The ninth card: a question/answer card under its heading.
    for (let i = 0; i < 12; i++) {
      await expect.poll(() => reveal.isVisible(), WAIT).toBe(true);
      if ((await page.locator('[data-kind]').innerText()) === 'QUESTION' && (await page.locator('[data-context] a').count()) > 1) break;
      await page.keyboard.press('Space');
      await page.keyboard.press('4');
    }
    await page.keyboard.press('Space');
    await expect.poll(() => page.locator('[data-back-side]').isVisible(), WAIT).toBe(true);
    expect(await page.locator('[data-context]').innerText()).toMatch(/^Python concurrency › /);
    // Every control says its key.
    for (const name of ['Again', 'Hard', 'Good', 'Easy']) expect(await page.getByRole('button', { name: new RegExp(`^${name}`) }).getAttribute('aria-keyshortcuts')).toMatch(/^[1-4]$/);
    expect(formatAxe(await axeFindings(page, { include: 'main' }))).toEqual([]);
    const tooWide = await page.evaluate(() => [...document.querySelectorAll('study-review *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.deck-table-wrap')).map((e) => e.outerHTML.slice(0, 80)));
    expect(tooWide).toEqual([]);
    // A visible focus ring on the focused grade button.
    const outline = await page.locator('[data-grade="3"]').evaluate((b) => b === document.activeElement && getComputedStyle(b).outlineStyle);
    expect(outline).toBe('solid');
    await page.screenshot({ path: join(SHOTS, `review-${colorScheme}-${width}.png`), fullPage: width < 500 });
    await context.close();
  });

  test('in study mode a revealed highlight hides again when its words are clicked', async () => {
    const context = await profile();
    const page = await open(context, NOTE);
    await page.getByRole('button', { name: 'Study', exact: true }).click();
    const blank = page.getByRole('button', { name: 'Blank 1 of 11', exact: true });
    await blank.click();
    await expect.poll(() => blank.getAttribute('aria-expanded'), WAIT).toBe('true');
    const mark = page.locator('mark.cloze').first();
    await mark.click();
    await expect.poll(() => blank.getAttribute('aria-expanded'), WAIT).toBe('false');
    await expect.poll(() => mark.isVisible(), WAIT).toBe(false);
    expect(await blank.evaluate((b) => b === document.activeElement)).toBe(true);
    await context.close();
  });

  afterAll(() => {
    if (exported) writeFileSync(join(SHOTS, 'exported-progress.json'), exported);
  });
});
