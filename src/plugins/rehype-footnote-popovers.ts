import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { toString } from 'hast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import { footnotePopoverScript } from '../client/footnote-popover.ts';

export interface FootnotePopoversOptions {
  /** Inline the ~0.9 kB Escape-to-close script on pages with footnotes. Default `true`. */
  script?: boolean;
}

/** Elements kept as they are inside a popover; other blocks are flattened to their text. */
const PHRASING = new Set(['a', 'em', 'strong', 'code', 'kbd', 'mark', 'sub', 'sup', 'del', 's', 'b', 'i', 'br', 'span', 'cite', 'abbr', 'small', 'u', 'q']);

/**
 * Footnotes stay where remark-gfm puts them (list at the end, with back-references); each
 * reference also gets a copy of its footnote as a popover, shown by CSS on hover and keyboard
 * focus, absolutely positioned so nothing moves. The reference is described by the popover
 * (`aria-describedby`), and the copy is `data-pagefind-ignore` so search indexes the note once.
 * Runs after the sanitizer (ids are already `user-content-…`).
 */
export function rehypeFootnotePopovers(options: FootnotePopoversOptions = {}) {
  const { script = true } = options;
  return (tree: Root) => {
    const definitions = new Map<string, Element>();
    let section: Element | undefined;
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'section' && node.properties.dataFootnotes !== undefined) section = node;
      if (node.tagName === 'li' && typeof node.properties.id === 'string') definitions.set(node.properties.id, node);
    });
    if (!section) return;

    let count = 0;
    visit(tree, 'element', (sup: Element, index, parent) => {
      if (sup.tagName !== 'sup' || !parent || index === undefined) return;
      const ref = sup.children.find((c): c is Element => c.type === 'element' && c.properties.dataFootnoteRef !== undefined);
      const href = ref && typeof ref.properties.href === 'string' ? ref.properties.href : undefined;
      const definition = href ? definitions.get(href.slice(1)) : undefined;
      if (!ref || !definition) return;
      const id = `${String(ref.properties.id ?? `fnref-${count}`).replace('fnref', 'fnpop')}`;
      count++;
      ref.properties.ariaDescribedBy = [id];
      const popover = h(
        'span',
        { className: ['fn-popover'], id, role: 'tooltip', dataPagefindIgnore: 'all' },
        popoverContent(definition),
      );
      parent.children.splice(index, 1, h('span', { className: ['fn'] }, [sup, popover]));
      return SKIP;
    });
    if (script && count > 0) section.children.push(h('script', { type: 'module' }, footnotePopoverScript));
  };
}

/** The footnote's content as phrasing: paragraphs become block spans, back-references go. */
function popoverContent(li: Element): ElementContent[] {
  const out: ElementContent[] = [];
  for (const child of li.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'p') out.push(h('span', { className: ['fn-popover-p'] }, phrasing(child.children)));
    else out.push(h('span', { className: ['fn-popover-p'] }, toString(child)));
  }
  return out;
}

function phrasing(nodes: ElementContent[]): ElementContent[] {
  const out: ElementContent[] = [];
  for (const node of nodes) {
    if (node.type === 'text') out.push({ type: 'text', value: node.value });
    if (node.type !== 'element' || node.properties.dataFootnoteBackref !== undefined) continue;
    if (!PHRASING.has(node.tagName)) {
      out.push({ type: 'text', value: toString(node) });
      continue;
    }
    const { id: _id, ...properties } = node.properties;
    out.push({ type: 'element', tagName: node.tagName, properties, children: phrasing(node.children) });
  }
  // Back-references leave trailing spaces behind.
  while (out.length > 0) {
    const last = out[out.length - 1]!;
    if (last.type !== 'text') break;
    last.value = last.value.trimEnd();
    if (last.value !== '') break;
    out.pop();
  }
  return out;
}
