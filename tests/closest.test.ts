// "Did you mean" names (closest / closestFinder in src/lib/closest.ts): the finder that groups
// names by length must give exactly what comparing the word with every name gives.
import { distance } from 'fastest-levenshtein';
import { expect, test } from 'vitest';
import { closest, closestFinder } from '../src/lib/closest.ts';
import { mulberry32 } from '../src/lib/prng.ts';

/** The rule, stated the slow way: every name's distance, at most a third of the word's length (1–3). */
function everyName(word: string, names: string[]): string[] {
  const w = word.trim().toLowerCase();
  if (!w) return [];
  const limit = Math.min(3, Math.max(1, Math.floor(w.length / 3)));
  return names.map((name) => ({ name, d: distance(w, name.toLowerCase()) }))
    .filter(({ d }) => d > 0 && d <= limit)
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name)).slice(0, 3).map(({ name }) => name);
}

const NAMES = ['Event loop', 'event-loop', 'Event loops', 'Even loop', 'GIL', 'gil', 'Gil', 'Lock', 'Locks', 'Clock',
  'asyncio', 'Asyncio tasks', 'async', 'İstanbul', 'istanbul', 'Thread pool', 'Threadpool', 'thread-pools', 'Futures', 'Future'];

test('a typo finds the nearest names, nearest first, at most three, never the name itself', () => {
  // 'Event loop' is one edit away; 'Even loop' two (then the other two-edit names, by name).
  const near = closest('Evnt loop', NAMES);
  expect(near.slice(0, 2)).toEqual(['Event loop', 'Even loop']);
  expect(near).toHaveLength(3);
  expect(closest('Lok', NAMES)).toEqual(['Lock']);
  expect(closest('gil', NAMES)).toEqual([]);
  expect(closest('  ', NAMES)).toEqual([]);
});

test('grouping names by length changes no answer (every word against every name, both ways)', () => {
  const find = closestFinder(NAMES);
  const words = [...NAMES, 'Evnt loop', 'Lok', 'thred pool', 'futre', 'asynco', 'Istanbul', 'x', 'GILs', 'Event looops', 'Treadpools'];
  for (const word of words) expect(find(word), word).toEqual(everyName(word, NAMES));
  // Asked again: the same answer.
  for (const word of words) expect(find(word), word).toEqual(everyName(word, NAMES));
});

test('the bigram index changes no answer on vault-like names (shared words, numbers, typos, short words)', () => {
  // Names built the way vaults name notes: a few shared words and numbers, as titles and file names.
  const next = mulberry32(7);
  const rand = (n: number) => Math.floor(next() * n);
  const words = ['async', 'await', 'thread', 'threads', 'lock', 'queue', 'pool', 'event loop', 'gil', 'task', 'future', 'select'];
  const names = new Set<string>();
  while (names.size < 600) {
    const parts = [words[rand(words.length)]!, ...(rand(3) ? [words[rand(words.length)]!] : []), ...(rand(2) ? [String(rand(300))] : [])];
    names.add(rand(2) ? parts.join(' ') : parts.join('-').replace(/ /g, '-'));
  }
  const list = [...names];
  const find = closestFinder(list);
  // Typos of names (drop, swap, double a letter), other separators, short words, and strangers.
  const typo = (s: string) => {
    const i = rand(s.length);
    switch (rand(3)) {
      case 0: return s.slice(0, i) + s.slice(i + 1);
      case 1: return s.slice(0, i) + (s[i + 1] ?? '') + (s[i] ?? '') + s.slice(i + 2);
      default: return s.slice(0, i) + s[i] + s.slice(i);
    }
  };
  const queries = [...list.slice(0, 150).map(typo), ...list.slice(150, 250).map((n) => typo(typo(n))), ...list.slice(250, 300).map((n) => n.replace(/[- ]/g, '_')),
    'gl', 'gi', 'lok', 'tsk', 'pol', 'x', 'async await 12', 'completely unrelated words here'];
  let suggested = 0;
  for (const q of queries) {
    const got = find(q);
    expect(got, q).toEqual(everyName(q, list));
    if (got.length) suggested++;
  }
  // The comparison means something: most typos do find their name.
  expect(suggested).toBeGreaterThan(200);
});
