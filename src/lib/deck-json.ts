/**
 * The static study data the build writes (pure: decks in, JSON-ready objects out), so no page
 * carries the vault: `/study/decks.json` (every deck with its card ids, for the counts),
 * `/study/notes/<id>.json` (one note's cards, for its review and its study bar),
 * `/study/tags/<tag>.json` (the cards of a tag's notes, for a tag's review) and `/study/all.json`
 * (every card, loaded only to review all notes).
 */
import { cardForDeck, type StudyCard } from './cards.ts';
import { noteHref, tagSlug } from './link-paths.ts';

/** Bump when the shape changes; the client refuses other versions. */
export const DECK_SCHEMA = 1;

/** A note and its cards, as the site knows them. */
export interface NoteDeck {
  id: string;
  title: string;
  tags: string[];
  cards: StudyCard[];
}

/** What a review needs of a card: its id, sides, breadcrumb (with links) and note. */
export interface DeckCard extends ReturnType<typeof cardForDeck> {
  note: string;
}

export interface NoteDeckJson {
  schema: number;
  note: { id: string; title: string; href: string; tags: string[] };
  cards: Array<DeckCard & { path: Array<{ text: string; href: string }> }>;
}

function noteJson(deck: NoteDeck, base: string) {
  return { id: deck.id, title: deck.title, href: noteHref(base, deck.id), tags: deck.tags };
}

/** One note's deck: the note, then its cards with the breadcrumb linked to the page's headings. */
export function noteDeckJson(deck: NoteDeck, base: string): NoteDeckJson {
  return {
    schema: DECK_SCHEMA,
    note: noteJson(deck, base),
    cards: deck.cards.map((card) => ({
      ...cardForDeck(card),
      note: deck.id,
      path: card.path.map((h) => ({ text: h.text, href: noteHref(base, deck.id, h.anchor) })),
    })),
  };
}

/** Every card of the vault, by note. */
export function vaultDeckJson(decks: NoteDeck[], base: string) {
  return { schema: DECK_SCHEMA, notes: decks.map((d) => noteDeckJson(d, base)) };
}

/** The cards of every note carrying `tag`, by note. */
export function tagDeckJson(decks: NoteDeck[], tag: string, base: string) {
  return { schema: DECK_SCHEMA, tag, notes: decks.filter((d) => d.tags.includes(tag)).map((d) => noteDeckJson(d, base)) };
}

/** Where a tag's deck file is written, relative to the site root. */
export function tagDeckPath(tag: string): string {
  return `study/tags/${tagSlug(tag)}.json`;
}

/** Where the Anki package of a tag (or of the whole vault) is written, relative to the site root. */
export function ankiPath(tag?: string): string {
  return tag === undefined ? 'study/anki/all.apkg' : `study/anki/tags/${tagSlug(tag)}.apkg`;
}

/** Decks by note and by tag with their card ids (the client counts new, due and learned), their files and the Anki files. */
export function studyIndexJson(decks: NoteDeck[], base: string) {
  const tags = new Map<string, string[]>();
  for (const d of decks) for (const t of d.tags) tags.set(t, [...(tags.get(t) ?? []), d.id]);
  return {
    schema: DECK_SCHEMA,
    anki: `${base}/${ankiPath()}`,
    notes: decks.map((d) => ({ ...noteJson(d, base), deck: `${base}/study/notes/${d.id}.json`, cards: d.cards.map((c) => c.id) })),
    tags: [...tags]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([tag, notes]) => ({ tag, notes, deck: `${base}/${tagDeckPath(tag)}`, anki: `${base}/${ankiPath(tag)}` })),
  };
}
