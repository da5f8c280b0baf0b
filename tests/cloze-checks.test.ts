import { describe, expect, test } from 'vitest';
import { checkNoteClozes } from '../src/lib/cloze-checks.ts';
import { formatProblem } from '../src/lib/problems.ts';
import type { VaultNote } from '../src/lib/vault.ts';

/** A note whose body starts on file line 4 (three frontmatter lines before it). */
const note = (body: string) => ({ file: 'notes/n.md', path: 'n.md', bodyLine: 4, body }) as unknown as VaultNote;
const check = (body: string) => checkNoteClozes(note(body)).map(formatProblem);

describe('the open-cloze check', () => {
  test.each([
    ['a closed highlight', 'It runs ==one task== at a time.'],
    ['a comparison in prose', 'Compare with a == b, or x==y.'],
    ['four equals signs', 'A rule: ====.'],
    ['== in inline code', 'Write `==x` in Python.'],
    ['== in a code block', '```python\nif ==x:\n```'],
    ['a highlight around a link', 'It runs ==[[Event loop]] tasks== now.'],
  ])('is quiet on %s', (_case, body) => {
    expect(check(body)).toEqual([]);
  });

  test('reports an opener never closed, at its file line and column', () => {
    expect(check('Intro.\n\nIt runs ==one task\nat a time.')).toEqual([
      'notes/n.md:6:9 warning: `==` opens a highlight (a cloze in Study mode) that is never closed in this paragraph: end the hidden words with `==` [cloze-unclosed]',
    ]);
    expect(check('First line\nand ==open on the second.')).toEqual([expect.stringMatching(/^notes\/n\.md:5:5 warning: .*\[cloze-unclosed\]$/)]);
  });

  test('a highlight closed in another paragraph is still open in its own', () => {
    expect(check('It runs ==one task.\n\nAt a time==.').map((l) => l.split(' ')[0])).toEqual(['notes/n.md:4:9']);
  });
});
