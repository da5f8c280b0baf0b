import { posix, relative } from 'node:path';
import type { FootnoteDefinition, FootnoteReference, Image, Link, Paragraph, Parent, PhrasingContent, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Plugin, Processor } from 'unified';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { type LinkGraph, type Resolution } from '../lib/link-graph.ts';
import { siteLinkGraph } from '../lib/site-link-graph.ts';
import { headingKey } from '../lib/link-parse.ts';
import { conceptHref, noteHref } from '../lib/link-paths.ts';
import { siteConfig } from '../lib/site-config.ts';
import { noteIdFromPath, slugify } from '../lib/slug.ts';
import type { VaultNote } from '../lib/vault.ts';
import type { WikiLink } from '../syntax/wikilink.ts';
import { applyGrammar } from '../syntax/grammar.ts';
import { embedSize, mediaType } from '../syntax/attachments.ts';
import { attachmentHref } from '../lib/link-paths.ts';

/** The transcluded content of `![[Note]]` / `![[Note#Heading]]`, rendered as a `<div class="wikilink-embed">` (sanitize allow-list has no <section>). */
export interface WikiEmbed extends Parent {
  type: 'wikiEmbed';
  children: RootContent[];
}

declare module 'mdast' {
  interface RootContentMap {
    wikiEmbed: WikiEmbed;
  }
  interface BlockContentMap {
    wikiEmbed: WikiEmbed;
  }
}

export interface WikilinksOptions {
  /** Where links are resolved; default: the site's graph, built once per process. */
  graph?: () => LinkGraph;
  /** URL prefix without trailing slash; default `base` from site-config (`''`). */
  base?: string;
  /** Folder of the notes, to tell which note is being rendered; default `notesDir`. */
  notesDir?: string;
  /** Embeds inside embeds deeper than this are shown as links; default 3. */
  maxEmbedDepth?: number;
}

/**
 * Renders `[[wikilinks]]` and `![[embeds]]` (syntax from `src/syntax/wikilink.ts`) with the link
 * graph: links to notes and heading anchors, "not written yet" concept links, image embeds as
 * plain `image` nodes (so remark-images handles missing files), and note/section transclusion with
 * a link to the source. Self-embeds, embed cycles and too-deep embeds become plain links. Problems
 * are reported once by the vault check (`src/lib/link-checks.ts`), not here.
 * Must run before remark-images and the highlight plugin (it creates `image` and `link` nodes).
 */
