import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { withPagefind, type SearchResult } from './support/pagefind.ts';
import { decodeEntities } from './support/html-text.ts';

interface Query {
  query: string;
  first: string;
  filters?: Record<string, string>;
  why: string;
}

/** The project's query set: what a reader types, and the page that should rank first. */
const QUERIES: Query[] = JSON.parse(readFileSync('tests/fixtures/search/queries.json', 'utf8'));

/** Lower-case word sequence of a text (code identifiers split on punctuation). */
function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9_]+/g) ?? [];
}

function shingles(text: string, n: number): Set<string> {
  const w = words(text);
  const out = new Set<string>();
  for (let i = 0; i + n <= w.length; i++) out.add(w.slice(i, i + n).join(' '));
  return out;
}

const N = 4;

/**
 * Word 4-grams that only the TypeScript translations hold: every 4-gram of `notes/<note>/*.ts`
 * that appears nowhere in the notes' own Markdown (prose and Python). Plus the tab chrome a
 * reader of the Python never sees ("TypeScript checked parity").
 */
function translationOnly(notesDir: string): Set<string> {
  const notes = readdirSync(notesDir).filter((f) => f.endsWith('.md'));
  const source = new Set<string>();
  for (const note of notes) for (const s of shingles(readFileSync(join(notesDir, note), 'utf8'), N)) source.add(s);
  // Editor's notes (notes/<note>/editorial.yaml) are prose on the page too.
  for (const entry of readdirSync(notesDir)) {
    const file = join(notesDir, entry, 'editorial.yaml');
    if (statSync(join(notesDir, entry)).isDirectory() && existsSync(file)) for (const s of shingles(readFileSync(file, 'utf8'), N)) source.add(s);
  }
  const only = new Set<string>();
  for (const entry of readdirSync(notesDir)) {
    const dir = join(notesDir, entry);
    if (!statSync(dir).isDirectory()) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      for (const s of shingles(readFileSync(join(dir, file), 'utf8'), N)) if (!source.has(s)) only.add(s);
    }
  }
  return only;
}

const CHROME = [/typescript\s*(checked|fragment|failing|not checked)/i, /checked\s*parity/i, /\.ts\s*\/\*\*/];

/** The translation-only passages an excerpt contains (empty when it comes from the note itself). */
function leaks(excerpt: string, only: Set<string>): string[] {
  const text = decodeEntities(excerpt.replace(/<\/?mark>/g, ''));
  return [...shingles(text, N)].filter((s) => only.has(s)).concat(CHROME.filter((re) => re.test(text)).map(String));
}

describe('search quality on the seed notes (Pagefind JS API, built index)', () => {
  let siteDir: string;
  const answers = new Map<Query, SearchResult[]>();
  beforeAll(async () => {
    siteDir = inject('siteDir');
    await withPagefind(siteDir, async (search) => {
      for (const q of QUERIES) answers.set(q, await search(q.query, q.filters));
    });
  });

  test('the query set is large enough to mean something (at least 40 queries)', () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(40);
  });

  test('MRR and top-3 of the query set are at least 0.9', () => {
    let reciprocal = 0;
    let top3 = 0;
    const misses: string[] = [];
    for (const q of QUERIES) {
      const urls = answers.get(q)!.map((r) => r.url);
      const rank = urls.indexOf(q.first) + 1;
      reciprocal += rank ? 1 / rank : 0;
      if (rank >= 1 && rank <= 3) top3++;
      if (rank !== 1) misses.push(`"${q.query}": ${q.first} ranked ${rank || 'absent'} (first: ${urls[0] ?? 'nothing'})`);
    }
    const mrr = reciprocal / QUERIES.length;
    const top3Rate = top3 / QUERIES.length;
    console.log(`search: ${QUERIES.length} queries, MRR ${mrr.toFixed(3)}, top-3 ${(top3Rate * 100).toFixed(1)}%${misses.length ? `\n  not first: ${misses.join('\n  not first: ')}` : ''}`);
    expect(mrr).toBeGreaterThanOrEqual(0.9);
    expect(top3Rate).toBeGreaterThanOrEqual(0.9);
  });

  test('no excerpt for the set’s queries contains translation-only text', () => {
    const only = translationOnly('notes');
    // Positive control: a sentence of a translation's comment is recognised as translation-only.
    expect(leaks("Node's model: one event loop, no GIL. There is no", only).length).toBeGreaterThan(0);
    expect(leaks('TypeScriptcheckedparity', only).length).toBeGreaterThan(0);
    const found: string[] = [];
    for (const [q, results] of answers) {
      for (const r of results) {
        for (const e of [r.excerpt, ...r.subResults.map((s) => s.excerpt)]) {
          const bad = leaks(e, only);
          if (bad.length) found.push(`"${q.query}" ${r.url}: ${bad.join(' | ')}`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  test('concept pages are found, marked as concepts, and rank below every note', async () => {
    await withPagefind(siteDir, async (search) => {
      // Not "computer science": the seed writes it only as the link text `computer_science`, one
      // token to Pagefind, so the concept page named by both words can tie with the note.
      for (const query of ['algorithm', 'python']) {
        const results = await search(query);
        const kinds = results.map((r) => r.filters.kind?.[0]);
        expect(kinds, query).toContain('Concept');
        expect(kinds.lastIndexOf('Note'), query).toBeLessThan(kinds.indexOf('Concept'));
      }
      const concept = (await search('computer network', { kind: 'Concept' }))[0]!;
      expect(concept.url).toBe('/concepts/computer-network/');
      expect(concept.filters.kind).toEqual(['Concept']);
    });
  });

  test('filters: kind (note or concept) and tag', async () => {
    await withPagefind(siteDir, async (search) => {
      const notes = await search('concurrency', { kind: 'Note' });
      expect(notes.map((r) => r.url)).toEqual(expect.arrayContaining(['/concurrency-in-python-a-guide/', '/concurrency-options/', '/concurrency-with-python/', '/python-concurrency/']));
      expect(notes.every((r) => r.filters.kind?.[0] === 'Note')).toBe(true);
      expect((await search('computer science', { kind: 'Note' })).every((r) => !r.url.startsWith('/concepts/'))).toBe(true);
      const python = await search('concurrency', { tag: 'python' });
      expect(python.map((r) => r.url).sort()).toEqual(['/concurrency-in-python-a-guide/', '/python-concurrency/']);
    });
  });

  test('code is indexed with a low weight: a word only in code is found, below notes that explain it', async () => {
    await withPagefind(siteDir, async (search) => {
      // `run_until_complete` appears only inside code blocks.
      expect((await search('run_until_complete')).map((r) => r.url)).toContain('/concurrency-with-python/');
      // ThreadPoolExecutor: the pools hub has it as an alias; concurrency-with-python explains it in
      // prose; python-concurrency only calls it in code, so it ranks below both.
      const urls = (await search('ThreadPoolExecutor')).map((r) => r.url);
      expect(urls[0]).toBe('/thread-and-process-pools/');
      expect(urls).toContain('/python-concurrency/');
      expect(urls.indexOf('/concurrency-with-python/')).toBeLessThan(urls.indexOf('/python-concurrency/'));
    });
  });
});
