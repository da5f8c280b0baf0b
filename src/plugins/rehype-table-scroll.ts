import type { Element, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';

/**
 * Wraps every table in a keyboard-focusable scroll region, so a table wider than a phone
 * scrolls sideways instead of being clipped (the edge shadows in notes.css show that it does),
 * and the region can be scrolled with the arrow keys (axe scrollable-region-focusable).
 */
export function rehypeTableScroll() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'table' || !parent || index === undefined) return;
      // Tables only for screen readers (the timelines' data tables) are never seen: no scroll stop.
      const classes = node.properties.className;
      if (Array.isArray(classes) && classes.includes('sr-only')) return;
      parent.children[index] = {
        type: 'element',
        tagName: 'div',
        properties: { className: ['table-scroll'], role: 'region', tabIndex: 0, ariaLabel: 'Table (scrolls sideways on narrow screens)' },
        children: [node],
      };
      return [SKIP, index + 1];
    });
  };
}
