/**
 * The site's study decks: every note's cards, extracted once per link graph (so once per build,
 * and again under `astro dev` when a note changes). Only notes that can hold cards are parsed.
 */
import { join } from 'node:path';
import { cachedEach } from './build-cache.ts';
import { extractCards, type StudyCard } from './cards.ts';
import type { NoteDeck } from './deck-json.ts';
import { perGraph } from './per-graph.ts';
import { sitePagesDigest } from './render-key.ts';
import { siteConfig } from './site-config.ts';
import { siteLinkGraph } from './site-link-graph.ts';
import { mayHaveCards, parseStudyTree } from './study-parse.ts';

/** Notes with at least one card, in note order, with their tags. */
export const decksOf = perGraph((graph): NoteDeck[] => {
  const candidates = [...graph.notes.values()].filter(({ note }) => mayHaveCards(note.body));
  // A note's cards come from its id, title and text alone: kept between builds for unchanged notes.
  const { values } = cachedEach(join(siteConfig().cacheDir, 'cards.json'), sitePagesDigest(graph), candidates, ({ note }) => JSON.stringify([note.id, note.data.title, note.body]), ({ note }): StudyCard[] => extractCards(parseStudyTree(note.body), note));
  return candidates.flatMap(({ note, tags }, i) => {
    const cards = values[i]!.map((c) => ({ ...c, line: c.line + note.bodyLine - 1 }));
    return cards.length > 0 ? [{ id: note.id, title: note.data.title, tags, cards }] : [];
  });
});

/** The decks of the site's notes folder. */
export function siteDecks(): NoteDeck[] {
  return decksOf(siteLinkGraph());
}
