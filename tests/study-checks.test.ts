import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatProblem } from '../src/lib/problems.ts';
import { checkNoteCards } from '../src/lib/study-checks.ts';
import { scanVault } from '../src/lib/vault.ts';

describe('malformed question/answer cards are reported by the lint', () => {
  test('a separator without a question, and one without an answer, at their file positions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cards-'));
    writeFileSync(
      join(dir, 'cards.md'),
      ['---', 'title: Cards', '---', '', 'What is a good card?', '&#10;<br>', 'One with an answer.', '', '&#10;<br>', 'An answer with no question.', '', 'A question with no answer?', '&#10;<br>', ''].join('\n'),
    );
    const [note] = scanVault({ dir }).notes;
    expect(checkNoteCards(note!, dir).map(formatProblem)).toEqual([
      'notes/cards.md:9:6 warning: Card separator `&#10;<br>` has no question before it [card-without-question]',
      'notes/cards.md:13:6 warning: Card has no answer after `&#10;<br>` [card-without-answer]',
    ]);
  });

  test('the seed cards are all well formed', () => {
    const vault = scanVault({ dir: 'notes' });
    expect(vault.notes.flatMap((n) => checkNoteCards(n, 'notes')).map(formatProblem)).toEqual([]);
  });
});
