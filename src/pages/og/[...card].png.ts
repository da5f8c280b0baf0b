import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { isPublished } from '../../lib/listing.ts';
import { noteSummary } from '../../lib/note-summaries.ts';
import { keyed } from '../../lib/page-keys.ts';
import { siteConfig } from '../../lib/site-config.ts';
import { cachedSocialImage, type SocialCard } from '../../lib/social-image.ts';
import { SITE_CARD, noteCardPath } from '../../lib/social-image-paths.ts';

/**
 * Social images: `/og/notes/<id>.png` for every published note (its title, the site's name, its
 * description) and `/og/site.png` (the site's title and description) for every other page. Drawn
 * at build time and cached by their text (`SOCIAL_IMAGE_CACHE_DIR`, see src/lib/social-image.ts).
 */
export const getStaticPaths = (async () => {
  const { title, description } = siteConfig();
  const notes = await getCollection('docs', isPublished);
  const card = (path: string) => path.replace(/^\/og\//, '').replace(/\.png$/, '');
  // A card is drawn from its props alone: rebuilds copy the unchanged ones (src/lib/page-keys.ts).
  return keyed([
    { params: { card: card(SITE_CARD) }, props: { title, site: title, description } satisfies SocialCard },
    ...notes.map((n) => ({
      params: { card: card(noteCardPath(n.id)) },
      props: { title: n.data.title, site: title, description: n.data.description ?? noteSummary(n.id) } satisfies SocialCard,
    })),
  ], ({ props }) => props);
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const png = await cachedSocialImage(props as SocialCard, siteConfig().socialImageCacheDir);
  return new Response(new Uint8Array(png), { headers: { 'content-type': 'image/png' } });
};
