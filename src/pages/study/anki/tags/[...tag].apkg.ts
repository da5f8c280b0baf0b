import type { APIRoute, GetStaticPaths } from 'astro';
import { ankiResponse } from '../../../../lib/anki-site.ts';
import { tagSlug } from '../../../../lib/link-paths.ts';
import { siteDecks } from '../../../../lib/site-cards.ts';

/** `/study/anki/tags/<tag>.apkg`: the notes carrying a tag, as an Anki package. */
export const getStaticPaths = (() => {
  const tags = new Set(siteDecks().flatMap((d) => d.tags));
  return [...tags].map((tag) => ({ params: { tag: tagSlug(tag) }, props: { tag } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ tag: string }> = ({ props, site }) => ankiResponse(siteDecks().filter((d) => d.tags.includes(props.tag)), site);
