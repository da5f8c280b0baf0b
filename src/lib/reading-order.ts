/**
 * Reading order of the notes (explicit `weight`/`order` first, then by title, as the "All notes"
 * list) and each note's previous and next note in it. Computed once per link graph.
 */
import { perGraph } from './per-graph.ts';
import type { VaultNote } from './vault.ts';

/** A note's neighbours in reading order. */
export interface ReadingNeighbours {
  prev?: VaultNote;
  next?: VaultNote;
}

/** Sorts notes as the "All notes" list does: `order` ascending (none last), then title. */
export function byReadingOrder(a: VaultNote, b: VaultNote): number {
  const ao = a.data.order ?? Number.POSITIVE_INFINITY;
  const bo = b.data.order ?? Number.POSITIVE_INFINITY;
  return ao - bo || a.data.title.localeCompare(b.data.title) || a.id.localeCompare(b.id);
}

/** Note id -> previous and next note in reading order: one sort, then O(1) per page. */
export function readingNeighbours(notes: Iterable<VaultNote>): Map<string, ReadingNeighbours> {
  const sorted = [...notes].sort(byReadingOrder);
  const map = new Map<string, ReadingNeighbours>();
  sorted.forEach((note, i) => map.set(note.id, { prev: sorted[i - 1], next: sorted[i + 1] }));
  return map;
}

/** The published notes' neighbours in reading order, sorted once per link graph (the pages and the page keys share it). */
export const siteReadingNeighbours = perGraph((graph) => readingNeighbours([...graph.notes.values()].map((f) => f.note)));
