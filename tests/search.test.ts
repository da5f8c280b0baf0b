import { beforeAll, describe, expect, inject, test } from 'vitest';
import { withPagefind, withSiteSearch } from './support/pagefind.ts';

describe('full-text search (Pagefind) on the seed notes', () => {
  let siteDir: string;
  beforeAll(() => {
    siteDir = inject('siteDir');
  });

  test('finds the notes that discuss a word, and never a list page', async () => {
    await withSiteSearch(siteDir, async (search) => {
      const asyncio = await search('asyncio');
      expect(asyncio).toEqual(expect.arrayContaining(['/python-concurrency/', '/concurrency-options/', '/concurrency-with-python/', '/concurrency-in-python-a-guide/']));
      for (const url of asyncio) expect(url, url).not.toMatch(/^\/(tags|notes)\/|^\/concepts\/(page-\d+\/)?$/);
    });
  });

  test('finds a sentence only the note body holds, not the words of a translation', async () => {
    await withSiteSearch(siteDir, async (search) => {
      expect(await search('pickle')).toContain('/concurrency-with-python/');
    });
    // Only the TypeScript translations use tinypool: translations are not indexed (their text
    // would otherwise become the excerpts). Pagefind may still return a loose match elsewhere.
    await withPagefind(siteDir, async (search) => {
      const excerpts = (await search('tinypool')).flatMap((r) => [r.excerpt, ...r.subResults.map((s) => s.excerpt)]);
      for (const e of excerpts) expect(e.toLowerCase()).not.toContain('tinypool');
    });
  });

  test('editor\'s notes are indexed with their page: words only they hold find the note they annotate', async () => {
    await withSiteSearch(siteDir, async (search) => {
      // The note says "responsibilites"; only its editor's note spells "responsibilities".
      expect(await search('responsibilities')).toContain('/concurrency-options/');
      // Seed 002's sentence, kept in a collapsed "In the plain-text export" note.
      expect(await search('realpython concurrency article')).toContain('/python-concurrency/');
      expect(await search('Celery distributed task queue')).toContain('/concurrency-in-python-a-guide/');
    });
  });

  test('an unwritten concept is found by its title, not through the notes that quote it', async () => {
    await withSiteSearch(siteDir, async (search) => {
      expect(await search('computer science')).toContain('/concepts/computer-science/');
      // "decomposability" is only in the quote that links [[computer_science]]: the note, not the concept page.
      expect(await search('decomposability')).toEqual(['/python-concurrency/']);
    });
  });
});
