/**
 * Study cards of one note, from its mdast (`src/lib/study-parse.ts`): one cloze card per
 * `==highlight==` (the other highlights of its paragraph shown filled in, Anki's convention) and
 * one card per question/answer card. Ids come from each card's own words, so they survive edits
 * elsewhere in the note and change when the card's text changes. Pure: no files, no settings.
 */
import { createHash } from 'node:crypto';
import type { Root as HastRoot } from 'hast';
import { defaultSchema, sanitize } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import type { Nodes, Parents, PhrasingContent, Root, RootContent } from 'mdast';
import type { Position } from 'unist';
import { toHast } from 'mdast-util-to-hast';
import { toString } from 'mdast-util-to-string';
import { visitParents } from 'unist-util-visit-parents';
import { headingAnchors } from './link-parse.ts';
import { slugify } from './slug.ts';
import type { VaultNote } from './vault.ts';

/** A heading above a card: its text and the anchor the page gives it. */
export interface CardHeading {
  text: string;
  anchor?: string;
}

/** One reviewable card. `front`/`back` are sanitized HTML fragments. */
export interface StudyCard {
  /** `cloze-<12 hex>` or `qa-<12 hex>`: from the note id and the card's own normalized words. */
  id: string;
  kind: 'cloze' | 'qa';
  /** 1-based line and column in the note body (the highlight, or the question). */
  line: number;
  column: number;
  /** Headings above the card, outermost first (a leading title H1 is left out). */
  path: CardHeading[];
  front: string;
  back: string;
  /** The hidden words as plain text (the highlight, or the answer). */
  answer: string;
  /** Cloze cards: the paragraph with every highlight as Anki's `{{cN::…}}`, and this card's N. */
  anki?: { text: string; n: number; block: number };
}

const HOLE = '[…]';
/** Placeholder characters (private use) marking where a highlight goes in Anki's text. */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const SEP = '\uE002';

/** Words only: case, punctuation, Markdown and line wrapping are not a meaningful change. */
export function normalizeCardText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function hash(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 12);
}

/** Nodes whose children are blocks: their texts are joined by a newline, not glued together. */
const CONTAINERS = new Set(['root', 'qaCard', 'qaAnswer', 'list', 'listItem', 'blockquote', 'table', 'tableRow']);

/** Plain text of a node, with line breaks and block boundaries kept as newlines. */
function plain(node: Nodes): string {
  if (node.type === 'break') return '\n';
  if ('children' in node) return (node.children as Nodes[]).map(plain).join(CONTAINERS.has(node.type) ? '\n' : '');
  return toString(node);
}

/** The blocks a highlight belongs to: its paragraph, heading or table cell. */
const BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);

/** Every card of a note, in document order. Malformed cards (no question or no answer) are left out. */
export function extractCards(tree: Root, note: Pick<VaultNote, 'id' | 'data'>): StudyCard[] {
  const anchors = headingAnchors(tree, note);
  const cards: StudyCard[] = [];
  const used = new Map<string, number>();
  const unique = (base: string) => {
    const seen = used.get(base) ?? 0;
    used.set(base, seen + 1);
    // Two identical cards in one note: the second gets its occurrence number.
    return seen === 0 ? base : `${base}~${seen + 1}`;
  };
  const headings: Array<{ depth: number; heading: CardHeading }> = [];
  const doneBlocks = new Set<Parents>();
  let blocks = 0;

  visitParents(tree, (node, ancestors) => {
    if (node.type === 'heading') {
      const text = toString(node).trim();
      const isTitle = node.depth === 1 && ancestors.length === 1 && tree.children[0] === node && text === note.data.title.trim();
      if (!isTitle) {
        while (headings.length > 0 && headings.at(-1)!.depth >= node.depth) headings.pop();
        headings.push({ depth: node.depth, heading: { text, anchor: anchors.get(slugify(text)) } });
      }
    }
    const path = headings.map((h) => h.heading);
    if (node.type === 'qaCard') {
      const [question, answer] = node.children;
      const answerText = plain(answer).trim();
      const questionText = plain(question).trim();
      if (!questionText || !answerText) return;
      cards.push({
        id: `qa-${hash(note.id, 'qa', unique(`${normalizeCardText(questionText)}\u0000${normalizeCardText(answerText)}`))}`,
        kind: 'qa',
        // The card plugin builds the question paragraph anew: its words keep their positions.
        line: question.children[0]?.position?.start.line ?? 1,
        column: question.children[0]?.position?.start.column ?? 1,
        path,
        front: render([question]),
        back: render(answer.children as RootContent[]),
        answer: answerText,
      });
      return;
    }
    if (node.type !== 'mark') return;
    const block = [...ancestors].reverse().find((a) => BLOCKS.has(a.type)) as Parents | undefined;
    if (!block || doneBlocks.has(block)) return;
    doneBlocks.add(block);
    blocks += 1;
    cards.push(...clozeCards(block, note.id, path, unique, blocks));
  });
  return cards;
}

