import type { Root } from 'mdast';
import type { Transformer } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { addStudyCount } from '../lib/study-counts.ts';

/** Options of `remarkCloze`; defaults in `defaults`. */
export interface RemarkClozeOptions {
  /** Class of every highlight (`<mark>`); the study-mode client looks for it. */
  className?: string;
}

const defaults: Required<RemarkClozeOptions> = { className: 'cloze' };

/**
 * Obsidian highlights `==text==` (the grammar's `mark` nodes, `src/syntax/marks.ts`) become
 * `<mark class="cloze">`, counted as the note's clozes (embedded notes' highlights included).
 */
export function remarkCloze(options: RemarkClozeOptions = {}): Transformer<Root> {
  const settings = { ...defaults, ...options };
  return (tree: Root, file: VFile) => {
    let marks = 0;
    visit(tree, 'mark', (node) => {
      node.data = { ...node.data, hName: 'mark', hProperties: { ...node.data?.hProperties, className: [settings.className] } };
      marks += 1;
    });
    addStudyCount(file, 'clozes', marks);
  };
}
