// "Did you mean" names (closest / closestFinder in src/lib/link-graph.ts): the finder that groups
// names by length must give exactly what comparing the word with every name gives.
import { distance } from 'fastest-levenshtein';
import { expect, test } from 'vitest';
import { closest, closestFinder } from '../src/lib/link-graph.ts';

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
