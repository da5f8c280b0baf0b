import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';

/**
 * Removes a note's leading `# H1` when it is the page title, so the title is shown once.
 * The loader took the title from this heading (see `leadingH1`) or from frontmatter with
 * the same text; a leading H1 that differs from a frontmatter title is content and stays.
 */
export function remarkNoteTitle() {
  return (tree: Root, file: VFile) => {
    const first = tree.children[0];
    if (first?.type !== 'heading' || first.depth !== 1) return;
    const frontmatter = (file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro?.frontmatter;
    const title = frontmatter?.title;
    if (typeof title === 'string' && title.trim() && title.trim() !== toString(first).trim()) return;
    tree.children.shift();
  };
}
