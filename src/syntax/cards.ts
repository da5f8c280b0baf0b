import type { BlockContent, DefinitionContent, Paragraph, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/** Options of `remarkCards`; defaults in `defaults`. */
export interface RemarkCardsOptions {
  /** Class of the card wrapper (`div`). */
  cardClass?: string;
  /** Class of the question paragraph. */
  questionClass?: string;
  /** Class of the answer wrapper (`div`). */
  answerClass?: string;
}

const defaults: Required<RemarkCardsOptions> = {
  cardClass: 'qa-card',
  questionClass: 'qa-question',
  answerClass: 'qa-answer',
};

/** A question/answer card: a question paragraph, then an answer wrapper. */
export interface QaCard {
  type: 'qaCard';
  children: [Paragraph, QaAnswer];
  data?: { hName?: string; hProperties?: Record<string, unknown> };
}

/** The answer of a card: the rest of the paragraph, plus the rest of the list item. */
export interface QaAnswer {
  type: 'qaAnswer';
  children: Array<BlockContent | DefinitionContent>;
  data?: { hName?: string; hProperties?: Record<string, unknown> };
}

declare module 'mdast' {
  interface BlockContentMap {
    qaCard: QaCard;
  }
  interface RootContentMap {
    qaCard: QaCard;
    qaAnswer: QaAnswer;
  }
}

/** `<br>`, `<br/>`, `<br />` as remark parses it: an `html` node of its own. */
const BR = /^<br\s*\/?>$/i;
/** `&#10;` / `&#xA;` right before the `<br>` in the source (whitespace between allowed). */
const NEWLINE_REFERENCE = /&#(?:10|x0*a);\s*$/i;

/**
 * Finds question/answer cards written as a question, a line holding `&#10;<br>`, then the
 * answer (the seeds' flashcard export). remark turns `&#10;` into a "\n" at the end of the
 * text before and `<br>` into an `html` node, so a card is a paragraph with that pair inside.
 * The answer is the rest of the paragraph (hard line breaks included) and, in a list item,
 * the item's following blocks; the paragraphs after a top-level card stay ordinary prose.
 * Every word stays: only the separator and the whitespace around it are dropped.
 */
export function transformCards(tree: Root, file: VFile, options: RemarkCardsOptions = {}): number {
  const settings = { ...defaults, ...options };
  {
    const source = typeof file.value === 'string' ? file.value : String(file.value ?? '');
    let cards = 0;
    visit(tree, 'paragraph', (node, index, parent) => {
      if (!parent || index === undefined) return;
      const at = separatorIndex(node.children, source);
      if (at < 0) return;
      const question = trimEnd(node.children.slice(0, at));
      const answer = trimStart(node.children.slice(at + 1));
      const place = node.children[at]?.position;
      if (question.length === 0) {
        // Left as written (a line break): a card needs something to ask.
        file.message('Card separator `&#10;<br>` has no question before it', { place, ruleId: 'card-without-question', source: 'remark-cards' });
        return;
      }
      // In a list item the item's later blocks (a second paragraph, a code block) belong to the answer.
      const rest = parent.type === 'listItem' ? parent.children.splice(index + 1) : [];
      if (answer.length === 0 && rest.length === 0) {
        file.message('Card has no answer after `&#10;<br>`', { place, ruleId: 'card-without-answer', source: 'remark-cards' });
      }
      const answerBlocks: Array<BlockContent | DefinitionContent> = [];
      if (answer.length > 0) answerBlocks.push({ type: 'paragraph', children: answer, position: node.position });
      answerBlocks.push(...(rest as Array<BlockContent | DefinitionContent>));
      const card: QaCard = {
        type: 'qaCard',
        data: { hName: 'div', hProperties: { className: [settings.cardClass] } },
        children: [
          { type: 'paragraph', children: question, data: { hProperties: { className: [settings.questionClass] } } },
          { type: 'qaAnswer', data: { hName: 'div', hProperties: { className: [settings.answerClass] } }, children: answerBlocks },
        ],
      };
      (parent.children as RootContent[])[index] = card;
      cards += 1;
      return SKIP;
    });
    return cards;
  }
}

/** Index of the `<br>` html node that follows a text ending in the `&#10;` newline, or -1. */
function separatorIndex(children: PhrasingContent[], source: string): number {
  for (let i = 1; i < children.length; i++) {
    const node = children[i];
    const before = children[i - 1];
    if (node?.type !== 'html' || !BR.test(node.value.trim())) continue;
    if (before?.type !== 'text' || !before.value.endsWith('\n')) continue;
    const start = node.position?.start.offset;
    // With a source, require the character reference itself: a bare `<br>` on its own line is a line break.
    if (source && start !== undefined && !NEWLINE_REFERENCE.test(source.slice(Math.max(0, start - 40), start))) continue;
    return i;
  }
  return -1;
}

function trimEnd(nodes: PhrasingContent[]): PhrasingContent[] {
  const out = [...nodes];
  const last = out.at(-1);
  if (last?.type === 'text') {
    const value = last.value.replace(/\s+$/, '');
    if (value) out[out.length - 1] = { ...last, value } satisfies Text;
    else out.pop();
  }
  return out;
}

function trimStart(nodes: PhrasingContent[]): PhrasingContent[] {
  const out = [...nodes];
  const first = out[0];
  if (first?.type === 'text') {
    const value = first.value.replace(/^\s+/, '');
    if (value) out[0] = { ...first, value } satisfies Text;
    else out.shift();
  }
  return out;
}
