import type { Element, Root } from 'hast';
import { h } from 'hastscript';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { resolveImage } from '../lib/image-paths.ts';

/**
 * A raw HTML `<img>` whose file does not exist gets the same inline placeholder as a missing
 * Markdown image (remark-images), never a broken image. Runs after the sanitizer (so only allowed
 * `<img>` remain); Markdown images were already handled, so what is left here was written as HTML.
 * Reported once by the vault check (`src/lib/syntax-checks.ts`), not here.
 */
export function rehypeRawImages(options: { publicDir?: string; note?: string } = {}) {
  const note = options.note ?? 'image not available yet';
  return (tree: Root, file: VFile) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'img' || !parent || index === undefined) return;
      const src = typeof node.properties.src === 'string' ? node.properties.src : '';
      const target = resolveImage(src, file.path, options.publicDir);
      if (src && target.kind !== 'missing' && target.kind !== 'blocked') return;
      const alt = (typeof node.properties.alt === 'string' && node.properties.alt.trim()) || src || 'image';
      parent.children[index] = h('span', { className: ['image-missing'], dataImageMissing: src.slice(0, 120), role: 'img', ariaLabel: `${alt} (${note})` }, [
        h('span', { className: ['image-missing-box'], ariaHidden: 'true' }),
        h('span', { className: ['image-missing-alt'] }, alt),
        h('span', { className: ['image-missing-note'] }, ` — ${note}`),
      ]);
      return SKIP;
    });
  };
}
