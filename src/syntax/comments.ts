/**
 * Obsidian comments `%%…%%` as a micromark construct, so escapes (`\%%`), character references,
 * code spans and code blocks behave as CommonMark says: `%%` inside code is text, `&amp;` before a
 * comment stays one character, and a comment is cut at token boundaries, never by source offsets
 * applied to decoded text.
 *
 * - `%%…%%` closed inside one paragraph (line breaks allowed) is one `comment` node;
 * - a `%%` with no partner in its paragraph is a `commentMarker` node; after parsing, markers
 *   pair up in document order and everything between a pair is cut, so a comment may span
 *   paragraphs, lists and code blocks (Obsidian's block comments);
 * - a marker left without a partner hides the rest of the note, as in Obsidian.
 */
import type { Literal, Node, Parent, Root } from 'mdast';
import type { CompileContext, Extension as FromMarkdownExtension, Token as MdastToken } from 'mdast-util-from-markdown';
import { codes } from 'micromark-util-symbol';
import { markdownLineEnding } from 'micromark-util-character';
import type { Code, Construct, Effects, Extension, State, Token, TokenizeContext } from 'micromark-util-types';

/** An inline comment closed in its paragraph: removed from the tree by `removeComments`. */
export interface Comment extends Literal {
  type: 'comment';
  value: string;
}

/** A `%%` without a partner in its paragraph: paired with the next one across blocks. */
export interface CommentMarker extends Node {
  type: 'commentMarker';
}

declare module 'mdast' {
  interface PhrasingContentMap {
    comment: Comment;
    commentMarker: CommentMarker;
  }
  interface RootContentMap {
    comment: Comment;
    commentMarker: CommentMarker;
  }
}

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    comment: 'comment';
    commentMarker: 'commentMarker';
    commentSequence: 'commentSequence';
    commentData: 'commentData';
  }
}

/** A comment found in a note: source offsets of its first `%` and just past its last. */
export interface CommentRange {
  start: number;
  end: number;
  /** 1-based line and column of the opening `%%` (in the parsed text). */
  line: number;
  column: number;
  /** `false` when the closing `%%` is missing: like Obsidian, the comment runs to the end. */
  closed: boolean;
}

/** `%%` not preceded by `%` (so `%%%` does not open twice). */
function previousIsNotPercent(this: TokenizeContext, code: Code): boolean {
  return code !== codes.percentSign;
}

const closedComment: Construct = { name: 'comment', tokenize: tokenizeClosed, previous: previousIsNotPercent };
const loneMarker: Construct = { name: 'commentMarker', tokenize: tokenizeMarker, previous: previousIsNotPercent };

function tokenizeClosed(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let sequence: Token | undefined;
  return start;
  function start(code: Code): State | undefined {
    effects.enter('comment');
    effects.enter('commentSequence');
    effects.consume(code);
    return second;
  }
  function second(code: Code): State | undefined {
    if (code !== codes.percentSign) return nok(code);
    effects.consume(code);
    effects.exit('commentSequence');
    return between;
  }
  // Like code spans: line endings get their own tokens (micromark needs them per line).
  function between(code: Code): State | undefined {
    // Text constructs see one paragraph: EOF here is its end, so this `%%` has no partner in it.
    if (code === codes.eof) return nok(code);
    if (markdownLineEnding(code)) {
      effects.enter('lineEnding');
      effects.consume(code);
      effects.exit('lineEnding');
      return between;
    }
    if (code === codes.percentSign) {
      sequence = effects.enter('commentSequence');
      effects.consume(code);
      return closing;
    }
    effects.enter('commentData');
    return data(code);
  }
  function data(code: Code): State | undefined {
    if (code === codes.eof || code === codes.percentSign || markdownLineEnding(code)) {
      effects.exit('commentData');
      return between(code);
    }
    effects.consume(code);
    return data;
  }
  function closing(code: Code): State | undefined {
    if (code === codes.percentSign) {
      effects.consume(code);
      effects.exit('commentSequence');
      effects.exit('comment');
      return ok;
    }
    // A single `%`: part of the comment's text.
    sequence!.type = 'commentData';
    effects.exit('commentData');
    return between(code);
  }
}

