import type { Element, ElementContent, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';

/** Options of {@link rehypeSearchWeights}. */
export interface SearchWeightsOptions {
  /** Pagefind weight of code blocks, from 0 to 10 (prose is 1, headings 2-7). Default: `0.2`. */
  codeWeight?: number;
}

/**
 * Code stays searchable (people do search `ThreadPoolExecutor`) but weighs less than prose, so a
 * note that explains a word ranks above one that only calls it, and excerpts, which Pagefind takes
 * from the best-weighted passage, come from prose. Each `<pre>` is wrapped in a
 * `data-pagefind-weight` element: Expressive Code, which runs later, replaces the `<pre>` itself
 * and would drop attributes set on it.
 */
export function rehypeSearchWeights(options: SearchWeightsOptions = {}) {
  const weight = String(options.codeWeight ?? 0.2);
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'pre' || !parent || index === undefined) return;
      const wrapper: Element = { type: 'element', tagName: 'div', properties: { className: ['code-weight'], dataPagefindWeight: weight }, children: [node as ElementContent] };
      parent.children[index] = wrapper;
      return [SKIP, index + 1];
    });
  };
}
