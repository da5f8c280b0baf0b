import type { Element, Root } from 'hast';
import rehypeRaw from 'rehype-raw';
import { visitParents } from 'unist-util-visit-parents';
import { describe, expect, test } from 'vitest';
import type { Root as MdastRoot } from 'mdast';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { rehypeSanitizeNotes } from '../src/plugins/rehype-sanitize-notes.ts';
import { ALLOWED_BLOCK_HTML, ALLOWED_HTML, XSS_PAYLOADS } from './fixtures/xss/payloads.ts';
import { renderNote } from './render-note.ts';

/** Parses HTML the way a browser does (parse5 through rehype-raw). */
function parseHtml(html: string): Root {
  return rehypeRaw()({ type: 'root', children: [{ type: 'raw', value: html }] } as Root, undefined as never) as Root;
}

const FORBIDDEN_TAGS = new Set(['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'base', 'meta', 'link', 'svg', 'template', 'noscript', 'input', 'button', 'video', 'audio']);
const URL_PROPERTIES = new Set(['href', 'src', 'action', 'formAction', 'data', 'cite', 'poster', 'background', 'xLinkHref', 'srcSet', 'content']);

/** Every executable vector left in `html`: a list of human-readable findings, empty when safe. */
function findVectors(html: string): string[] {
  const found: string[] = [];
  visitParents(parseHtml(html), 'element', (node: Element, ancestors) => {
    // KaTeX's own output (after the sanitizer) uses inline styles and MathML: that is ours, not the note's.
    const inKatex = ancestors.some((a) => a.type === 'element' && Array.isArray(a.properties.className) && a.properties.className.includes('katex'));
    if (FORBIDDEN_TAGS.has(node.tagName) && !(node.tagName === 'input' && node.properties.type === 'checkbox')) found.push(`<${node.tagName}>`);
    if (node.tagName === 'math' && !inKatex) found.push('<math>');
    for (const [key, value] of Object.entries(node.properties)) {
      if (/^on/i.test(key)) found.push(`${key} on <${node.tagName}>`);
      if (key === 'srcDoc') found.push('srcdoc');
      if (key === 'style' && !inKatex) found.push(`style on <${node.tagName}>`);
      if (URL_PROPERTIES.has(key)) {
        const url = String(value).replace(/[\u0000-\u0020]/g, '').toLowerCase();
        if (/^(javascript|data|vbscript):/.test(url)) found.push(`${key}=${url.slice(0, 30)}`);
      }
    }
  });
  return found;
}

describe('raw HTML is sanitized', () => {
  test(`the payload table has at least 25 hostile payloads (${XSS_PAYLOADS.length})`, () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(25);
  });

  test.each(XSS_PAYLOADS)('no executable vector survives: %s', async (_name, markdown) => {
    const html = await renderNote(`Before\n\n${markdown}\n\nAfter`);
    expect(findVectors(html)).toEqual([]);
    // The text around it is intact.
    expect(html).toMatch(/^<p>Before<\/p>/);
    expect(html).toMatch(/<p>After<\/p>$/);
  });

  test('all payloads in one note: nothing executable, and the finder itself catches a real vector', async () => {
    const html = await renderNote(XSS_PAYLOADS.map(([, md]) => md).join('\n\n'));
    expect(findVectors(html)).toEqual([]);
    expect(findVectors('<img src=x onerror=alert(1)><a href=" JaVa&#x09;script:x">a</a>')).toEqual(['onError on <img>', 'href=javascript:x']);
  });

  test.each(ALLOWED_HTML)('allowed inline HTML survives: %s', async (markdown, expected) => {
    expect(await renderNote(`x ${markdown} y`)).toBe(`<p>x ${expected} y</p>`);
  });

  test.each(ALLOWED_BLOCK_HTML)('allowed block HTML survives: %s', async (markdown, expected) => {
    expect(await renderNote(markdown)).toBe(expected);
  });

  test('generic safe attributes the site\'s plugins use are kept on any element', async () => {
    expect(await renderNote('<span class="a b" data-x="1" aria-label="L" role="note" title="t" hidden>s</span>')).toBe(
      '<p><span class="a b" data-x="1" aria-label="L" role="note" title="t" hidden>s</span></p>',
    );
  });

  test('ids written in raw HTML get the user-content- prefix (DOM clobbering); Markdown heading ids stay plain slugs', async () => {
    expect(await renderNote('<span id="getElementById" name="x">s</span>\n\n## Heading One')).toBe(
      '<p><span id="user-content-getElementById" name="user-content-x">s</span></p>\n<h2 id="heading-one">Heading One</h2>',
    );
  });

  test("other plugins' mdast nodes keep their generic attributes, and code meta reaches Expressive Code", async () => {
    // A stand-in for the wikilink/cards/tabs plugins: an mdast node with hName/hProperties.
    const addWidget = () => (tree: MdastRoot) => {
      tree.children.push({
        type: 'paragraph',
        children: [{ type: 'text', value: 'w' }],
        data: { hName: 'div', hProperties: { className: ['widget'], dataKind: 'card', ariaExpanded: 'false', role: 'button', tabIndex: 0, hidden: true, title: 'T', onClick: 'x()', style: 'color:red' } },
      });
    };
    const processor = unified().use(remarkParse).use(addWidget).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeSanitizeNotes);
    const tree = await processor.run(processor.parse('```py title="a.py" frame="none"\nx\n```\n'));
    const metas: unknown[] = [];
    visit(tree, 'element', (node) => {
      if (node.tagName === 'code') metas.push(node.data);
    });
    expect(metas).toEqual([{ meta: 'title="a.py" frame="none"' }]);
    const html = unified().use(rehypeStringify).stringify(tree);
    expect(html).toContain('<div class="widget" data-kind="card" aria-expanded="false" role="button" tabindex="0" hidden title="T">w</div>');
  });
});
