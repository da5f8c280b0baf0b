import type { Root } from 'mdast';
import { parseNote } from './grammar.ts';

/**
 * Parses a note body into mdast with the whole note grammar (`src/syntax/grammar.ts`).
 * Kept as the link graph's historical name; new code calls `parseNote`.
 */
export function parseNoteBody(body: string): Root {
  return parseNote(body);
}
