/**
 * THE note grammar: the one place where the syntax of a note is defined. Every reader uses it —
 * the link graph (`src/lib/link-parse.ts`), the lint checks (`src/lib/syntax-checks.ts`,
 * `study-checks.ts`), the Python-block listing (`src/lib/python-blocks.ts`) and the render
 * pipeline (`src/plugins/pipeline.ts`) — so they all see the same links, comments, math and code
 * at the same positions. To add a syntax, add its micromark/mdast extension or tree utility here.
 *
 * Tokenizer level (micromark): CommonMark, GFM (tables, footnotes, strikethrough, task lists),
 * `[[wikilinks]]`/`![[embeds]]` (wikilink.ts), `%%comments%%` (comments.ts), `$math$`/`$$math$$`
 * with Obsidian's dollar rule (math.ts), `==highlights==` (marks.ts). Tree level (mdast
 * utilities, run by `applyGrammar`): comments cut, inline `#tags` (tags.ts), block ids `^id`
 * (block-ids.ts), callouts `> [!type]` (callouts.ts). Question/answer cards (`&#10;<br>`,
 * cards.ts) are a study construct applied on this tree by the study readers and the page.
 */
import type { Root } from 'mdast';
import { gfmFootnoteFromMarkdown, gfmFootnoteToMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown, gfmStrikethroughToMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown, gfmTableToMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown, gfmTaskListItemToMarkdown } from 'mdast-util-gfm-task-list-item';
import type { Extension as FromMarkdownExtension } from 'mdast-util-from-markdown';
import { mathFromMarkdown, mathToMarkdown } from 'mdast-util-math';
import { toString } from 'mdast-util-to-string';
import type { Options as ToMarkdownExtension } from 'mdast-util-to-markdown';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import type { Extension } from 'micromark-util-types';
import remarkParse from 'remark-parse';
import { unified, type Plugin } from 'unified';
import { VFile } from 'vfile';
import { markBlockIds, type BlockIdFound } from './block-ids.ts';
import { markCallouts } from './callouts.ts';
import { commentFromMarkdown, commentMicromark, removeComments, type CommentRange } from './comments.ts';
import { markFromMarkdown, markMicromark, markToMarkdown } from './marks.ts';
import { mathMicromark } from './math.ts';
import { markInlineTags } from './tags.ts';
import { wikiLinkFromMarkdown, wikiLinkMicromark, wikiLinkToMarkdown } from './wikilink.ts';

declare module 'vfile' {
  interface DataMap {
    /** Comments cut from the note by the grammar (`removeComments`). */
    comments: CommentRange[];
    /** Block ids `^id` of the note, in document order. */
    blockIds: BlockIdFound[];
  }
}

export interface GrammarOptions {
  /**
   * Register GFM's block and inline syntax too (default `true`). Off where the host processor
   * already has remark-gfm (Astro's `unified()`), so it is not registered twice. GFM's
   * autolink-literal scanner is left to the host: it only turns bare URLs into links, and made
   * the graph's parse 2-4x slower (measured on 1,000 generated notes).
   */
  gfm?: boolean;
}

/** The micromark and mdast-util extensions of the grammar, in the order they are tried. */
function extensions(gfm: boolean): { micromark: Extension[]; fromMarkdown: FromMarkdownExtension[]; toMarkdown: ToMarkdownExtension[] } {
  return {
    micromark: [
      ...(gfm ? [gfmTable(), gfmFootnote(), gfmStrikethrough(), gfmTaskListItem()] : []),
      mathMicromark(),
      wikiLinkMicromark(),
      commentMicromark(),
      markMicromark(),
    ],
    fromMarkdown: [
      ...(gfm ? [gfmTableFromMarkdown(), gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTaskListItemFromMarkdown()] : []),
      mathFromMarkdown(),
      wikiLinkFromMarkdown(),
      commentFromMarkdown(),
      markFromMarkdown(),
    ],
    toMarkdown: [
      ...(gfm ? [gfmTableToMarkdown(), gfmFootnoteToMarkdown(), gfmStrikethroughToMarkdown(), gfmTaskListItemToMarkdown()] : []),
      mathToMarkdown(),
      wikiLinkToMarkdown(),
      markToMarkdown(),
    ],
  };
}

/**
 * The tree-level part of the grammar, run once on every parsed note (and every embedded note):
 * cuts `%%comments%%`, marks inline `#tags` and block ids, then shapes callouts (after block
 * ids, which read the blockquote's paragraphs as written). Facts go on `file.data`.
 */
export function applyGrammar(tree: Root, file?: VFile): void {
  const comments = removeComments(tree);
  markInlineTags(tree);
  const blockIds = markBlockIds(tree);
  markCallouts(tree);
  if (file) {
    file.data.comments = comments;
    file.data.blockIds = blockIds;
  }
}

/** Unified plugin: the whole grammar on a processor (syntax extensions + `applyGrammar`). */
export const remarkNoteGrammar: Plugin<[GrammarOptions?], Root> = function (options = {}) {
  const data = this.data() as { micromarkExtensions?: Extension[]; fromMarkdownExtensions?: FromMarkdownExtension[]; toMarkdownExtensions?: ToMarkdownExtension[] };
  const ext = extensions(options.gfm ?? true);
  (data.micromarkExtensions ??= []).push(...ext.micromark);
  (data.fromMarkdownExtensions ??= []).push(...ext.fromMarkdown);
  (data.toMarkdownExtensions ??= []).push(...ext.toMarkdown);
  return (tree: Root, file: VFile) => applyGrammar(tree, file);
};

const processor = unified().use(remarkParse).use(remarkNoteGrammar).freeze();

/**
 * Parses a note body (no frontmatter) to mdast with the whole grammar: what every reader of a
 * note starts from. Pass a `VFile` to get `file.data.comments` and `file.data.blockIds` back.
 */
export function parseNote(body: string, file: VFile = new VFile({ value: body })): Root {
  if (file.value === undefined || String(file.value) !== body) file.value = body;
  const tree = processor.parse(file);
  applyGrammar(tree, file);
  return tree;
}

/** Parses the syntax only (no tree utilities): for renderers that apply `applyGrammar` themselves. */
export function parseNoteSyntax(body: string): Root {
  return processor.parse(body);
}

/**
 * The text a reader sees for a heading written in a link (`What is a _future_ object?` → `What is a
 * future object?`): parsed with the grammar, so emphasis, code, links and wikilinks become their
 * text exactly as in the page's heading, whose id is the slug of that text.
 */
export function renderedText(markdown: string): string {
  // A heading text may start like a block (`1.`, `-`, `#`): parse it as the content of a heading.
  const tree = processor.parse(`# ${markdown.replace(/[\r\n]+/g, ' ')}`);
  applyGrammar(tree);
  return toString(tree.children[0] ?? tree).trim();
}
