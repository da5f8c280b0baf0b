import type { Nodes, Parent, Root, Text } from 'mdast';
import type { Position } from 'unist';
import { visit } from 'unist-util-visit';

/**
 * Obsidian comments `%%…%%`: found in text nodes only (so `%%` in code and math stays) and cut
 * from the tree. Shared by the link graph's parser and the render plugin.
 */

/** A `%%comment%%` found in a note: source offsets of its first `%` and just past its last. */
export interface CommentRange {
  start: number;
  end: number;
  /** `false` when the closing `%%` is missing: like Obsidian, the comment runs to the end. */
  closed: boolean;
}

/** Finds the comments of a parsed note and removes them from the tree; returns what it removed. */
export function removeComments(tree: Root, source: string): CommentRange[] {
  const ranges = findComments(tree, source);
  for (const range of ranges) cut(tree, range);
  return ranges;
}

/** Pairs `%%` markers found in text nodes, in document order. */
export function findComments(tree: Root, source: string): CommentRange[] {
  const markers: number[] = [];
  visit(tree, 'text', (node: Text) => {
    const s = node.position?.start.offset;
    const e = node.position?.end.offset;
    if (s === undefined || e === undefined) return;
    const text = source.slice(s, e);
    for (let i = text.indexOf('%%'); i !== -1; i = text.indexOf('%%', i + 2)) {
      if (text.charAt(i - 1) !== '\\') markers.push(s + i);
    }
  });
  const ranges: CommentRange[] = [];
  for (let i = 0; i < markers.length; i += 2) {
    const open = markers[i]!;
    const close = markers[i + 1];
    ranges.push(close === undefined ? { start: open, end: source.length, closed: false } : { start: open, end: close + 2, closed: true });
  }
  return ranges;
}

/** Removes the part of the tree between `range.start` and `range.end` (source offsets). */
function cut(parent: Parent, range: CommentRange): void {
  const kept: Parent['children'] = [];
  for (const child of parent.children) {
    // Other plugins' node types may lack `position` in their typings; real nodes have it.
    const { position } = child as { position?: Position };
    const s = position?.start.offset;
    const e = position?.end.offset;
    if (s === undefined || e === undefined || e <= range.start || s >= range.end) {
      kept.push(child);
      continue;
    }
    if (s >= range.start && e <= range.end) continue;
    if (child.type === 'text') {
      const value = trimText(child, s, range);
      if (value !== '') kept.push({ ...child, value });
      continue;
    }
    if ('children' in child) {
      cut(child as Parent, range);
      if (!isEmpty(child)) kept.push(child);
      continue;
    }
    kept.push(child);
  }
  parent.children = kept;
}

/** The text of `node` outside the comment; offsets map 1:1 unless the source had escapes. */
function trimText(node: Text, start: number, range: CommentRange): string {
  const from = Math.max(range.start - start, 0);
  const to = Math.min(range.end - start, node.value.length);
  return node.value.slice(0, from) + node.value.slice(to);
}

function isEmpty(node: Nodes): boolean {
  if (!('children' in node)) return false;
  if (node.type === 'listItem' || node.type === 'tableCell' || node.type === 'tableRow') return false;
  return node.children.every((c) => c.type === 'text' && c.value.trim() === '');
}
