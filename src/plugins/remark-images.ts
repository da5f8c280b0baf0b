import type { Image, PhrasingContent, Root } from 'mdast';
import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import { dirname, relative, sep } from 'node:path';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { resolveImage, type VaultAttachments } from '../lib/image-paths.ts';
import { attachmentFinder, type LinkGraph } from '../lib/link-graph.ts';
import { perGraph } from '../lib/per-graph.ts';
import { siteLinkGraph } from '../lib/site-link-graph.ts';
import { siteConfig } from '../lib/site-config.ts';

/** An image that does not resolve, rendered as a captioned placeholder instead of a broken `<img>`. */
export interface ImagePlaceholder {
  type: 'imagePlaceholder';
  position?: Image['position'];
  data: { hName: string; hProperties: Record<string, unknown>; hChildren: ElementContent[] };
}

export interface ImagesOptions {
  /** Folder for `/x.png` paths; default `public/` (see `src/lib/image-paths.ts`). */
  publicDir?: string;
  /** Words after the alt text in the caption. */
  note?: string;
  /** Where the vault's attachments are listed; default: the site's graph. */
  graph?: () => LinkGraph;
  /** Folder of the notes; default `notesDir`. */
  notesDir?: string;
}

/** One finder per graph (the graph is rebuilt under `astro dev` when notes change). */
const finderOf = perGraph((graph) => attachmentFinder(graph.assets));

/**
 * Markdown images `![alt](x.png)` / `![alt](sub/x.png)` not at their written path are found as
 * Obsidian finds attachments (by vault path, then by file name anywhere in the vault, nearest
 * first; `src/lib/image-paths.ts`) and pointed at that file. Replaces `image` nodes whose file
 * still does not exist (`/x` in public/, relative to the note's folder) with a visible placeholder: a `<figure>` with the alt text as caption when the
 * image is alone in its paragraph, an inline box otherwise. Resolved and remote images are
 * untouched. Missing images are reported once, by the vault check in `src/lib/image-check.ts`.
 * Must run before Astro's image collection (any remark position does), so a missing relative
 * image never reaches Astro's image pipeline and breaks the build.
 */
export function remarkImages(options: ImagesOptions = {}) {
  const note = options.note ?? 'image not available yet';
  const getGraph = options.graph ?? siteLinkGraph;
  return (tree: Root, file: VFile) => {
    let vault: VaultAttachments | undefined;
    const attachments = (): VaultAttachments => {
      if (vault) return vault;
      const graph = getGraph();
      return (vault = { dir: options.notesDir ?? siteConfig().notesDir, find: finderOf(graph) });
    };
    visit(tree, 'image', (node: Image, index, parent) => {
      if (!parent || index === undefined) return;
      const target = resolveImage(node.url, file.path, options.publicDir, file.path ? attachments() : undefined);
      if (target.kind === 'found' && target.byName && file.path) {
        // Astro's image pipeline resolves the URL against the note's folder.
        node.url = encodeURI(relative(dirname(file.path), target.path).split(sep).join('/'));
        return;
      }
      if (target.kind !== 'missing' && target.kind !== 'blocked') return;
      const alone = parent.type === 'paragraph' && parent.children.every((c) => c === node || (c.type === 'text' && c.value.trim() === ''));
      const placeholder = makePlaceholder(node, alone, note);
      if (alone) {
        // The paragraph itself becomes the <figure> (a <figure> inside <p> is invalid HTML).
        Object.assign(parent, { children: [], data: placeholder.data });
        return SKIP;
      }
      parent.children.splice(index, 1, placeholder as unknown as PhrasingContent);
      return SKIP;
    });
  };
}

function makePlaceholder(node: Image, block: boolean, note: string): ImagePlaceholder {
  const alt = node.alt?.trim() || node.url;
  const box = h('span', { className: ['image-missing-box'], ariaHidden: 'true' });
  const caption = [h('span', { className: ['image-missing-alt'] }, alt), h('span', { className: ['image-missing-note'] }, ` — ${note}`)];
  return {
    type: 'imagePlaceholder',
    position: node.position,
    data: {
      hName: block ? 'figure' : 'span',
      hProperties: { className: ['image-missing'], dataImageMissing: clip(node.url), ...(block ? {} : { role: 'img', ariaLabel: `${alt} (${note})` }) },
      hChildren: block ? [box, h('figcaption', caption)] : [box, ...caption],
    },
  };
}

const clip = (url: string) => (url.length > 120 ? `${url.slice(0, 119)}…` : url);
