/**
 * "Did you mean" names: the names near a word that matches none (case-insensitive Levenshtein
 * distance at most a third of its length, at most 3), nearest first, up to three.
 * fastest-levenshtein does the distance; the threshold and the index are ours.
 */
import { distance } from 'fastest-levenshtein';

/** `closestFinder` for one word. */
export function closest(word: string, candidates: readonly string[]): string[] {
  return closestFinder(candidates)(word);
}

/** Lowercase names of one length, and for each its bigrams with their counts. */
interface Group {
  names: string[];
  lowers: string[];
  /** bigram -> [index into the group, count, index, count, …] */
  postings: Map<string, number[]>;
}

/** The distinct bigrams of `s` (UTF-16 code units, as the distance counts them) with their counts. */
function bigrams(s: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < s.length; i++) {
    const g = s.slice(i, i + 2);
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return counts;
}

/**
 * `closest` over one list for many words (the link graph asks for every unresolved link of the
 * vault); each word's answer is kept. Comparing every name with every unresolved link grows with
 * the square of the vault (50,000 notes: minutes), so names are indexed by length and by bigram:
 *
 * - a name whose length differs from the word's by more than the limit cannot be within it;
 * - two strings within edit distance k share at least max(|a|, |b|) − 1 − 2k bigrams, counted with
 *   their repeats (the q-gram lemma, Ukkonen 1992, for q = 2: one edit touches at most two).
 *
 * Only names that pass both get a distance. Where the lemma bounds nothing (short words), the
 * name's whole length group is compared. The answers are exactly those of comparing every name
 * (tests/closest.test.ts).
 */
export function closestFinder(candidates: readonly string[]): (word: string) => string[] {
  const groups = new Map<number, Group>();
  for (const name of candidates) {
    const lower = name.toLowerCase();
    let group = groups.get(lower.length);
    if (!group) groups.set(lower.length, (group = { names: [], lowers: [], postings: new Map() }));
    const index = group.names.length;
    group.names.push(name);
    group.lowers.push(lower);
    for (const [g, count] of bigrams(lower)) {
      let list = group.postings.get(g);
      if (!list) group.postings.set(g, (list = []));
      list.push(index, count);
    }
  }
  const answers = new Map<string, string[]>();
  let shared = new Int32Array(0);
  return (word) => {
    const w = word.trim().toLowerCase();
    if (!w) return [];
    let answer = answers.get(w);
    if (answer) return answer;
    const limit = Math.min(3, Math.max(1, Math.floor(w.length / 3)));
    const grams = bigrams(w);
    const near: Array<{ name: string; d: number }> = [];
    const consider = (group: Group, i: number) => {
      const d = distance(w, group.lowers[i]!);
      if (d <= limit && d > 0) near.push({ name: group.names[i]!, d });
    };
    for (let length = w.length - limit; length <= w.length + limit; length++) {
      const group = groups.get(length);
      if (!group) continue;
      const needed = Math.max(w.length, length) - 1 - 2 * limit;
      if (needed <= 0) {
        for (let i = 0; i < group.names.length; i++) consider(group, i);
        continue;
      }
      if (shared.length < group.names.length) shared = new Int32Array(group.names.length);
      const touched: number[] = [];
      for (const [g, count] of grams) {
        const list = group.postings.get(g);
        if (!list) continue;
        for (let k = 0; k < list.length; k += 2) {
          const i = list[k]!;
          if (shared[i] === 0) touched.push(i);
          shared[i] = shared[i]! + Math.min(count, list[k + 1]!);
        }
      }
      const passed: number[] = [];
      for (const i of touched) {
        if (shared[i]! >= needed) passed.push(i);
        shared[i] = 0;
      }
      // In the names' own order, as comparing every name would meet them (ties keep that order).
      for (const i of passed.sort((a, b) => a - b)) consider(group, i);
    }
    answer = near.sort((a, b) => a.d - b.d || a.name.localeCompare(b.name)).slice(0, 3).map(({ name }) => name);
    answers.set(w, answer);
    return answer;
  };
}
