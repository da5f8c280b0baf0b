/**
 * Obsidian inline tags: `#tag`, `#nested/tag`, `#snake_case`, `#kebab-case`. A tag starts after
 * whitespace (or at the start of a block), may hold letters, digits, `_`, `-` and `/`, and must not be
 * all digits (`#2024` is not a tag). Runs over parsed text nodes only, so code spans, code blocks,
 * headings markers (`# Title` is a heading, never a tag) and URLs (autolinks are `link` nodes) are
 * never touched.
 */
import type { Literal, Root } from 'mdast';
import { findAndReplace, type RegExpMatchObject } from 'mdast-util-find-and-replace';

/** Case-folds a tag and drops a leading `#`, so `#Python`, `Python` and `python` are one tag. */
export function normalizeTag(tag: string): string {
  return tag.trim().replace(/^#/, '').trim().toLowerCase().replace(/\s+/g, '-');
}

/** An inline `#tag` as written; `tag` is case-folded (`#Python` and `#python` are one tag). */
export interface InlineTag extends Literal {
  type: 'inlineTag';
  /** As written, with the `#`: the text shown. */
  value: string;
  tag: string;
}

declare module 'mdast' {
  interface PhrasingContentMap {
    inlineTag: InlineTag;
  }
  interface RootContentMap {
    inlineTag: InlineTag;
  }
}

const TAG = /#([\p{L}\p{N}_\-/]+)/gu;
const ALL_DIGITS = /^[\p{N}_\-/]+$/u;

/** Replaces inline `#tag`s in text nodes by `inlineTag` nodes, in place. */
export function markInlineTags(tree: Root): void {
  findAndReplace(
    tree,
    [
      TAG,
      (whole: string, name: string, match: RegExpMatchObject) => {
        const before = match.index > 0 ? match.input.charAt(match.index - 1) : startOfText(match);
        if (!/\s/u.test(before)) return false;
        const cleaned = name.replace(/\/+$/, '');
        if (!cleaned || ALL_DIGITS.test(cleaned)) return false;
        const node: InlineTag = { type: 'inlineTag', value: `#${cleaned}`, tag: normalizeTag(cleaned) };
        const rest = whole.slice(cleaned.length + 1);
        return rest ? [node, { type: 'text', value: rest }] : node;
      },
    ],
    { ignore: ['link', 'linkReference', 'wikiLink', 'inlineCode', 'code', 'html', 'definition'] },
  );
}

/** What precedes a text node: a space at the start of its block or after a hard break, else nothing. */
function startOfText(match: RegExpMatchObject): string {
  const text = match.stack[match.stack.length - 1];
  const parent = match.stack[match.stack.length - 2];
  if (!parent || !text || !('children' in parent)) return ' ';
  const index = (parent.children as unknown[]).indexOf(text);
  if (index <= 0) return ' ';
  const previous = parent.children[index - 1];
  return previous?.type === 'break' ? ' ' : '';
}
