import type { PhrasingContent, Root } from 'mdast';
import remarkFlexibleMarkers from 'remark-flexible-markers';
import type { Transformer } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';

const LETTERS = [...'abcdefghijklmnopqrstuvwxyz'];
/** Marker class of remark-flexible-markers' `=x=…==` marks, which are undone. */
const COLOURED = '__coloured-marker';

/**
 * Obsidian highlights `==text==` as `mark` nodes with class `className` (rendered `<mark>`), in
 * place; returns how many. Parsing is remark-flexible-markers': it works on text nodes, so inline
 * code and code blocks keep their `==`, and a highlight may wrap links, wikilinks, code and
 * emphasis, which stay as they are. `====` stays text, as in Obsidian. Shared by the render plugin
 * (`remark-cloze`) and the study cards (`src/lib/study-parse.ts`).
 */
export function transformMarks(tree: Root, file: VFile = new VFile(), className = 'cloze'): number {
  const markers = remarkFlexibleMarkers({
    // remark-flexible-markers also reads `=r=red==` as a coloured mark; Obsidian does not. Map each
    // letter to itself so the colour names the letter, and put such marks back as text below.
    dictionary: Object.fromEntries(LETTERS.map((l) => [l, l])),
    markerClassName: (letter) => (letter ? [COLOURED, letter] : [className]),
    actionForEmptyContent: 'keep',
  }) as Transformer<Root>;
  // The markers transformer is synchronous and ignores its callback.
  void markers(tree, file, () => undefined);
  let marks = 0;
  visit(tree, 'mark', (node, index, parent) => {
    const [kind, letter] = (node.data?.hProperties?.className ?? []) as string[];
    if (kind === COLOURED && parent && index !== undefined) {
      const text = (value: string): PhrasingContent => ({ type: 'text', value });
      parent.children.splice(index, 1, text(`=${letter}=`), ...node.children, text('=='));
      return index;
    }
    marks += 1;
    return undefined;
  });
  return marks;
}
