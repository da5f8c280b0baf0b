import rss from '@astrojs/rss';
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { isPublished } from '../lib/listing.ts';
import { calendarDate } from '../lib/git-dates.ts';
import { siteVault } from '../lib/site-link-graph.ts';
import { siteConfig, withBase } from '../lib/site-config.ts';
import { firstParagraph } from '../lib/summary.ts';

/** How many notes the feed carries, newest first. */
const FEED_SIZE = 50;

/** `/feed.xml` exists only when `SITE_URL` is set: a feed's links must be absolute. */
export const getStaticPaths = (() => (siteConfig().site ? [{ params: { feed: 'feed' } }] : [])) satisfies GetStaticPaths;

/**
 * RSS feed of dated notes, newest first, with each note's description (frontmatter, else its first
 * paragraph). Links are absolute on `SITE_URL` and carry the base. Each `pubDate` is the calendar day
 * the author wrote (`2024-09-26T00:00+03:00` is Sep 26, midnight UTC), the day the page and lists show.
 */
export const GET: APIRoute = async () => {
  const config = siteConfig();
  const bodies = new Map(siteVault().notes.map((n) => [n.id, n.body]));
  const notes = (await getCollection('docs', isPublished))
    .filter((n) => n.data.date)
    .sort((a, b) => b.data.date!.getTime() - a.data.date!.getTime())
    .slice(0, FEED_SIZE);
  return rss({
    title: config.title,
    description: config.description,
    site: `${config.site}${withBase(config.base, '/')}`,
    trailingSlash: true,
    items: notes.map((n) => ({
      title: n.data.title,
      link: withBase(config.base, `/${n.id}/`),
      pubDate: n.data.dateLabel ? calendarDate(n.data.dateLabel) : n.data.date,
      description: n.data.description ?? firstParagraph(bodies.get(n.id) ?? '') ?? '',
      categories: n.data.tags,
    })),
  });
};
