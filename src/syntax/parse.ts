import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { markInlineTags } from './tags.ts';
import { remarkWikiLinkSyntax } from './wikilink.ts';

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkWikiLinkSyntax);

/**
 * Parses a note body into mdast with the site's link syntax (`[[wikilinks]]`, `![[embeds]]`,
 * inline `#tags`) on top of GFM. The link graph calls this once per note; render plugins register
 * the same syntax on Astro's processor, so both see the same nodes at the same positions.
 */
export function parseNoteBody(body: string): Root {
  const tree = parser.parse(body);
  markInlineTags(tree);
  return tree;
}
