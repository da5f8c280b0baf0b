/** The site's Anki export: its decks with absolute links back to the pages. */
import type { AnkiSource } from './anki-export.ts';
import type { NoteDeck } from './deck-json.ts';
import { noteHref } from './link-paths.ts';
import { siteBase } from './site-config.ts';

export { ankiText } from './anki-export.ts';

/** Parent deck in Anki; each note is a deck below it. */
export const DECK_ROOT = 'Python Concurrency Notes';

/** Decks with the absolute URL of each note (Anki has no site to be relative to). */
export function ankiSources(decks: NoteDeck[], site: URL | undefined): AnkiSource[] {
  return decks.map((d) => ({ title: d.title, tags: d.tags, cards: d.cards, url: new URL(noteHref(siteBase, d.id), site ?? 'http://localhost/').href }));
}