export const remarkWikilinks: Plugin<[WikilinksOptions?], Root> = function (options = {}) {
  // The syntax comes from the note grammar (src/syntax/grammar.ts), first in the pipeline.
  const processor = this as unknown as Processor<Root>;
  const getGraph = options.graph ?? siteLinkGraph;
  const base = options.base ?? siteConfig().base;
  const notesDir = options.notesDir ?? siteConfig().notesDir;
  const maxDepth = options.maxEmbedDepth ?? 3;

  return (tree: Root, file: VFile) => {
    const graph = getGraph();
    const rel = file.path ? relative(notesDir, file.path) : '';
    const current = rel && !rel.startsWith('..') ? graph.notes.get(noteIdFromPath(rel))?.note : undefined;
    render(graph, tree, current, current ? [current.id] : []);
  };

  function render(graph: LinkGraph, tree: Root | WikiEmbed, from: VaultNote | undefined, stack: string[]): void {
    const embeddable = (node: PhrasingContent): Resolution | undefined => {
      if (node.type !== 'wikiLink' || !node.embed) return undefined;
      const r = graph.resolve(node, from);
      // `![[#Section]]` and `![[This note#Section]]` embed a part of this note: only the same part
      // inside itself is a cycle. A whole note is refused while it is being rendered.
      const target = r.kind === 'note' ? r : r.kind === 'same-page' && from ? { kind: 'note' as const, note: from, anchor: r.anchor, missingHeading: r.missingHeading } : undefined;
      if (!target || stack.length > maxDepth) return undefined;
      const key = embedKey(target.note.id, node.heading ? target.anchor : undefined);
      if (stack.includes(key) || (!node.heading && stack.some((s) => s === target.note.id))) return undefined;
      if (node.heading && target.missingHeading) return undefined;
      return target;
    };
    // Transclusions are blocks: split the paragraph around them.
    visit(tree, 'paragraph', (p: Paragraph, index, parent) => {
      if (!parent || index === undefined || !p.children.some((c) => embeddable(c))) return;
      const out: RootContent[] = [];
      let run: PhrasingContent[] = [];
      const flush = () => {
        if (run.some((c) => c.type !== 'text' || c.value.trim())) out.push({ type: 'paragraph', children: run });
        run = [];
      };
      for (const child of p.children) {
        const r = embeddable(child);
        if (r?.kind === 'note' && child.type === 'wikiLink') {
          flush();
          out.push(embed(graph, child, r.note, r.anchor, stack));
        } else run.push(child);
      }
      flush();
      parent.children.splice(index, 1, ...(out as never[]));
      return [SKIP, index + out.length];
    });
    visit(tree, 'wikiLink', (node: WikiLink, index, parent) => {
      if (!parent || index === undefined) return;
      parent.children[index] = inline(graph, node, from, stack) as never;
    });
  }

  function inline(graph: LinkGraph, node: WikiLink, from: VaultNote | undefined, stack: string[]): PhrasingContent {
    const r = graph.resolve(node, from);
    const extra = node.embed && r.kind !== 'attachment' ? ['wikilink-embed-skipped'] : [];
    switch (r.kind) {
      case 'note':
        return link(noteHref(base, r.note.id, r.anchor), node.value, ['wikilink', ...(r.missingHeading ? ['wikilink-missing-heading'] : []), ...extra],
          node.embed && stack.includes(r.note.id) ? `${r.note.data.title} (not embedded: it would embed itself)` : undefined);
      case 'same-page':
        return link(`#${r.anchor}`, node.value, ['wikilink', ...(r.missingHeading ? ['wikilink-missing-heading'] : []), ...extra]);
      case 'ambiguous':
        return link(noteHref(base, r.notes[0]!.id), node.value, ['wikilink', 'wikilink-ambiguous'], `Ambiguous link: ${r.notes.map((n) => n.file).join(', ')}`);
      case 'attachment': {
        // Found: a path relative to the note (Astro's image pipeline, the attachments copy); missing: as written.
        const rel = r.missing ? r.path : posix.relative(from ? posix.dirname(from.path) : '', r.path);
        if (r.media === 'image' && node.embed) return image(node, rel);
        const href = r.missing ? encodeURI(rel) : attachmentHref(base, r.path);
        const name = r.path.split('/').pop()!;
        if (node.embed && !r.missing && (r.media === 'audio' || r.media === 'video')) return media(r.media, href, node, name);
        if (node.embed && !r.missing && r.media === 'pdf') return pdf(href, node, name);
        const label = node.alias && !embedSize(node.alias) ? node.alias : name;
        return link(href, r.media === 'pdf' ? `${label} (PDF)` : label, ['wikilink', 'wikilink-attachment'], r.missing ? `${name} is not in the vault` : undefined);
      }
      case 'unresolved': {
        const concept = graph.conceptsByKey.get(r.key);
        if (concept) return link(conceptHref(base, concept.slug), node.value, ['wikilink', 'wikilink-concept', ...extra], `“${concept.title}” is not written yet`);
        return {
          type: 'wikiLink', embed: false, raw: node.raw, target: node.target, value: node.value, position: node.position,
          data: { hName: 'span', hProperties: { className: ['wikilink-unresolved'], title: `No note named “${r.title}”` }, hChildren: [{ type: 'text', value: node.value }] },
        } as WikiLink;
      }
    }
  }

  function embed(graph: LinkGraph, node: WikiLink, target: VaultNote, anchor: string | undefined, stack: string[]): WikiEmbed {
    // Parse with Astro's processor so every syntax of the pipeline (math, callouts...) applies.
    const tree = processor.parse(target.body) as Root;
    applyGrammar(tree);
    let content = tree.children;
    const first = content[0];
    if (first?.type === 'heading' && first.depth === 1 && (target.data.titleSource !== 'frontmatter' || toString(first).trim() === target.data.title)) content = content.slice(1);
    if (node.heading?.startsWith('^')) content = blockOf(content, node.heading.slice(1).trim());
    else if (node.heading && anchor) content = section(content, headingKey(node.heading));
    const body: WikiEmbed = { type: 'wikiEmbed', children: content };
    // Footnote labels of the embedded note must not clash with the host's.
    visit(body, (n) => {
      if (n.type === 'footnoteReference' || n.type === 'footnoteDefinition') {
        const f = n as FootnoteReference | FootnoteDefinition;
        f.identifier = `embed-${target.id}-${f.identifier}`;
        f.label = f.identifier;
      }
    });
    render(graph, body, target, [...stack, embedKey(target.id, node.heading ? anchor : undefined)]);
    // Embedded headings are styled paragraphs: they must not take anchors or counters from the page's own headings.
    visit(body, 'heading', (h, index, parent) => {
      if (!parent || index === undefined) return;
      parent.children[index] = {
        type: 'paragraph', children: h.children,
        data: { hProperties: { className: ['wikilink-embed-heading', `level-${h.depth}`] } },
      } as never;
    });
    const source: Paragraph = {
      type: 'paragraph',
      data: { hProperties: { className: ['wikilink-embed-source'] } },
      children: [link(noteHref(base, target.id, anchor), node.alias ?? (node.heading ? `${target.data.title} › ${node.heading}` : target.data.title), ['wikilink', 'wikilink-embed-link'])],
    };
    return {
      type: 'wikiEmbed',
      position: node.position,
      children: [source, ...body.children],
      data: { hName: 'div', hProperties: { className: ['wikilink-embed'], dataEmbed: target.id } },
    } as WikiEmbed;
  }
};

