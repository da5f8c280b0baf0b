import type { Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import { parseNote } from '../syntax/grammar.ts';
import { registerNoteCheck } from './lint.ts';
import { bodyProblem, type Problem } from './problems.ts';
import type { VaultNote } from './vault.ts';

/**
 * `==` that opens a highlight (a cloze in Study mode) with no closing `==` in its paragraph:
 * Obsidian and the site then show the `==` as text and the cloze is silently lost. Only an opener
 * counts, `==` before a word and not right after one (`==one task`), so `a == b` and `a==b` in
 * prose are not reported; `====` is text in Obsidian too. A warning: the note still builds.
 */
export function checkNoteClozes(note: VaultNote): Problem[] {
  if (!note.body.includes('==')) return [];
  const tree: Root = parseNote(note.body);
  // The grammar parses closed highlights as `mark` nodes: whatever `==` is left in text was never closed.
  const problems: Problem[] = [];
  visit(tree, 'text', (node: Text, _index, parent) => {
    const opener = /(^|[^=\p{L}\p{N}_])==(?=[^\s=])/gu;
    for (const m of node.value.matchAll(opener)) {
      const offset = m.index + m[1]!.length;
      // Text nodes keep the source's line breaks: count lines and columns from the node's start,
      // or from its paragraph's when the highlight transform rebuilt the node.
      const start = node.position?.start ?? parent?.position?.start;
      const before = node.value.slice(0, offset).split('\n');
      const line = start ? start.line + before.length - 1 : undefined;
      const column = start ? (before.length === 1 ? start.column + offset : before.at(-1)!.length + 1) : undefined;
      problems.push(
        bodyProblem(note, line, column, 'warning', 'cloze-unclosed', '`==` opens a highlight (a cloze in Study mode) that is never closed in this paragraph: end the hidden words with `==`'),
      );
    }
  });
  return problems;
}

registerNoteCheck((note) => checkNoteClozes(note));
