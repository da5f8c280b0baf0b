import type { APIRoute, GetStaticPaths } from 'astro';
import { ankiSources, ankiText, DECK_ROOT } from '../../../../lib/anki-site.ts';
import { tagSlug } from '../../../../lib/link-paths.ts';
import { siteDecks } from '../../../../lib/site-cards.ts';

/** `/study/anki/tags/<tag>.txt`: the notes carrying a tag, as an Anki text import. */
export const getStaticPaths = (() => {
  const tags = new Set(siteDecks().flatMap((d) => d.tags));
  return [...tags].map((tag) => ({ params: { tag: tagSlug(tag) }, props: { tag } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ tag: string }> = ({ props, site }) => {
  const decks = siteDecks().filter((d) => d.tags.includes(props.tag));
  return new Response(ankiText(ankiSources(decks, site), DECK_ROOT), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
