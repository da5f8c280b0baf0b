/**
 * Page keys for Astro's incremental build (`experimental.incrementalBuild`): a page whose key and
 * route code are the same as in the last build is not rendered again; Astro copies its last output.
 * A key is a digest of everything the page shows, so it must cover every input of the page: the
 * site's code and configuration (`pagesDigest` in render-key.ts), plus what each route reads for that page, named
 * where the route builds its paths (`keyed`). A page without a key is always rendered.
 */
import { createHash } from 'node:crypto';
import { noteKey, type Backlink } from './link-graph.ts';
import { noteSummary } from './note-summaries.ts';
import { siteReadingNeighbours } from './reading-order.ts';
import { sitePagesDigest } from './render-key.ts';
import { siteLinkGraph } from './site-link-graph.ts';

/**
 * The paths a route returns from `getStaticPaths`, each with the key of what its page shows:
 * `inputs(path)` returns that data (JSON-serialisable), or undefined for a page that must always be
 * rendered. The site's code and configuration are added to every key. Under `astro dev`, no keys.
 */
export function keyed<T extends object>(paths: T[], inputs: (path: T) => unknown): (T & { cacheKey?: string })[] {
  // Only `astro build` reads keys: `astro dev` renders on request, and would pay for them on every change.
  if (import.meta.env?.DEV) return paths;
  const digest = sitePagesDigest(siteLinkGraph());
  return paths.map((path) => {
    const data = inputs(path);
    if (data === undefined) return path;
    return { ...path, cacheKey: createHash('sha256').update(digest).update('\0').update(JSON.stringify(data)).digest('hex') };
  });
}

/** What a note page shows of one backlink list: each source's id and title and the sentences around the links. */
export const backlinkInputs = (list: Backlink[] | undefined) => (list ?? []).map((b) => [b.source.id, b.source.data.title, b.contexts]);

/** A content entry as the note page reads it. */
interface NoteEntry {
  id: string;
  data: unknown;
  rendered?: unknown;
}

/**
 * Keys for Starlight's note route (`[...slug]`, see src/integrations/page-cache.ts). A note page
 * shows its entry (mapped data with dates and edit link; rendered HTML, headings and page facts),
 * its tags, its backlinks, unlinked mentions both ways, its neighbours in reading order and its
 * summary (meta description); the local graph and study deck are fetched from their own files.
 * Entries rendered only on demand (`DEFER_RENDER`) carry no HTML to key on: always rendered.
 */
export function withNotePageKeys<T extends { params: { slug?: string } }>(paths: T[], entries: NoteEntry[]): (T & { cacheKey?: string })[] {
  const graph = siteLinkGraph();
  const byParam = new Map(entries.map((e) => [slugParam(e.id), e]));
  const neighbours = siteReadingNeighbours(graph);
  return keyed(paths, ({ params }) => {
    const entry = byParam.get(params.slug);
    const facts = entry && graph.notes.get(entry.id);
    if (!entry?.rendered || !facts) return undefined;
    const key = noteKey(entry.id);
    const { prev, next } = neighbours.get(entry.id) ?? {};
    return [
      entry.id,
      entry.data,
      entry.rendered,
      facts.tags,
      backlinkInputs(graph.linkedFrom.get(key)),
      backlinkInputs(graph.mentionedIn.get(key)),
      backlinkInputs(graph.mentions.get(key)),
      prev ? [prev.id, prev.data.title] : null,
      next ? [next.id, next.data.title] : null,
      noteSummary(entry.id) ?? null,
    ];
  });
}

/**
 * The `[...slug]` param of an entry id, as Starlight's `slugToParam` (not exported) makes it:
 * `index` is the root, `a/index` is `a`, Unicode in NFC.
 */
function slugParam(id: string): string | undefined {
  return id === 'index' || id === '' || id === '/' ? undefined : (id.endsWith('/index') ? id.slice(0, -6) : id).normalize();
}
