import type { Link, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { tagHref } from '../lib/link-paths.ts';
import { siteConfig } from '../lib/site-config.ts';
import { markInlineTags, type InlineTag } from '../syntax/tags.ts';

export interface TagsOptions {
  /** URL prefix without trailing slash; default `base` from site-config (`''`). */
  base?: string;
}

/**
 * Turns inline `#tags` (syntax in `src/syntax/tags.ts`: not in code, links, headings markers or
 * URLs) into links to their tag page, `/tags/<tag>/`, with the class `tag`. Tag pages come from the
 * link graph, which reads the same syntax. Run after remark-wikilinks so embedded notes' tags count.
 */
export function remarkTags(options: TagsOptions = {}) {
  const base = options.base ?? siteConfig().base;
  return (tree: Root) => {
    markInlineTags(tree);
    visit(tree, 'inlineTag', (node: InlineTag, index, parent) => {
      if (!parent || index === undefined) return;
      const link: Link = {
        type: 'link',
        url: tagHref(base, node.tag),
        title: null,
        position: node.position,
        children: [{ type: 'text', value: node.value }],
        data: { hProperties: { className: ['tag'] } },
      };
      parent.children[index] = link;
    });
  };
}
