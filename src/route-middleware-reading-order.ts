import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { noteHref } from './lib/link-paths.ts';
import { siteReadingNeighbours } from './lib/reading-order.ts';
import { siteLinkGraph } from './lib/site-link-graph.ts';
import type { VaultNote } from './lib/vault.ts';

/**
 * Previous/next links under every note, in reading order (the "All notes" order). Starlight's own
 * pagination follows the sidebar, which here is a few fixed links (`pagination: false`), so the
 * links are set per note page from the link graph; other pages keep none.
 */
export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  const graph = siteLinkGraph();
  if (!graph.notes.has(route.entry.id)) return;
  const { prev, next } = siteReadingNeighbours(graph).get(route.entry.id) ?? {};
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');
  const link = (note: VaultNote | undefined) =>
    note && { type: 'link' as const, label: note.data.title, href: noteHref(base, note.id), isCurrent: false, badge: undefined, attrs: {} };
  route.pagination = { prev: link(prev), next: link(next) };
});
