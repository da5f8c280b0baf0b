import { join } from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { remarkCards } from '../plugins/remark-cards.ts';
import { registerCheck } from './lint.ts';
import type { Problem } from './problems.ts';
import { siteConfig } from './site-config.ts';
import type { VaultNote } from './vault.ts';

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkCards);

/**
 * Malformed question/answer cards (a `&#10;<br>` separator with no question before it or no
 * answer after it), as the card plugin sees them. Only notes that contain the separator are parsed.
 */
export function checkNoteCards(note: VaultNote, dir = siteConfig().notesDir): Problem[] {
  if (!note.body.includes('<br') || !/&#(?:10|x0*a);/i.test(note.body)) return [];
  const file = new VFile({ value: note.body, path: join(dir, note.path) });
  parser.runSync(parser.parse(file), file);
  return file.messages.map((m) => ({
    file: note.file,
    line: (m.line ?? 1) + note.bodyLine - 1,
    column: m.column ?? 1,
    severity: 'warning' as const,
    ruleId: m.ruleId ?? 'card',
    message: m.reason,
  }));
}

registerCheck((vault) => vault.notes.flatMap((note) => checkNoteCards(note)));