/** The nodes from the heading with `key` to the next heading of the same or a higher level. */
function section(content: RootContent[], key: string): RootContent[] {
  const start = content.findIndex((n) => n.type === 'heading' && slugify(toString(n)) === key);
  const head = content[start];
  if (head?.type !== 'heading') return content;
  let end = start + 1;
  while (end < content.length) {
    const n = content[end]!;
    if (n.type === 'heading' && n.depth <= head.depth) break;
    end++;
  }
  return content.slice(start, end);
}

/** What an embed puts on the render stack: the note, or one section or block of it. */
function embedKey(id: string, anchor: string | undefined): string {
  return anchor ? `${id}#${anchor}` : id;
}

/** The block with Obsidian id `id` (a list item is kept inside its list), or nothing. */
function blockOf(content: RootContent[], id: string): RootContent[] {
  let found: RootContent[] = [];
  const walk = (nodes: RootContent[], parent?: RootContent) => {
    for (const n of nodes) {
      if (found.length) return;
      if ((n.data as { blockId?: string } | undefined)?.blockId === id) {
        found = n.type === 'listItem' && parent?.type === 'list' ? [{ ...parent, children: [n] }] : [n];
        return;
      }
      if ('children' in n) walk(n.children as RootContent[], n);
    }
  };
  walk(content);
  return found;
}

/**
 * `![[talk.ogg]]` / `![[demo.mp4|640]]`: a marked link to the file, which rehype-attachment-media
 * turns into a player with controls after the sanitizer (notes' own raw `<audio>`/`<video>` stay banned).
 */
function media(kind: 'audio' | 'video', href: string, node: WikiLink, name: string): PhrasingContent {
  const size = kind === 'video' ? embedSize(node.alias) : undefined;
  const type = mediaType(name);
  return link(href, node.alias && !size ? node.alias : name, ['wikilink', 'wikilink-attachment'], undefined, {
    dataNoteMedia: kind,
    ...(type ? { dataMediaType: type } : {}),
    ...(size ? { dataWidth: size.width, ...(size.height ? { dataHeight: size.height } : {}) } : {}),
  });
}

/**
 * `![[paper.pdf]]`, `![[paper.pdf#page=3]]`, `![[paper.pdf#height=400]]` (Obsidian's forms; `|label`
 * or `|WxH` too): a marked link to the file, which rehype-attachment-media turns into an embedded
 * viewer with a download link after the sanitizer.
 */
function pdf(href: string, node: WikiLink, name: string): PhrasingContent {
  const size = embedSize(node.alias);
  const params = new URLSearchParams((node.heading ?? '').replace(/^#/, '').replace(/#/g, '&'));
  const page = /^\d+$/.test(params.get('page') ?? '') ? params.get('page')! : undefined;
  const height = /^\d+$/.test(params.get('height') ?? '') ? params.get('height')! : size?.height;
  return link(href, `${node.alias && !size ? node.alias : name} (PDF${page ? `, page ${page}` : ''})`, ['wikilink', 'wikilink-attachment'], undefined, {
    dataNoteMedia: 'pdf',
    ...(page ? { dataPdfPage: page } : {}),
    ...(height ? { dataHeight: height } : {}),
  });
}

function link(url: string, text: string, className: string[], title?: string, extra: Record<string, string> = {}): Link {
  return { type: 'link', url, title: title ?? null, children: [{ type: 'text', value: text }], data: { hProperties: { className, ...extra } } };
}

/** `![[diagram.png]]`, `![[diagram.png|300]]` (width) or `![[diagram.png|alt text]]`, relative to the note. */
function image(node: WikiLink, src: string): Image {
  const size = embedSize(node.alias);
  const alt = size ? src.split('/').pop()!.replace(/\.[^.]+$/, '') : (node.alias ?? src.split('/').pop()!.replace(/\.[^.]+$/, ''));
  return {
    type: 'image',
    url: encodeURI(src),
    alt,
    position: node.position,
    ...(size ? { data: { hProperties: { width: size.width, ...(size.height ? { height: size.height } : {}) } } } : {}),
  };
}
