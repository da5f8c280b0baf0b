import type { Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * Gives blocks with an Obsidian block id (`^id`, recorded by the grammar as `data-block-id`) the
 * element id `^id`, so `[[Note#^id]]` links land on them. Runs after the sanitizer, which would
 * prefix a note's ids with `user-content-`; the value is letters, digits and `-` only.
 */
export function rehypeBlockIds() {
  return (tree: Root) => {
    visit(tree, 'element', (node) => {
      const id = node.properties.dataBlockId;
      if (typeof id !== 'string' || !/^[A-Za-z0-9-]+$/.test(id)) return;
      delete node.properties.dataBlockId;
      node.properties.id = `^${id}`;
    });
  };
}
