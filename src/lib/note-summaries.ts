import { join } from 'node:path';
import { cachedEach } from './build-cache.ts';
import { perGraph } from './per-graph.ts';
import { sitePagesDigest } from './render-key.ts';
import { siteConfig } from './site-config.ts';
import { siteLinkGraph } from './site-link-graph.ts';
import { firstParagraph } from './summary.ts';

/**
 * Every published note's own description: its frontmatter `description`, else its first paragraph.
 * Computed once per link graph (the meta tags, the feed, the social images and the page keys ask for
 * the same ones), and kept between builds in the cache folder for notes whose text is unchanged.
 */
const siteSummaries = perGraph((graph): Map<string, string | undefined> => {
  const notes = [...graph.notes.values()].map((f) => f.note);
  const file = join(siteConfig().cacheDir, 'summaries.json');
  const { values } = cachedEach(file, sitePagesDigest(graph), notes, (n) => JSON.stringify([n.data.description ?? null, n.body]), (n) => n.data.description ?? firstParagraph(n.body) ?? null);
  return new Map(notes.map((n, i) => [n.id, values[i] ?? undefined]));
});

/** A published note's own description (see `siteSummaries`); undefined for a note with neither. */
export function noteSummary(id: string): string | undefined {
  return siteSummaries(siteLinkGraph()).get(id);
}
