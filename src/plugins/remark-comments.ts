import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { removeComments } from '../syntax/comments.ts';

/**
 * Removes Obsidian comments `%%…%%`, inline or spanning blocks, before any other plugin sees
 * the tree (so commented-out links, images and cards do not count). Markers are only searched
 * in text nodes, so `%%` inside inline code, code blocks and math is kept; a comment that spans
 * a code block removes it, as in Obsidian. Put this first in `remarkPlugins`.
 */
export function remarkComments() {
  return (tree: Root, file: VFile) => {
    removeComments(tree, String(file.value ?? ''));
  };
}

