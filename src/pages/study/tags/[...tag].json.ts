import type { APIRoute, GetStaticPaths } from 'astro';
import { tagDeckJson } from '../../../lib/deck-json.ts';
import { tagSlug } from '../../../lib/link-paths.ts';
import { siteDecks } from '../../../lib/site-cards.ts';

/** `/study/tags/<tag>.json`: the cards of the notes carrying a tag, for a review of that tag. */
export const getStaticPaths = (() => {
  const tags = new Set(siteDecks().flatMap((d) => d.tags));
  return [...tags].map((tag) => ({ params: { tag: tagSlug(tag) }, props: { tag } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ tag: string }> = ({ props }) => Response.json(tagDeckJson(siteDecks(), props.tag, import.meta.env.BASE_URL.replace(/\/$/, '')));
