/** The site's Anki export: its decks with absolute links back to the pages. */
import { ankiPackage, type AnkiSource } from './anki-export.ts';
import type { NoteDeck } from './deck-json.ts';
import { noteHref } from './link-paths.ts';
import { siteConfig } from './site-config.ts';

/** Parent deck in Anki; each note is a deck below it. */
export const DECK_ROOT = 'Python Concurrency Notes';

/**
 * Decks with the absolute URL of each note (Anki has no site to be relative to); without a
 * configured `SITE_URL` there is no host to name, so the link is the page's path on the site.
 */
export function ankiSources(decks: NoteDeck[], site: URL | undefined): AnkiSource[] {
  const base = siteConfig().base;
  return decks.map((d) => {
    const path = noteHref(base, d.id);
    return { title: d.title, tags: d.tags, cards: d.cards, url: site ? new URL(path, site).href : path };
  });
}

/**
 * The `.apkg` response of `decks`. Its notes carry the build's time: a learner who imports a newer
 * download gets the notes' current text (Anki updates a note when the file's is newer) and keeps
 * the cards' scheduling. With `SOURCE_DATE_EPOCH` set, that time instead: the same notes give the same bytes.
 */
export function ankiResponse(decks: NoteDeck[], site: URL | undefined): Response {
  const bytes = ankiPackage(ankiSources(decks, site), DECK_ROOT, { mod: siteConfig().sourceDateEpoch ?? Math.floor(Date.now() / 1000) });
  // A copy on its own ArrayBuffer: what `Response` takes as a body.
  return new Response(new Uint8Array(bytes), { headers: { 'Content-Type': 'application/octet-stream' } });
}
