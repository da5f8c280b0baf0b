import type { Root } from 'mdast';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmTable } from 'micromark-extension-gfm-table';
import remarkParse from 'remark-parse';
import { unified, type Plugin } from 'unified';
import { removeComments } from './comments.ts';
import { markInlineTags } from './tags.ts';
import { remarkWikiLinkSyntax } from './wikilink.ts';

/**
 * The GFM parts that change where links and text are: tables (cells, `\|`) and footnotes (their
 * text). Not all of remark-gfm: its autolink-literal scanner made parsing 2-4x slower (measured on
 * 1,000 generated notes) and only turns bare URLs into links, which the graph skips by itself.
 */
const gfmStructure: Plugin<[], Root> = function () {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable(), gfmFootnote());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmFootnoteFromMarkdown());
};

const parser = unified().use(remarkParse).use(gfmStructure).use(remarkWikiLinkSyntax);

/**
 * Parses a note body into mdast with the site's link syntax (`[[wikilinks]]`, `![[embeds]]`,
 * inline `#tags`) on top of CommonMark, GFM tables and footnotes, with `%%comments%%` removed. The link graph calls this once
 * per note; render plugins register the same syntax on Astro's processor, so both see the same
 * links at the same positions.
 */
export function parseNoteBody(body: string): Root {
  const tree = parser.parse(body);
  // As on the page: a link or tag inside `%%comment%%` is not there.
  removeComments(tree, body);
  markInlineTags(tree);
  return tree;
}