function tokenizeMarker(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return start;
  function start(code: Code): State | undefined {
    effects.enter('commentMarker');
    effects.consume(code);
    return second;
  }
  function second(code: Code): State | undefined {
    if (code !== codes.percentSign) return nok(code);
    effects.consume(code);
    effects.exit('commentMarker');
    return ok;
  }
}

/** The micromark extension: a closed comment first, else a lone marker. */
export function commentMicromark(): Extension {
  return { text: { [codes.percentSign]: [closedComment, loneMarker] } };
}

/** Turns `comment` / `commentMarker` tokens into mdast nodes (removed by `removeComments`). */
export function commentFromMarkdown(): FromMarkdownExtension {
  return {
    enter: {
      comment(this: CompileContext, token: MdastToken) {
        this.enter({ type: 'comment', value: this.sliceSerialize(token).slice(2, -2) } as never, token);
      },
      commentMarker(this: CompileContext, token: MdastToken) {
        this.enter({ type: 'commentMarker' } as never, token);
      },
    },
    exit: {
      comment(this: CompileContext, token: MdastToken) {
        this.exit(token);
      },
      commentMarker(this: CompileContext, token: MdastToken) {
        this.exit(token);
      },
    },
  };
}

/**
 * Removes every comment from a parsed tree: `comment` nodes, and everything between paired
 * `commentMarker`s (an unpaired last marker runs to the end of the note). Returns what it removed.
 */
export function removeComments(tree: Root): CommentRange[] {
  const ranges: CommentRange[] = [];
  const markers: Node[] = [];
  const walk = (node: Node) => {
    if (node.type === 'comment' || node.type === 'commentMarker') {
      if (node.type === 'comment') ranges.push({ ...rangeOf(node, Infinity), closed: true });
      else markers.push(node);
      return;
    }
    if ('children' in node) for (const child of (node as Parent).children as Node[]) walk(child);
  };
  walk(tree);
  for (let i = 0; i < markers.length; i += 2) {
    const open = markers[i]!;
    const close = markers[i + 1];
    const end = close ? close.position!.end.offset! : Infinity;
    ranges.push({ ...rangeOf(open, end), closed: close !== undefined });
  }
  ranges.sort((a, b) => a.start - b.start);
  for (const range of ranges) cut(tree, range);
  if (ranges.length > 0) mergeTexts(tree);
  return ranges;
}

function rangeOf(node: Node, end: number): Omit<CommentRange, 'closed'> {
  const p = node.position!;
  return { start: p.start.offset!, end: end === Infinity ? (node.type === 'comment' ? p.end.offset! : Infinity) : end, line: p.start.line, column: p.start.column };
}

/** Removes the nodes between `range.start` and `range.end` (source offsets); text is never split. */
function cut(parent: Parent, range: CommentRange): void {
  const kept: Node[] = [];
  for (const child of parent.children as Node[]) {
    const s = child.position?.start.offset;
    const e = child.position?.end.offset;
    if (s === undefined || e === undefined || e <= range.start || s >= range.end) {
      kept.push(child);
      continue;
    }
    if (s >= range.start && e <= range.end) continue;
    if ('children' in child) {
      cut(child as Parent, range);
      if (!isEmpty(child as Parent)) kept.push(child);
      continue;
    }
    kept.push(child);
  }
  parent.children = kept as Parent['children'];
}

/** Joins text nodes left side by side by a cut, so later plugins (marks, tags) see one run of text. */
function mergeTexts(parent: Parent): void {
  const out: Node[] = [];
  for (const child of parent.children as Node[]) {
    const last = out[out.length - 1] as Literal | undefined;
    if (child.type === 'text' && last?.type === 'text') {
      last.value += (child as Literal).value;
      if (last.position && child.position) last.position = { start: last.position.start, end: child.position.end };
      continue;
    }
    if ('children' in child) mergeTexts(child as Parent);
    out.push(child);
  }
  parent.children = out as Parent['children'];
}

function isEmpty(node: Parent): boolean {
  if (node.type === 'listItem' || node.type === 'tableCell' || node.type === 'tableRow') return false;
  return (node.children as Node[]).every((c) => c.type === 'text' && (c as Literal).value.trim() === '');
}
