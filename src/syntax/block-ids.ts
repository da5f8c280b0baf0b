/**
 * Obsidian block ids: `text ^cite-me` at the end of a paragraph or list item, or `^cite-me` alone
 * on the line after a block (table, quote, code, list), gives that block an anchor that
 * `[[Note#^cite-me]]`, `[[#^cite-me]]` and `![[Note#^cite-me]]` reach. The marker itself is not
 * shown. Ids are letters, digits and `-` (https://help.obsidian.md/links#Link+to+a+block+in+a+note).
 */
import type { Nodes, Paragraph, Parent, Root, RootContent, Text } from 'mdast';

/** `^id` at the end of a block's text (after whitespace, or as the whole text). */
const TRAILING_ID = /(^|[ \t]+)\^([A-Za-z0-9-]+)[ \t]*$/;

declare module 'mdast' {
  interface Data {
    /** The block's Obsidian id, without `^`; rendered as `id="^…"` by rehype-block-ids. */
    blockId?: string;
  }
}

/** A block id found in a note, with the position of the block it names. */
export interface BlockIdFound {
  id: string;
  node: Nodes;
}

/**
 * Finds block ids, strips their markers from the text and records each on its block as
 * `data.blockId` (a paragraph, or the list item whose first paragraph carries it; a lone `^id`
 * paragraph names the block before it). Returns the ids in document order.
 */
export function markBlockIds(tree: Root): BlockIdFound[] {
  const found: BlockIdFound[] = [];
  const walk = (parent: Parent) => {
    for (let i = 0; i < parent.children.length; i++) {
      const node = parent.children[i] as RootContent;
      if (node.type === 'paragraph') {
        const id = takeId(node);
        if (id === undefined) continue;
        const lone = node.children.length === 0;
        if (lone) {
          const previous = parent.children[i - 1] as RootContent | undefined;
          parent.children.splice(i, 1);
          i--;
          if (previous) found.push({ id, node: setId(previous, id) });
          continue;
        }
        const target = parent.type === 'listItem' && parent.children[0] === node ? parent : node;
        found.push({ id, node: setId(target as RootContent, id) });
        continue;
      }
      if ('children' in node && node.type !== 'heading' && node.type !== 'table') walk(node as Parent);
    }
  };
  walk(tree);
  return found;
}

/** Removes a trailing `^id` from a paragraph (and a line break before it); returns the id. */
function takeId(p: Paragraph): string | undefined {
  const last = p.children[p.children.length - 1];
  if (last?.type !== 'text') return undefined;
  const m = TRAILING_ID.exec(last.value);
  if (!m) return undefined;
  const value = last.value.slice(0, m.index).replace(/[ \t]*\n?$/, '');
  if (value) (last as Text).value = value;
  else p.children.pop();
  const before = p.children[p.children.length - 1];
  if (before?.type === 'break') p.children.pop();
  return m[2]!;
}

function setId(node: RootContent, id: string): Nodes {
  const data = ((node as { data?: Record<string, unknown> }).data ??= {}) as { blockId?: string; hProperties?: Record<string, unknown> };
  data.blockId = id;
  const props = (data.hProperties ??= {});
  props.dataBlockId = id;
  return node;
}
