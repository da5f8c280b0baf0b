/**
 * An Anki deck as Anki's documented text import (File › Import, Anki 2.1.55+): a tab-separated
 * file whose `#` headers name the note type, deck, tags and GUID column of every row. Highlights
 * become "Cloze" notes (`{{c1::…}}`, one note per paragraph, one cloze number per highlight), cards
 * "Basic" notes; the second field ends with the note title and a link back to the page.
 * No package: the maintained generators write `.apkg` through SQLite-in-WASM, while this format is a
 * page of text that Anki documents and that re-imports as updates thanks to the GUID column.
 */
import { createHash } from 'node:crypto';
import type { StudyCard } from './cards.ts';

/** A note's cards with what the export says about the note. */
export interface AnkiSource {
  title: string;
  /** Absolute URL of the note page (without anchor). */
  url: string;
  tags: string[];
  cards: StudyCard[];
}

/** The header lines, in the order Anki reads them. */
export const ANKI_HEADERS = [
  '#separator:tab',
  '#html:true',
  '#notetype column:1',
  '#deck column:2',
  '#tags column:3',
  '#guid column:4',
  '#columns:Note type\tDeck\tTags\tGUID\tText or Front\tBack Extra or Back',
];

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One field: HTML on one line (newlines kept as `<br>` inside `<pre>`), quoted, quotes doubled. */
export function ankiField(html: string): string {
  const oneLine = html
    .split(/(<pre[\s\S]*?<\/pre>)/)
    .map((part, i) => (i % 2 === 1 ? part.replace(/\r?\n/g, '<br>') : part.replace(/\s*\r?\n\s*/g, ' ')))
    .join('')
    .replace(/\t/g, '    ');
  return `"${oneLine.replace(/"/g, '""')}"`;
}

/** Anki tags have no spaces; nested `a/b` becomes Anki's hierarchical `a::b`. */
export function ankiTag(tag: string): string {
  return tag.trim().replace(/\s+/g, '_').replace(/\/+/g, '::');
}

/** A deck name below `root`, without the `::` that would nest it further. */
export function ankiDeck(root: string, title: string): string {
  return `${root.replace(/::/g, ':')}::${title.replace(/::/g, ':').replace(/\s+/g, ' ').trim()}`;
}

function source(note: AnkiSource, card: StudyCard): string {
  const heading = card.path.at(-1);
  const href = heading?.anchor ? `${note.url}#${heading.anchor}` : note.url;
  const label = [note.title, ...card.path.map((h) => h.text)].join(' › ');
  return `<p class="source"><a href="${escapeHtml(href)}">${escapeHtml(label)}</a></p>`;
}

/** The whole text file: headers, then one row per Anki note (cloze paragraphs grouped). */
export function ankiText(notes: AnkiSource[], root: string): string {
  const rows: string[] = [];
  for (const note of notes) {
    const deck = ankiDeck(root, note.title);
    const tags = note.tags.map(ankiTag).join(' ');
    const seenBlocks = new Set<number>();
    for (const card of note.cards) {
      if (card.kind === 'qa') {
        rows.push(['Basic', deck, tags, card.id].map(ankiField).concat(ankiField(card.front), ankiField(card.back + source(note, card))).join('\t'));
        continue;
      }
      if (!card.anki || seenBlocks.has(card.anki.block)) continue;
      seenBlocks.add(card.anki.block);
      const block = note.cards.filter((c) => c.anki?.block === card.anki!.block).map((c) => c.id);
      const guid = `cloze-${createHash('sha256').update(block.join(' ')).digest('hex').slice(0, 12)}`;
      rows.push(['Cloze', deck, tags, guid].map(ankiField).concat(ankiField(card.anki.text), ankiField(source(note, card))).join('\t'));
    }
  }
  return `${[...ANKI_HEADERS, ...rows].join('\n')}\n`;
}
