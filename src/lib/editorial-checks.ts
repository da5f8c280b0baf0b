import { editorialFor } from './editorial-vault.ts';
import { registerNoteCheck } from './lint.ts';

/**
 * Editorial problems of the whole vault, reported at the editorial file's line:
 * `editorial-invalid` (a malformed entry, not shown), `editorial-stale-quote` (the quote no
 * longer matches the note: the entry is not shown) and `editorial-ambiguous-quote` (it matches
 * several passages: shown after the first). All warnings: the author's note itself is fine.
 */
registerNoteCheck((note) => editorialFor(note)?.problems ?? []);
