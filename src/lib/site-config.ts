import { resolve } from 'node:path';

/** Where notes are read from: `notes/` unless `NOTES_DIR` points elsewhere (tests, benchmarks). */
export const notesDir = resolve(process.env.NOTES_DIR ?? 'notes');

/** How the notes folder is named in messages (`notes/FILE.md:LINE:COL`). */
export const notesDisplayDir = process.env.NOTES_DISPLAY_DIR ?? 'notes';

/** Drafts are published only by `astro dev`. */
export const includeDrafts = process.argv.includes('dev');
