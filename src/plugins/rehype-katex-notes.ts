import type { Element, Root } from 'hast';
import rehypeKatex from 'rehype-katex';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { setPageFact } from '../lib/page-facts.ts';

export interface KatexNotesOptions {
  /** Passed to KaTeX. `trust` stays false so `\href{javascript:…}` cannot be written. */
  katex?: Omit<NonNullable<Parameters<typeof rehypeKatex>[0]>, 'trust' | 'displayMode' | 'throwOnError'>;
}

/**
 * Renders remark-math's `math-inline` / `math-display` code at build time with KaTeX (no client
 * JS; `katex.min.css` is linked only on pages with math, by the MarkdownContent override). Runs after the sanitizer because
 * KaTeX writes inline styles. Pagefind would index a formula three times (MathML, TeX
 * annotation, HTML glyphs): the HTML glyphs and the annotation get `data-pagefind-ignore`, so
 * the MathML text is what search finds, once.
 */
export function rehypeKatexNotes(options: KatexNotesOptions = {}) {
  const render = rehypeKatex({ ...options.katex, trust: false });
  return (tree: Root, file: VFile) => {
    render(tree, file);
    let math = false;
    visit(tree, 'element', (node: Element) => {
      const classes = node.properties.className;
      if (Array.isArray(classes) && classes.includes('katex')) math = true;
      if (node.tagName === 'annotation' || (Array.isArray(classes) && classes.includes('katex-html'))) {
        node.properties.dataPagefindIgnore = 'all';
      }
    });
    // Tell the page (MarkdownContent override) to load KaTeX's stylesheet: only pages with math pay for it.
    if (math) setPageFact(file, 'math', true);
  };
}
