import { siteVault } from './site-link-graph.ts';
import { firstParagraph } from './summary.ts';

const SUMMARIES = Symbol.for('pyconcurrency-notes.summaries');

/**
 * A note's own description: its frontmatter `description`, else its first paragraph; computed once
 * per note and process (the meta tags, the feed and the social image ask for the same one).
 */
export function noteSummary(id: string): string | undefined {
  const g = globalThis as typeof globalThis & { [SUMMARIES]?: Map<string, string | undefined> };
  const cache = (g[SUMMARIES] ??= new Map());
  if (!cache.has(id)) {
    const note = siteVault().notes.find((n) => n.id === id);
    cache.set(id, note && (note.data.description ?? firstParagraph(note.body)));
  }
  return cache.get(id);
}
