import type { Blockquote, BlockContent, DefinitionContent, Paragraph, PhrasingContent, Root } from 'mdast';
import { visit } from 'unist-util-visit';

/** The body of a callout: rendered as `<div class="callout-content">`. */
export interface CalloutBody {
  type: 'calloutBody';
  children: Array<BlockContent | DefinitionContent>;
  data?: { hName?: string; hProperties?: Record<string, unknown> };
}

declare module 'mdast' {
  interface BlockContentMap {
    calloutBody: CalloutBody;
  }
}

/** Obsidian's built-in callout types and their aliases (https://help.obsidian.md/callouts). */
export const DEFAULT_ALIASES: Record<string, string> = {
  note: 'note', abstract: 'abstract', summary: 'abstract', tldr: 'abstract', info: 'info',
  todo: 'todo', tip: 'tip', hint: 'tip', important: 'tip', success: 'success', check: 'success',
  done: 'success', question: 'question', help: 'question', faq: 'question', warning: 'warning',
  caution: 'warning', attention: 'warning', failure: 'failure', fail: 'failure', missing: 'failure',
  danger: 'danger', error: 'danger', bug: 'bug', example: 'example', quote: 'quote', cite: 'quote',
};

const MARKER = /^\[!([\w-]+)\]([+-]?)[ \t]*/;

/**
 * Obsidian callouts, part of the note grammar (run by `applyGrammar`, so the link graph, lint,
 * study cards and the page all see the same tree): `> [!type] Title`, foldable with `[!type]+`
 * (open) or `[!type]-` (closed), become a blockquote rendered as `<div class="callout">` or
 * `<details class="callout">`, with a title paragraph and a `calloutBody` that keeps the body as
 * Markdown (nested callouts, code, lists). Unknown types render like `note`, as in Obsidian.
 * `aliases` maps Obsidian's aliases to the type that gives their colour and icon.
 *
 * Why not rehype-callouts@2 (evaluated): it runs on hast, so it must come after the sanitizer
 * and repeats two inline SVGs in every callout (~840 bytes for a one-line callout); it puts
 * `<div>`s inside `<summary>` and ignores unknown types. Working on mdast keeps the structure
 * visible to other remark plugins and the output small; icons live once in the CSS.
 */
export function markCallouts(tree: Root, aliases: Record<string, string> = DEFAULT_ALIASES): void {
  visit(tree, 'blockquote', (node: Blockquote) => {
    const first = node.children[0];
    if (first?.type !== 'paragraph') return;
    const lead = first.children[0];
    if (lead?.type !== 'text') return;
    const match = MARKER.exec(lead.value);
    if (!match) return;
    const rawType = match[1]!.toLowerCase();
    const fold = match[2] as '' | '+' | '-';
    const { title, rest } = splitTitleLine([{ ...lead, value: lead.value.slice(match[0].length) }, ...first.children.slice(1)]);
    // The split paragraphs keep positions (readers report problems and quote context by them).
    const restStart = rest[0]?.position?.start;
    const body: Array<BlockContent | DefinitionContent> = [
      ...(rest.length ? [{ type: 'paragraph', children: rest, ...(restStart && first.position ? { position: { start: restStart, end: first.position.end } } : {}) } satisfies Paragraph] : []),
      ...node.children.slice(1),
    ];
    const titleChildren: PhrasingContent[] = title.length ? title : [{ type: 'text', value: capitalize(rawType) }];
    const heading: Paragraph = {
      type: 'paragraph',
      children: titleChildren,
      ...(first.position ? { position: { start: first.position.start, end: (rest.length && restStart) || first.position.end } } : {}),
      data: { hName: fold ? 'summary' : 'div', hProperties: { className: ['callout-title'] } },
    };
    node.data = {
      ...node.data,
      hName: fold ? 'details' : 'div',
      hProperties: {
        className: ['callout'],
        dataCallout: aliases[rawType] ?? rawType,
        ...(fold === '+' ? { open: true } : {}),
        ...(fold ? { dataCalloutFold: fold } : {}),
      },
    };
    const content: CalloutBody = { type: 'calloutBody', children: body, data: { hName: 'div', hProperties: { className: ['callout-content'] } } };
    node.children = body.length ? [heading, content] : [heading];
  });
}

/** Splits the marker paragraph at its first line break: the title, and the rest of the paragraph. */
function splitTitleLine(children: PhrasingContent[]): { title: PhrasingContent[]; rest: PhrasingContent[] } {
  const title: PhrasingContent[] = [];
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (child.type === 'break') return { title: trimEnd(title), rest: children.slice(i + 1) };
    if (child.type === 'text' && child.value.includes('\n')) {
      const nl = child.value.indexOf('\n');
      const before = child.value.slice(0, nl);
      const after = child.value.slice(nl + 1);
      if (before) title.push({ type: 'text', value: before });
      const rest = children.slice(i + 1);
      return { title: trimEnd(title), rest: after ? [{ type: 'text', value: after }, ...rest] : rest };
    }
    title.push(child);
  }
  return { title: trimEnd(title), rest: [] };
}

function trimEnd(nodes: PhrasingContent[]): PhrasingContent[] {
  const last = nodes[nodes.length - 1];
  if (last?.type === 'text') {
    const value = last.value.trimEnd();
    return value ? [...nodes.slice(0, -1), { ...last, value }] : nodes.slice(0, -1);
  }
  return nodes;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