/** One cloze card per highlight of `block`. */
function clozeCards(block: Parents, noteId: string, path: CardHeading[], unique: (s: string) => string, blockNumber: number): StudyCard[] {
  const marks: Nodes[] = [];
  visitParents(block, 'mark', (mark) => {
    marks.push(mark);
    return 'skip';
  });
  const anki = ankiClozeText(block, marks);
  const start = (block as { position?: Position }).position?.start;
  return marks.map((mark, i) => {
    const answer = toString(mark).trim();
    // The sentence around the highlight, with the highlight set apart: the card's own words.
    const sentence = sentenceOf(plainWithTarget(block, mark));
    const key = `${normalizeCardText(sentence.before)}[${normalizeCardText(answer)}]${normalizeCardText(sentence.after)}`;
    return {
      id: `cloze-${hash(noteId, 'cloze', unique(key))}`,
      kind: 'cloze' as const,
      // The card is placed at its block's start (its id does not depend on it).
      line: start?.line ?? 1,
      column: start?.column ?? 1,
      path,
      front: render([withMarks(block, mark, 'front')]),
      back: render([withMarks(block, mark, 'back')]),
      answer,
      anki: { text: anki, n: i + 1, block: blockNumber },
    };
  });
}

/** The block's plain text with the target highlight between OPEN and CLOSE. */
function plainWithTarget(block: Parents, target: Nodes): string {
  const walk = (node: Nodes): string => {
    if (node === target) return `${OPEN}${toString(node)}${CLOSE}`;
    if ('children' in node) return (node.children as Nodes[]).map(walk).join('');
    return toString(node);
  };
  return walk(block);
}

/** The sentence holding the OPEN…CLOSE part: split at `.`, `!` or `?` followed by a space. */
function sentenceOf(text: string): { before: string; after: string } {
  const start = text.indexOf(OPEN);
  const end = text.indexOf(CLOSE);
  const head = text.slice(0, start);
  const tail = text.slice(end + 1);
  const from = Math.max(...[...head.matchAll(/[.!?]\s+/g)].map((m) => m.index + m[0].length), 0);
  const stop = tail.search(/[.!?](\s|$)/);
  return { before: head.slice(from), after: stop < 0 ? tail : tail.slice(0, stop) };
}

/** A copy of `block` with its highlights rewritten for one side of the card of `target`. */
function withMarks(block: Parents, target: Nodes, side: 'front' | 'back'): Nodes {
  const copy = (node: Nodes): Nodes => {
    if (node.type === 'mark') {
      if (node === target) {
        if (side === 'front') return { type: 'text', value: HOLE, data: { hName: 'span', hProperties: { className: ['cloze-hole'] } } };
        return { ...node, children: node.children.map(copy) as PhrasingContent[], data: { hName: 'mark', hProperties: { className: ['cloze-answer'] } } };
      }
      // The other highlights of the paragraph are shown filled in.
      return { type: 'emphasis', children: node.children.map(copy) as PhrasingContent[], data: { hName: 'span' } };
    }
    if ('children' in node) return { ...node, children: (node.children as Nodes[]).map(copy) } as Nodes;
    return node;
  };
  return copy(block);
}

/** The block as HTML with each highlight as `{{cN::…}}`; braces and colons of the text itself escaped. */
function ankiClozeText(block: Parents, marks: Nodes[]): string {
  const copy = (node: Nodes): Nodes => {
    const n = marks.indexOf(node);
    if (n >= 0 && node.type === 'mark') {
      const children = node.children.map(copy) as PhrasingContent[];
      // Placeholders (private-use characters) survive serialization; Anki's markers replace them after escaping.
      return { type: 'emphasis', data: { hName: 'span' }, children: [{ type: 'text', value: `${OPEN}${n + 1}${SEP}` }, ...children, { type: 'text', value: CLOSE }] };
    }
    if ('children' in node) return { ...node, children: (node.children as Nodes[]).map(copy) } as Nodes;
    return node;
  };
  return toHtml(toCardHast([copy(block)]))
    .replace(/[{}:]/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(new RegExp(`<span>${OPEN}(\\d+)${SEP}`, 'g'), '{{c$1::')
    .replace(new RegExp(`${CLOSE}</span>`, 'g'), '}}')
    .trim();
}

/** mdast → sanitized hast: links kept (http, https, relative), raw HTML, images and footnote calls dropped. */
function toCardHast(nodes: Nodes[]): HastRoot {
  const root: Root = { type: 'root', children: nodes.map(tidy) as RootContent[] };
  const hast = toHast(root) as HastRoot;
  return sanitize(hast, {
    ...defaultSchema,
    attributes: {
      ...defaultSchema.attributes,
      span: [...(defaultSchema.attributes?.span ?? []), ['className', 'cloze-hole']],
      mark: [['className', 'cloze-answer']],
    },
    tagNames: [...(defaultSchema.tagNames ?? []), 'mark'],
  }) as HastRoot;
}

/** Nodes the card view shows differently from the page: wikilinks as their text, no images or footnote calls. */
function tidy(node: Nodes): Nodes {
  switch (node.type) {
    case 'wikiLink':
      return { type: 'text', value: node.value };
    case 'image':
      return { type: 'text', value: node.alt ?? '' };
    case 'footnoteReference':
    case 'html':
      return { type: 'text', value: '' };
    default:
      if ('children' in node) return { ...node, children: (node.children as Nodes[]).map(tidy) } as Nodes;
      return node;
  }
}

function render(nodes: Nodes[]): string {
  return toHtml(toCardHast(nodes)).trim();
}

/** Only what the review page needs of a card (no Anki text, no source position). */
export function cardForDeck(card: StudyCard): Pick<StudyCard, 'id' | 'kind' | 'path' | 'front' | 'back'> {
  return { id: card.id, kind: card.kind, path: card.path, front: card.front, back: card.back };
}
