import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { noteSummary } from './lib/note-summaries.ts';
import { absoluteUrl, siteConfig, withBase } from './lib/site-config.ts';
import { SITE_CARD, SOCIAL_IMAGE_HEIGHT, SOCIAL_IMAGE_WIDTH, noteCardPath } from './lib/social-image-paths.ts';

/**
 * Head entries of a published site:
 * - the web manifest, and the feed when `SITE_URL` is set (the feed needs absolute links);
 * - each note's own description in `description`, `og:description` and `twitter:description`
 *   (Starlight falls back to the site's description for notes without one);
 * - a social image (`og:image`, `twitter:image`; Starlight already asks for `summary_large_image`):
 *   a note's own card, the site's card on every other page; absolute on `SITE_URL`, else a path
 *   under the base;
 * - the 404 page is served at whatever URL was not found: it names no canonical URL or `og:url`
 *   (Starlight would give it `/404/`, which a static host does not serve).
 */
export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  const { base, site, title } = siteConfig();
  route.head.push({ tag: 'link', attrs: { rel: 'manifest', href: withBase(base, '/manifest.webmanifest') } });
  if (site) route.head.push({ tag: 'link', attrs: { rel: 'alternate', type: 'application/rss+xml', title, href: withBase(base, '/feed.xml') } });
  const isNote = route.id !== '404' && !route.entry.filePath?.startsWith('src/');
  const card = isNote ? noteCardPath(route.id) : SITE_CARD;
  const image = absoluteUrl(siteConfig(), card) ?? withBase(base, card);
  route.head.push(
    { tag: 'meta', attrs: { property: 'og:image', content: image } },
    { tag: 'meta', attrs: { property: 'og:image:width', content: String(SOCIAL_IMAGE_WIDTH) } },
    { tag: 'meta', attrs: { property: 'og:image:height', content: String(SOCIAL_IMAGE_HEIGHT) } },
    { tag: 'meta', attrs: { property: 'og:image:alt', content: isNote ? route.entry.data.title : title } },
    { tag: 'meta', attrs: { name: 'twitter:image', content: image } },
  );
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
