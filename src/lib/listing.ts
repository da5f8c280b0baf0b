import type { CollectionEntry } from 'astro:content';

type Note = CollectionEntry<'docs'>;

/** Notes in reading order: explicit `weight`/`order` first, then by title. */
export function sortNotes(notes: Note[]): Note[] {
  return [...notes].sort((a, b) => {
    const ao = a.data.order ?? Number.POSITIVE_INFINITY;
    const bo = b.data.order ?? Number.POSITIVE_INFINITY;
    return ao - bo || a.data.title.localeCompare(b.data.title);
  });
}

/** Published notes only: drafts are excluded from every listing in production. */
export function isPublished(note: Note): boolean {
  return !(import.meta.env.PROD && note.data.draft);
}
