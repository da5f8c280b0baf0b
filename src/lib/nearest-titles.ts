/**
 * The 404 page's "Did you mean": the notes whose slug, title or alias are nearest to the missing
 * URL's last segment. Pure; the page's client module (src/client/not-found.ts) runs it over the
 * site's title index (src/pages/titles.json.ts), which only the 404 page fetches.
 */
import { distance } from 'fastest-levenshtein';

/** One note of the title index: `[id, title, aliases]` (arrays keep the file small). */
export type TitleEntry = [id: string, title: string, aliases: string[]];

/** A suggestion: the note, the name that matched, and how far it is (0 same, 1 nothing alike). */
export interface Suggestion {
  id: string;
  title: string;
  matched: string;
  score: number;
}

/** Farther than this, a note is not suggested. */
export const MAX_SCORE = 0.5;

/** Lower-case words of a name or a URL segment: `Python_Concurency.html` → `python concurency`. */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\.html?$/, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The last non-empty segment of a URL path below `base`, decoded: `/kb/a/python-concurency/` → `python-concurency`. */
export function missingSegment(pathname: string, base: string): string {
  let path = pathname;
  const prefix = base.replace(/\/?$/, '/');
  if (path.startsWith(prefix)) path = path.slice(prefix.length - 1);
  const segment = path.split('/').filter(Boolean).at(-1) ?? '';
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const normalized = (a: string, b: string) => distance(a, b) / Math.max(a.length, b.length, 1);

/** Mean distance of each word of `from` to its nearest word of `to`. */
const wordwise = (from: string[], to: string[]) => from.reduce((sum, f) => sum + Math.min(...to.map((t) => normalized(f, t))), 0) / from.length;

/**
 * How far a name is from the query words: the smaller of the distance between the names as a
 * whole and the words' distance both ways (each query word to its nearest word of the name, and
 * each word of the name to its nearest query word, so word order matters less and extra words
 * count), each as a share of the longer string.
 */
export function nameScore(query: string[], name: string[]): number {
  if (query.length === 0 || name.length === 0) return 1;
  const whole = normalized(query.join('-'), name.join('-'));
  return Math.min(whole, (wordwise(query, name) + wordwise(name, query)) / 2);
}

/** Up to `limit` notes nearest to `segment`, nearest first (ties by title), none farther than `MAX_SCORE`. */
export function nearestTitles(segment: string, index: readonly TitleEntry[], limit = 5): Suggestion[] {
  const query = words(segment);
  if (query.length === 0) return [];
  const found: Suggestion[] = [];
  for (const [id, title, aliases] of index) {
    let best: Suggestion | undefined;
    for (const name of [title, ...aliases, id.split('/').at(-1) ?? id]) {
      const score = nameScore(query, words(name));
      if (!best || score < best.score) best = { id, title, matched: name, score };
    }
    if (best && best.score <= MAX_SCORE) found.push(best);
  }
  return found.sort((a, b) => a.score - b.score || a.title.localeCompare(b.title)).slice(0, limit);
}
