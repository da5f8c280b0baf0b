import type { Root } from 'mdast';
import type { Transformer } from 'unified';
import type { VFile } from 'vfile';
import { addStudyCount } from '../lib/study-counts.ts';
import { transformMarks } from '../syntax/marks.ts';

/** Options of `remarkCloze`; defaults in `defaults`. */
export interface RemarkClozeOptions {
  /** Class of every highlight (`<mark>`); the study-mode client looks for it. */
  className?: string;
}

const defaults: Required<RemarkClozeOptions> = { className: 'cloze' };

/**
 * Obsidian highlights `==text==` as `<mark class="cloze">` (syntax in `src/syntax/marks.ts`),
 * counted as the note's clozes. Run it after the wikilink plugin.
 */
export function remarkCloze(options: RemarkClozeOptions = {}): Transformer<Root> {
  const settings = { ...defaults, ...options };
  return (tree: Root, file: VFile) => {
    addStudyCount(file, 'clozes', transformMarks(tree, file, settings.className));
  };
}
