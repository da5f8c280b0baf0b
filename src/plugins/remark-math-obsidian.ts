import type { InlineMath } from 'mdast-util-math';
import type { Parent, Root, Text } from 'mdast';
import remarkMath from 'remark-math';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

export interface MathObsidianOptions {
  /**
   * Keep `$…$` as inline math only when Obsidian would: no whitespace right after the opening
   * `$` or right before the closing one, and no digit right after the closing one (Pandoc's
   * `tex_math_dollars` rule). Default `true`.
   */
  obsidianDollarRule?: boolean;
}

/**
 * `$inline$` and `$$display$$` math (remark-math), with Obsidian's reading of single dollars so
 * that `$5 and $10` stays text. We keep `singleDollarTextMath` on because the seed notes write
 * `$x=x+1$`; turning it off would break them. Obsidian only treats `$…$` as math when there is
 * no whitespace before the closing dollar (https://forum.obsidian.md/t/63551), so a candidate
 * like `$5 and $` is turned back into its source text here. Rendering is `rehypeKatexNotes`.
 */
export function remarkMathObsidian(this: unknown, options: MathObsidianOptions = {}) {
  const { obsidianDollarRule = true } = options;
  remarkMath.call(this as never, { singleDollarTextMath: true }); // registers the micromark syntax
  return (tree: Root, file: VFile) => {
    if (!obsidianDollarRule) return;
    const source = String(file.value ?? '');
    visit(tree, 'inlineMath', (node: InlineMath, index, parent: Parent | undefined) => {
      if (!parent || index === undefined) return;
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined) return;
      const raw = source.slice(start, end);
      if (isObsidianMath(raw, source.charAt(end))) return;
      const text: Text = { type: 'text', value: raw, position: node.position };
      parent.children.splice(index, 1, text);
      mergeTexts(parent);
      return [SKIP, index];
    });
  };
}

/** Whether `$…$` source text (delimiters included) followed by `next` is math for Obsidian. */
export function isObsidianMath(raw: string, next: string): boolean {
  const fence = /^\$+/.exec(raw)?.[0].length ?? 1;
  const inner = raw.slice(fence, raw.length - fence);
  if (inner === '' || /^\s/.test(inner) || /\s$/.test(inner)) return false;
  return !/[0-9]/.test(next);
}

/** Joins neighbouring text nodes, so later plugins (marks, wikilinks) see one run of text. */
function mergeTexts(parent: Parent): void {
  const out: Parent['children'] = [];
  for (const child of parent.children) {
    const last = out[out.length - 1];
    if (child.type === 'text' && last?.type === 'text') {
      last.value += child.value;
      if (last.position && child.position) last.position = { start: last.position.start, end: child.position.end };
    } else out.push(child);
  }
  parent.children = out;
}
