import type { PhrasingContent, Root } from 'mdast';
import remarkFlexibleMarkers from 'remark-flexible-markers';
import type { Processor, Transformer } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { addStudyCount } from '../lib/study-counts.ts';

/** Options of `remarkCloze`; defaults in `defaults`. */
export interface RemarkClozeOptions {
  /** Class of every highlight (`<mark>`); the study-mode client looks for it. */
  className?: string;
}

const defaults: Required<RemarkClozeOptions> = { className: 'cloze' };

const LETTERS = [...'abcdefghijklmnopqrstuvwxyz'];
/** Marker class of remark-flexible-markers' `=x=…==` marks, which are undone. */
const COLOURED = '__coloured-marker';

/**
 * Turns Obsidian highlights `==text==` into `mark` nodes (rendered `<mark class="cloze">`) and
 * counts them as clozes of the note. Parsing is remark-flexible-markers': it works on text
 * nodes, so inline code and code blocks keep their `==`, and a highlight may wrap links,
 * wikilinks, code and emphasis, which stay as they are. Run it after the wikilink plugin.
 */
export function remarkCloze(this: Processor, options: RemarkClozeOptions = {}): Transformer<Root> {
  const settings = { ...defaults, ...options };
  const markers = remarkFlexibleMarkers.call(this, {
    // remark-flexible-markers also reads `=r=red==` as a coloured mark; Obsidian does not. Map each
    // letter to itself so the colour names the letter, and put such marks back as text below.
    dictionary: Object.fromEntries(LETTERS.map((l) => [l, l])),
    markerClassName: (letter) => (letter ? [COLOURED, letter] : [settings.className]),
    // Obsidian shows `====` as text, not as an empty highlight.
    actionForEmptyContent: 'keep',
  }) as Transformer<Root>;
  return (tree: Root, file: VFile) => {
    // The markers transformer is synchronous and ignores its callback.
    void markers(tree, file, () => undefined);
    let clozes = 0;
    visit(tree, 'mark', (node, index, parent) => {
      const [kind, letter] = (node.data?.hProperties?.className ?? []) as string[];
      if (kind === COLOURED && parent && index !== undefined) {
        const text = (value: string): PhrasingContent => ({ type: 'text', value });
        parent.children.splice(index, 1, text(`=${letter}=`), ...node.children, text('=='));
        return index;
      }
      clozes += 1;
      return undefined;
    });
    addStudyCount(file, 'clozes', clozes);
  };
}
