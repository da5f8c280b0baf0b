import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { siteVault } from './lib/site-link-graph.ts';
import { siteConfig, withBase } from './lib/site-config.ts';
import { firstParagraph } from './lib/summary.ts';

const SUMMARIES = Symbol.for('pyconcurrency-notes.summaries');

/** A note's own description: frontmatter, else its first paragraph (computed once per note). */
function noteSummary(id: string): string | undefined {
  const g = globalThis as typeof globalThis & { [SUMMARIES]?: Map<string, string | undefined> };
  const cache = (g[SUMMARIES] ??= new Map());
  if (!cache.has(id)) {
    const note = siteVault().notes.find((n) => n.id === id);
    cache.set(id, note && (note.data.description ?? firstParagraph(note.body)));
  }
  return cache.get(id);
}

/**
 * Head entries of a published site:
 * - the web manifest, and the feed when `SITE_URL` is set (the feed needs absolute links);
 * - each note's own description in `description`, `og:description` and `twitter:description`
 *   (Starlight falls back to the site's description for notes without one);
 * - the 404 page is served at whatever URL was not found: it names no canonical URL or `og:url`
 *   (Starlight would give it `/404/`, which a static host does not serve).
 */
export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  const { base, site, title } = siteConfig();
  route.head.push({ tag: 'link', attrs: { rel: 'manifest', href: withBase(base, '/manifest.webmanifest') } });
  if (site) route.head.push({ tag: 'link', attrs: { rel: 'alternate', type: 'application/rss+xml', title, href: withBase(base, '/feed.xml') } });
  if (route.id === '404') {
    route.head = route.head.filter((e) => !(e.tag === 'link' && e.attrs?.rel === 'canonical') && !(e.tag === 'meta' && e.attrs?.property === 'og:url'));
    return;
  }
  if (route.entry.data.description || route.entry.filePath?.startsWith('src/')) return;
  const summary = noteSummary(route.id);
  if (!summary) return;
  for (const e of route.head) {
    if (e.tag === 'meta' && (e.attrs?.name === 'description' || e.attrs?.property === 'og:description')) e.attrs.content = summary;
  }
  route.head.push({ tag: 'meta', attrs: { name: 'twitter:description', content: summary } });
});
