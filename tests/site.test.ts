import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { scanVault } from '../src/lib/vault.ts';
import { buildSite, type BuiltSite } from './support/build-site.ts';
import { htmlText, mainOf, readPage } from './support/html-text.ts';

const sidebarOf = (html: string) => html.match(/<nav[^>]*aria-label="Main"[\s\S]*?<\/nav>/)?.[0] ?? '';

describe('the notes site', () => {
  let siteDir: string;
  beforeAll(() => {
    siteDir = inject('siteDir');
  });

  test('has a page for every note in notes/', () => {
    const notes = scanVault({ dir: resolve('notes') }).notes;
    // The four seeds and the hub notes that connect them.
    expect(notes.map((n) => n.id).sort()).toEqual([
      'asyncio', 'concurrency-in-python-a-guide', 'concurrency-options', 'concurrency-with-python', 'coroutines-tasks-futures', 'event-loop',
      'global-interpreter-lock', 'go', 'input-output', 'multitasking', 'python-concurrency', 'race-conditions', 'thread-and-process-pools',
    ]);
    for (const note of notes) expect(existsSync(join(siteDir, note.id, 'index.html')), note.id).toBe(true);
  });

  test('the home page introduces the knowledge base and links every note', () => {
    const home = readPage(siteDir, '');
    expect(htmlText(mainOf(home))).toMatch(/knowledge base on concurrency in Python/);
    for (const id of ['python-concurrency', 'concurrency-options', 'concurrency-with-python', 'concurrency-in-python-a-guide']) {
      expect(home).toContain(`href="/${id}/"`);
    }
  });

  test('note dates are the calendar day the author wrote, not the UTC day', () => {
    // notes/python-concurrency.md: `date: 2024-09-26T00:00+03:00` (21:00 UTC on the 25th).
    expect(readPage(siteDir, '')).toMatch(/<time datetime="2024-09-25T21:00:00.000Z">2024-09-26<\/time>/);
  });

  test('navigation stays small: the sidebar lists fixed sections, not every note', () => {
    const sidebar = sidebarOf(readPage(siteDir, 'python-concurrency'));
    expect(sidebar).toContain('href="/notes/"');
    expect(sidebar).not.toContain('href="/concurrency-options/"');
    expect(sidebar.match(/<a\b/g)?.length ?? 0).toBeLessThanOrEqual(8);
  });

  test('KaTeX’s stylesheet is linked only on pages that have math', () => {
    const katexLink = /<link rel="stylesheet" href="\/_astro\/katex\.min\.[^"]+\.css"/;
    expect(readPage(siteDir, 'concurrency-options')).toMatch(katexLink);
    for (const id of ['python-concurrency', 'concurrency-with-python', '', 'notes']) expect(readPage(siteDir, id)).not.toMatch(katexLink);
    for (const id of ['python-concurrency', 'concurrency-options']) expect(readPage(siteDir, id)).not.toMatch(/KaTeX_[\w-]+\.\w+\)|data:font/);
  });

  test('every code block of the seeds is rendered by Expressive Code with a copy button', () => {
    const counts = Object.fromEntries(
      ['python-concurrency', 'concurrency-options', 'concurrency-with-python', 'concurrency-in-python-a-guide'].map((id) => {
        const main = mainOf(readPage(siteDir, id));
        return [id, (main.match(/<figure class="frame/g) ?? []).length];
      }),
    );
    // Python blocks (7 + 3 + 17 + 5) plus the five recorded-output blocks of seed 004.
    expect(counts['python-concurrency']).toBeGreaterThanOrEqual(7);
    expect(counts['concurrency-options']).toBeGreaterThanOrEqual(3);
    expect(counts['concurrency-with-python']).toBeGreaterThanOrEqual(17);
    expect(counts['concurrency-in-python-a-guide']).toBeGreaterThanOrEqual(10);
  });
});

describe('frontmatter dialects on a built fixture vault', () => {
  let site: BuiltSite;
  beforeAll(() => {
    site = buildSite('tests/fixtures/dialects');
  });

  test('a draft is never published, nor listed', () => {
    expect(existsSync(join(site.outDir, 'draft-note'))).toBe(false);
    expect(readPage(site.outDir, '')).not.toContain('Secret draft');
    expect(readPage(site.outDir, 'notes')).not.toContain('Secret draft');
  });

  test.each([
    ['obsidian-note', 'Obsidian style note'],
    ['hugo-note', 'Hugo style note'],
    ['jekyll-note', 'Jekyll style note'],
    ['plain-note', 'Plain note title'],
    ['untitled_note', 'untitled_note'],
    ['different-h1', 'Frontmatter title wins'],
  ])('/%s/ is titled "%s" exactly once', (id, title) => {
    const html = readPage(site.outDir, id);
    const h1s = [...html.matchAll(/<h1\b[^>]*>([\s\S]*?)<\/h1>/g)].map((m) => htmlText(m[1]!).trim());
    expect(h1s.filter((h) => h === title)).toHaveLength(1);
    expect(h1s[0]).toBe(title);
  });

  test('a first heading that differs from the frontmatter title stays as content', () => {
    expect(mainOf(readPage(site.outDir, 'different-h1'))).toMatch(/<h1[^>]*>[\s\S]*?Frontmatter title wins[\s\S]*A different first heading/);
  });

  test('Jekyll excerpt becomes the page description', () => {
    expect(readPage(site.outDir, 'jekyll-note')).toContain('<meta name="description" content="An excerpt that becomes the description"');
  });

  test('Hugo weight orders the note list first', () => {
    const list = mainOf(readPage(site.outDir, 'notes'));
    const order = [...list.matchAll(/<li>\s*<a href="\/([^/"]+)\/"/g)].map((m) => m[1]);
    expect(order[0]).toBe('hugo-note');
    expect(order).toHaveLength(6);
  });

  test('notes folder listing has every published note', () => {
    const ids = readdirSync(site.outDir).filter((d) => existsSync(join(site.outDir, d, 'index.html')) && !['notes', 'concepts', 'tags', 'study', 'graph'].includes(d));
    expect(ids.sort()).toEqual(['different-h1', 'hugo-note', 'jekyll-note', 'obsidian-note', 'plain-note', 'untitled_note']);
  });
});
