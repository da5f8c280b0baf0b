import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { ATTACHMENTS_PREFIX } from '../lib/link-paths.ts';
import { siteConfig } from '../lib/site-config.ts';

/**
 * Turns the links remark-wikilinks marks for `![[talk.ogg]]` / `![[demo.mp4|640]]` embeds
 * (`data-note-media`) into `<audio controls>` / `<video controls>` players, keeping the link as
 * their fallback content, and `![[paper.pdf#page=3]]` into an embedded PDF viewer (`<object>`)
 * followed by the link, which stays visible: phones that show no PDFs inline open it from there. Runs after the sanitizer, which bans `<audio>`/`<video>` written as raw
 * HTML; only a URL under the site's own `/_attachments/` (no scheme, no `..`) becomes a player, so a
 * note that writes the data attribute itself cannot point a player anywhere else.
 */
export function rehypeAttachmentMedia(options: { base?: string } = {}) {
  const prefix = `${options.base ?? siteConfig().base}/${ATTACHMENTS_PREFIX}/`;
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      const kind = node.properties.dataNoteMedia;
      if (node.tagName !== 'a' || (kind !== 'audio' && kind !== 'video' && kind !== 'pdf') || !parent || index === undefined) return;
      const href = String(node.properties.href ?? '');
      const { dataMediaType: type, dataWidth: width, dataHeight: height, dataPdfPage: page } = node.properties;
      for (const key of ['dataNoteMedia', 'dataMediaType', 'dataWidth', 'dataHeight', 'dataPdfPage']) delete node.properties[key];
      if (!href.startsWith(prefix) || href.includes('..') || /[:\\]/.test(href)) return;
      if (kind === 'pdf') {
        parent.children[index] = pdfViewer(node, href, typeof page === 'string' && /^\d+$/.test(page) ? page : undefined, typeof height === 'string' && /^\d+$/.test(height) ? height : undefined);
        return;
      }
      const size = kind === 'video' && typeof width === 'string' && /^\d+$/.test(width) ? { width, ...(typeof height === 'string' && /^\d+$/.test(height) ? { height } : {}) } : {};
      parent.children[index] = {
        type: 'element',
        tagName: kind,
        properties: { controls: true, preload: 'metadata', ...size },
        children: [{ type: 'element', tagName: 'source', properties: { src: href, ...(typeof type === 'string' ? { type } : {}) }, children: [] }, node],
      };
    });
  };
}

/**
 * `<span class="pdf-embed"><object data type="application/pdf" title>…</object><a download>…</a></span>`:
 * phrasing content, so it may stay inside the paragraph that held the embed. The browser's viewer
 * opens at `#page=N`; where it has none, the object shows its fallback sentence and the link below.
 */
function pdfViewer(link: Element, href: string, page: string | undefined, height: string | undefined): Element {
  const label = toString(link);
  link.properties.download = '';
  link.properties.className = [...((link.properties.className as string[] | undefined) ?? []), 'pdf-embed-link'];
  return {
    type: 'element',
    tagName: 'span',
    properties: { className: ['pdf-embed'] },
    children: [
      {
        type: 'element',
        tagName: 'object',
        properties: { data: page ? `${href}#page=${page}` : href, type: 'application/pdf', title: label, ...(height ? { height } : {}) },
        children: [{ type: 'element', tagName: 'span', properties: { className: ['pdf-embed-fallback'] }, children: [{ type: 'text', value: 'This browser shows no PDF here: use the link below.' }] }],
      },
      link,
    ],
  };
}
