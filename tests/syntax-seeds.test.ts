import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { mainOf, readPage } from './support/html-text.ts';

interface PagefindResult { data: () => Promise<{ url: string; content: string }> }
interface Pagefind {
  options: (o: { basePath: string }) => Promise<void>;
  search: (q: string) => Promise<{ results: PagefindResult[] }>;
}

/** Loads the built site's Pagefind in Node, reading its files from `dist/` (TOOLCHAIN.md). */
async function loadPagefind(siteDir: string): Promise<Pagefind> {
  globalThis.fetch = (async (url: string | URL) => new Response(await readFile(join(siteDir, new URL(String(url), 'http://site/').pathname)))) as typeof fetch;
  const pagefind = (await import(pathToFileURL(join(siteDir, 'pagefind/pagefind.js')).href)) as Pagefind;
  await pagefind.options({ basePath: 'http://site/pagefind/' });
  return pagefind;
}

describe('Obsidian syntax in the built seed notes', () => {
  let siteDir: string;
  beforeAll(() => {
    siteDir = inject('siteDir');
  });

  test('concurrency-options: three missing images are timelines of recorded runs (src/data/diagrams.json), never <img>; its math is KaTeX', () => {
    const main = mainOf(readPage(siteDir, 'concurrency-options'));
    expect(main).not.toContain('data-image-missing');
    const titles = [...main.matchAll(/<figure class="timeline[^"]*"[^>]*><figcaption class="tl-title">([^<]+)</g)].map((m) => m[1]);
    expect(titles).toEqual(['Multithreading: 160 downloads through a pool of 5', 'Asyncio: 160 downloads as tasks created up front', 'Multiprocessing: 20 sums of squares on a pool']);
    expect(main).not.toMatch(/<img[^>]+src="\/img\//);
    // `$x=x+1$` and `$1$` twice in the table.
    expect(main.match(/<span class="katex">/g)).toHaveLength(3);
    expect(main.match(/class="katex-html" aria-hidden="true" data-pagefind-ignore="all"/g)).toHaveLength(3);
  });

  test('python-concurrency: five footnote references with popovers whose links all resolve', () => {
    const main = mainOf(readPage(siteDir, 'python-concurrency'));
    expect(main.match(/<span class="fn-popover" id="user-content-fnpop-[\w-]+" role="tooltip" data-pagefind-ignore="all">/g)).toHaveLength(5);
    const ids = new Set([...main.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    const footnoteLinks = [...main.matchAll(/href="#(user-content-[^"]+)"/g)].map((m) => m[1]);
    expect(footnoteLinks.length).toBeGreaterThanOrEqual(10);
    for (const target of footnoteLinks) expect(ids).toContain(target);
    // The `[!quote]` callouts folded in from the other version, and the Wikipedia <cite>.
    expect(main.match(/<div class="callout" data-callout="quote">/g)).toHaveLength(4);
    expect(main).toContain('<cite><a href="https://en.wikipedia.org/wiki/Concurrency_(computer_science)">Wikipedia</a></cite>');
  });

  test('Pagefind indexes a formula once (its MathML), not three times', async () => {
    const pagefind = await loadPagefind(siteDir);
    const { results } = await pagefind.search('trivial');
    const pages = await Promise.all(results.map((r) => r.data()));
    const page = pages.find((p) => p.url.includes('concurrency-options'));
    expect(page?.content).toContain('during a trivial x=x+1. However');
    expect(page?.content.match(/x\s*=\s*x\s*\+\s*1/g)).toHaveLength(1);
  });
});
