import { createHash } from 'node:crypto';
import type { Code, Root } from 'mdast';
import { parseNote } from '../syntax/grammar.ts';
import { visit } from 'unist-util-visit';

/** Fence languages that mark a Python block. */
export const PYTHON_LANGS = new Set(['python', 'py', 'python3', 'py3', 'pycon']);

/** A Python code block of a note, identified by the hash of its text, not by its position. */
export interface PythonBlock {
  /** `sha256:` + first 16 hex digits of the normalised code (see `hashPython`). */
  hash: string;
  code: string;
  /** 1-based line/column of the opening fence in the note (body offset already added). */
  line: number;
  column: number;
  /** 0-based index among the note's Python blocks (for display only; never used to link). */
  index: number;
  /** Interactive session (`>>>` / `...` prompts), as in seed 001. */
  session: boolean;
  /** Text of an unlabelled code block right after this one: the output the author recorded. */
  recordedOutput?: string;
}

/** Normalises Python text so that whitespace-only edits do not make a translation stale. */
export function normalizePython(code: string): string {
  return code
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

/** The identity of a Python block: `sha256:` and 16 hex digits of its normalised text. */
export function hashPython(code: string): string {
  return `sha256:${createHash('sha256').update(normalizePython(code)).digest('hex').slice(0, 16)}`;
}

/**
 * Parses a note body (without frontmatter) into mdast with the note grammar, as the site sees it:
 * a Python block inside `%%comment%%` is not on the page, so it is not listed either.
 */
export function parseBody(body: string): Root {
  return parseNote(body);
}

/** Python blocks of a note body, in order; `bodyLine` is the file line where the body starts. */
export function pythonBlocks(tree: Root, bodyLine = 1): PythonBlock[] {
  const blocks: PythonBlock[] = [];
  visit(tree, 'code', (node: Code, index, parent) => {
    if (!node.lang || !PYTHON_LANGS.has(node.lang.toLowerCase())) return;
    const next = parent && index !== undefined ? parent.children[index + 1] : undefined;
    const recorded = next?.type === 'code' && !next.lang ? next.value : undefined;
    blocks.push({
      hash: hashPython(node.value),
      code: node.value,
      line: (node.position?.start.line ?? 1) + bodyLine - 1,
      column: node.position?.start.column ?? 1,
      index: blocks.length,
      session: /^>>>/m.test(node.value.trimStart().split('\n')[0] ?? ''),
      ...(recorded === undefined ? {} : { recordedOutput: recorded }),
    });
  });
  return blocks;
}
