/**
 * One note's part of the link graph: a single parse that keeps only plain, cacheable data
 * (blocks of text, links with their offsets, inline tags, heading anchors), and the cache that
 * lets `npm run build` parse each note once across its lint and build processes.
 * Cross-note work (resolution, backlinks, mentions, concepts) is in `link-graph.ts`.
 */
import GithubSlugger from 'github-slugger';
import type { Nodes, Parents, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { parseNote as parseWithGrammar, renderedText } from '../syntax/grammar.ts';
import type { WikiLink } from '../syntax/wikilink.ts';
import { VFile } from 'vfile';
import { cachedEach } from './build-cache.ts';
import { slugify } from './slug.ts';
import type { VaultNote } from './vault.ts';

/** The sentence (or list item) around a link or mention, split around the matched words. */
export interface Context {
  before: string;
  match: string;
  after: string;
}

/** Anchors of a note's headings exactly as Astro assigns them (github-slugger, per-page counters). */
export function headingAnchors(tree: Root, note?: Pick<VaultNote, 'data'>): Map<string, string> {
  const slugger = new GithubSlugger();
  const anchors = new Map<string, string>();
  tree.children.forEach((node, index) => {
    if (node.type !== 'heading') return;
    const text = toString(node);
    // remark-note-title removes a leading H1 that repeats the title: it gets no anchor.
    if (index === 0 && node.depth === 1 && note && (note.data.titleSource !== 'frontmatter' || note.data.title === text.trim())) return;
    const anchor = slugger.slug(text);
    const key = slugify(text);
    if (!anchors.has(key)) anchors.set(key, anchor);
  });
  return anchors;
}

/**
 * The key under which a `#Heading` (or `#H1#H2`, last part wins) is looked up in `anchors`: the
 * slug of the heading's rendered text, as the page computes its ids (`_future_` → `future`).
 */
export function headingKey(heading: string): string {
  const last = heading.split('#').pop()!.trim();
  let key = headingKeys.get(last);
  if (key === undefined) {
    // Most headings in links are plain words: skip the parse when nothing in them is Markdown.
    key = slugify(/[\\`*_[\]<>&$%=~!]/.test(last) ? renderedText(last) : last);
    if (headingKeys.size > 10_000) headingKeys.clear();
    headingKeys.set(last, key);
  }
  return key;
}
const headingKeys = new Map<string, string>();

/** The sentence around `text[start, end)`: back to the previous `. `, on to the next `.`, at most ~`max` characters. */
export function sentenceAround(text: string, start: number, end: number, max = 240): Context {
  // Only the window around the link is scanned and copied: O(max) per link, whatever the block size.
  const half = max >> 1;
  const space = (i: number) => i >= 0 && i < text.length && /\s/.test(text[i]!);
  const stop = (i: number) => /[.!?]/.test(text[i] ?? '');
  let s = start;
  while (s > 0 && start - s < half && !(space(s - 1) && stop(s - 2))) s--;
  // A sentence ends at `.`, `!` or `?` followed by a space or the end (`alpha.md` goes on).
  const ends = (i: number) => stop(i) && (i + 1 === text.length || space(i + 1));
  let e = end;
  while (e < text.length && e - end < half && !ends(e)) e++;
  if (e < text.length && ends(e)) e++;
  const tidy = (t: string) => t.replace(/\s+/g, ' ');
  const before = (s > 0 && start - s >= half ? '…' : '') + tidy(text.slice(s, start)).trimStart();
  const after = tidy(text.slice(end, e)).trimEnd() + (e < text.length && e - end >= half ? '…' : '');
  return { before, match: tidy(text.slice(start, end)), after };
}

/** A block of text (paragraph, heading, table cell) in which links and mentions are found. */
export interface Block {
  text: string;
  /** Ranges of plain prose (not code, not link text) where unlinked mentions count. */
  prose: Array<[number, number]>;
}

/** A wikilink found by the parse, as plain data (cacheable): body position, block and offsets in it. */
export interface ParsedLink extends Pick<WikiLink, 'raw' | 'target' | 'heading' | 'alias' | 'embed' | 'value'> {
  /** 1-based line and column in the note body. */
  line: number;
  column: number;
  block: number;
  start: number;
  end: number;
}

/** What one parse of a note yields: plain data, so it can be cached between processes (lint, build). */
export interface ParsedNote {
  anchors: Array<[string, string]>;
  /** Block ids (`^id`, without the caret) in document order. */
  blockIds: string[];
  /** Heading texts as shown, in document order. */
  headings: string[];
  tags: string[];
  blocks: Block[];
  links: ParsedLink[];
}

/** Bump when the syntax or `collect` changes: cached parses of older versions are ignored. */
const PARSE_VERSION = 4; // 2: `%%comments%%` removed before links are collected; 3: one grammar (math, block ids); 4: ==marks== and callouts in the grammar

/** Parses a note once and keeps only what the graph needs. */
export function parseNote(note: Pick<VaultNote, 'body' | 'data'>): ParsedNote {
  const file = new VFile({ value: note.body });
  const tree = parseWithGrammar(note.body, file);
  const { blocks, links, tags } = collect(tree);
  const blockIds = [...new Set((file.data.blockIds ?? []).map((b) => b.id))];
  const headings = tree.children.flatMap((n) => (n.type === 'heading' ? [toString(n).trim()] : []));
  return { anchors: [...headingAnchors(tree, note)], headings, blockIds, tags, blocks, links };
}

/** Blocks (paragraphs, headings, table cells), links and inline tags of a note, in document order. */
function collect(tree: Root): { blocks: Block[]; links: ParsedLink[]; tags: string[] } {
  const blocks: Block[] = [];
  const links: ParsedLink[] = [];
  const tags: string[] = [];
  const inline = (node: Parents, block: Block, prose: boolean) => {
    for (const child of node.children as Nodes[]) {
      const start = block.text.length;
      switch (child.type) {
        case 'text':
          block.text += child.value;
          if (prose) {
            const last = block.prose[block.prose.length - 1];
            if (last && last[1] === start) last[1] = block.text.length;
            else block.prose.push([start, block.text.length]);
          }
          break;
        case 'wikiLink':
          block.text += child.value;
          links.push({
            raw: child.raw, target: child.target, heading: child.heading, alias: child.alias, embed: child.embed, value: child.value,
            line: child.position?.start.line ?? 1, column: child.position?.start.column ?? 1,
            block: blocks.length - 1, start, end: block.text.length,
          });
          break;
        case 'inlineTag':
          block.text += child.value;
          tags.push(child.tag);
          break;
        case 'break':
          block.text += ' ';
          break;
        case 'link':
        case 'linkReference':
          inline(child, block, false);
          break;
        case 'image':
        case 'imageReference':
        case 'footnoteReference':
        case 'html':
          break;
        default:
          if ('children' in child) inline(child, block, prose);
          else if ('value' in child && typeof child.value === 'string') block.text += child.value;
      }
    }
  };
  const walk = (node: Parents) => {
    for (const child of node.children as Nodes[]) {
      if (child.type === 'paragraph' || child.type === 'heading' || child.type === 'tableCell') {
        const block: Block = { text: '', prose: [] };
        blocks.push(block);
        inline(child, block, true);
      } else if ('children' in child) walk(child);
    }
  };
  walk(tree);
  return { blocks, links, tags };
}

/**
 * Parses every note, reusing parses cached in `cacheFile` (keyed by a hash of the note's text and
 * title) and writing back only the ones used, so `npm run build` parses each note once across its
 * lint and build processes, and an unchanged note is never parsed again.
 */
export function parseAll(notes: VaultNote[], cacheFile: string | undefined): { parses: ParsedNote[]; parsed: number } {
  const { values, computed } = cachedEach(cacheFile, PARSE_VERSION, notes, (note) => `${note.data.titleSource}\0${note.data.title}\0${note.body}`, parseNote);
  return { parses: values, parsed: computed };
}
