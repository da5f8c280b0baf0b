import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { ATTACHMENTS_PREFIX } from '../lib/link-paths.ts';
import { siteBase } from '../lib/site-config.ts';

/**
 * Turns the links remark-wikilinks marks for `![[talk.ogg]]` / `![[demo.mp4|640]]` embeds
 * (`data-note-media`) into `<audio controls>` / `<video controls>` players, keeping the link as
 * their fallback content. Runs after the sanitizer, which bans `<audio>`/`<video>` written as raw
 * HTML; only a URL under the site's own `/_attachments/` (no scheme, no `..`) becomes a player, so a
 * note that writes the data attribute itself cannot point a player anywhere else.
 */
export function rehypeAttachmentMedia(options: { base?: string } = {}) {
  const prefix = `${options.base ?? siteBase}/${ATTACHMENTS_PREFIX}/`;
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      const kind = node.properties.dataNoteMedia;
      if (node.tagName !== 'a' || (kind !== 'audio' && kind !== 'video') || !parent || index === undefined) return;
      const href = String(node.properties.href ?? '');
      const { dataMediaType: type, dataWidth: width, dataHeight: height } = node.properties;
      for (const key of ['dataNoteMedia', 'dataMediaType', 'dataWidth', 'dataHeight']) delete node.properties[key];
      if (!href.startsWith(prefix) || href.includes('..') || /[:\\]/.test(href)) return;
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
