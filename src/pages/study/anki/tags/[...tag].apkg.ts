import type { APIRoute, GetStaticPaths } from 'astro';
import { ankiResponse } from '../../../../lib/anki-site.ts';
import { tagSlug } from '../../../../lib/link-paths.ts';
import { keyed } from '../../../../lib/page-keys.ts';
import { siteDecks } from '../../../../lib/site-cards.ts';
import { siteConfig } from '../../../../lib/site-config.ts';

/**
 * `/study/anki/tags/<tag>.apkg`: the notes carrying a tag, as an Anki package. Keyed by its decks
 * when the build's time is fixed (`SOURCE_DATE_EPOCH`); otherwise each build stamps its own time.
 */
export const getStaticPaths = (() => {
  const decks = siteDecks();
  const tags = new Set(decks.flatMap((d) => d.tags));
  const { sourceDateEpoch } = siteConfig();
  const paths = [...tags].map((tag) => ({ params: { tag: tagSlug(tag) }, props: { tag } }));
  return keyed(paths, ({ props }) => (sourceDateEpoch === undefined ? undefined : [sourceDateEpoch, decks.filter((d) => d.tags.includes(props.tag))]));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ tag: string }> = ({ props, site }) => ankiResponse(siteDecks().filter((d) => d.tags.includes(props.tag)), site);
