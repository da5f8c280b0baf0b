/**
 * The site's study decks: every note's cards, extracted once per link graph (so once per build,
 * and again under `astro dev` when a note changes). Only notes that can hold cards are parsed.
 */
import { join } from 'node:path';
import { cachedEach } from './build-cache.ts';
import { extractCards, type StudyCard } from './cards.ts';
import type { NoteDeck } from './deck-json.ts';
import type { LinkGraph } from './link-graph.ts';
import { sitePagesDigest } from './render-key.ts';
import { siteConfig } from './site-config.ts';
import { siteLinkGraph } from './site-link-graph.ts';
import { mayHaveCards, parseStudyTree } from './study-parse.ts';

const decks = new WeakMap<LinkGraph, NoteDeck[]>();

/** Notes with at least one card, in note order, with their tags. */
export function decksOf(graph: LinkGraph): NoteDeck[] {
  let found = decks.get(graph);
  if (!found) {
    const candidates = [...graph.notes.values()].filter(({ note }) => mayHaveCards(note.body));
    // A note's cards come from its id, title and text alone: kept between builds for unchanged notes.
    const { values } = cachedEach(join(siteConfig().cacheDir, 'cards.json'), sitePagesDigest(graph), candidates, ({ note }) => JSON.stringify([note.id, note.data.title, note.body]), ({ note }): StudyCard[] => extractCards(parseStudyTree(note.body), note));
    found = [];
    candidates.forEach(({ note, tags }, i) => {
      const cards = values[i]!.map((c) => ({ ...c, line: c.line + note.bodyLine - 1 }));
      if (cards.length > 0) found!.push({ id: note.id, title: note.data.title, tags, cards });
    });
    decks.set(graph, found);
  }
  return found;
}

/** The decks of the site's notes folder. */
export function siteDecks(): NoteDeck[] {
  return decksOf(siteLinkGraph());
}
