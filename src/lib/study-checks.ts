import { join } from 'node:path';
import { VFile } from 'vfile';
import { transformCards } from '../syntax/cards.ts';
import { parseNote } from '../syntax/grammar.ts';
import { registerNoteCheck } from './lint.ts';
import { problemFromMessage, type Problem } from './problems.ts';
import { siteConfig } from './site-config.ts';
import type { VaultNote } from './vault.ts';

/**
 * Malformed question/answer cards (a `&#10;<br>` separator with no question before it or no
 * answer after it), as the card plugin sees them. Only notes that contain the separator are parsed.
 */
export function checkNoteCards(note: VaultNote, dir = siteConfig().notesDir): Problem[] {
  if (!note.body.includes('<br') || !/&#(?:10|x0*a);/i.test(note.body)) return [];
  const file = new VFile({ value: note.body, path: join(dir, note.path) });
  transformCards(parseNote(note.body, file), file);
  return file.messages.map((m) => problemFromMessage(note, m, 'card'));
}

registerNoteCheck((note) => checkNoteCards(note));
