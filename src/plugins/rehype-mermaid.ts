import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import { renderMermaid, mermaidKey } from '../lib/mermaid.ts';

/**
 * ` ```mermaid ` blocks drawn as inline SVG at build time (src/lib/mermaid.ts, cached by source):
 * a light and a dark rendering, one shown per theme by CSS, no client-side Mermaid. The source
 * stays on the page, folded, and is the diagram's accessible description. A block Mermaid cannot
 * draw stays a code block (the lint reports it with its position). Runs after the sanitizer:
 * notes may not write SVG; Mermaid's own output (securityLevel strict) is cleaned of scripts,
 * event handlers and javascript: links below all the same.
 */
export function rehypeMermaid() {
  return async (tree: Root) => {
    const blocks: { pre: Element; parent: Root | Element; source: string }[] = [];
    visit(tree, 'element', (node: Element, _i, parent) => {
      if (node.tagName !== 'pre' || !parent) return;
      const code = node.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
      const classes = code?.properties.className;
      // The fence's language as written: ```Mermaid is a diagram too (the lint, which draws it, ignores case).
      if (code && Array.isArray(classes) && classes.some((c) => String(c).toLowerCase() === 'language-mermaid')) blocks.push({ pre: node, parent: parent as Root | Element, source: toString(code).replace(/\n$/, '') });
    });
    if (blocks.length === 0) return;
    const results = await renderMermaid(blocks.map((b) => b.source));
    // Loaded untyped on purpose: hast-util-from-html's type declarations make `ElementData.position`
    // required for the whole program, which breaks other plugins' `node.data` spreads.
    const { fromHtml } = (await import(HAST_FROM_HTML)) as { fromHtml: (html: string, options: { fragment: boolean; space: 'svg' }) => Root };
    blocks.forEach(({ pre, parent, source }, i) => {
      const r = results[i]!;
      if ('error' in r) return;
      const id = `mmd-${mermaidKey(source).slice(0, 10)}-${i}-source`;
      const svg = (markup: string, theme: string) => {
        const root = fromHtml(markup, { fragment: true, space: 'svg' });
        clean(root);
        const el = root.children.find((c): c is Element => c.type === 'element' && c.tagName === 'svg');
        if (!el) return [];
        Object.assign(el.properties, { role: 'img', ariaDescribedBy: id, ariaLabel: 'Mermaid diagram', className: ['mermaid-svg', `mermaid-${theme}`] });
        delete el.properties.ariaRoleDescription;
        return [el];
      };
      const figure = h('figure', { className: ['mermaid-diagram'], dataPagefindIgnore: 'all' }, [
        ...svg(r.light, 'light'), ...svg(r.dark, 'dark'),
        // The id sits on a wrapper: Expressive Code later rebuilds the <pre> and drops its attributes.
        h('details', { className: ['mermaid-source'] }, [h('summary', 'Diagram source (Mermaid)'), h('div', { id }, [h('pre', [h('code', source)])])]),
      ]);
      const at = parent.children.indexOf(pre);
      if (at >= 0) parent.children.splice(at, 1, figure as ElementContent);
    });
  };
}

const HAST_FROM_HTML: string = 'hast-util-from-html';

/** Drops what Mermaid must never emit: scripts, `on*` handlers, `javascript:` links. */
function clean(root: Root): void {
  visit(root, 'element', (node: Element, index, parent) => {
    if (node.tagName === 'script' && parent && index !== undefined) {
      parent.children.splice(index, 1);
      return index;
    }
    for (const key of Object.keys(node.properties)) {
      const value = String(node.properties[key]);
      if (/^on/i.test(key) || (/href$/i.test(key) && /^\s*javascript:/i.test(value))) delete node.properties[key];
    }
    return undefined;
  });
}
