/** Where the social images live on the site, before the base (src/pages/og/[...card].png.ts draws them), and their size. */

/** Open Graph's recommended size. */
export const SOCIAL_IMAGE_WIDTH = 1200;
export const SOCIAL_IMAGE_HEIGHT = 630;

/** The site's own card: home, lists, tags, concepts, 404. */
export const SITE_CARD = '/og/site.png';

/** A note's card. */
export function noteCardPath(id: string): string {
  return `/og/notes/${id}.png`;
}
