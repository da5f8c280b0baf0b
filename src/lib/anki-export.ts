/**
 * Anki decks as `.apkg` files: a zip holding `collection.anki2`, an SQLite collection in Anki's
 * schema 11 (the "legacy" package every Anki since 2.1 imports; schema from Anki's
 * `anki/storage.py`, note types and decks as its `models.py` / `decks.py` write them).
 * Highlights become notes of a Cloze note type (Text, Back Extra, Note, Link; one note per
 * paragraph, `{{cN::…}}` per highlight, one card per cloze number), question/answer cards notes of
 * a Basic note type (Front, Back, Note, Link). Note types, decks, notes and cards have ids derived
 * from names and card ids, and each note a GUID from its cards' ids, so importing a newer file
 * updates the same notes and keeps their scheduling.
 * No Anki package: anki-apkg-export writes one fixed Front/Back note type (through sql.js 0.5) and
 * genanki-js is a browser bundle that expects globals; neither writes a Cloze note type with our
 * own fields. The collection is written with Node's built-in SQLite (`node:sqlite`, serialized in
 * memory, no file) and zipped with fflate.
 */
import { createHash } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { decodeHTML } from 'entities';
import { zipSync, strToU8 } from 'fflate';
import type { StudyCard } from './cards.ts';

/** A note's cards with what the export says about the note. */
export interface AnkiSource {
  title: string;
  /** URL of the note page (without anchor): absolute when the site has one. */
  url: string;
  tags: string[];
  cards: StudyCard[];
}

/** The two note types, by kind: their fields in order. */
export const ANKI_FIELDS = {
  cloze: ['Text', 'Back Extra', 'Note', 'Link'],
  basic: ['Front', 'Back', 'Note', 'Link'],
} as const;

/** One Anki note as it goes into the collection. */
export interface AnkiNote {
  guid: string;
  kind: 'cloze' | 'basic';
  /** Full deck name (`Root::Note title`). */
  deck: string;
  tags: string[];
  /** Field values (HTML) in the order of `ANKI_FIELDS[kind]`. */
  fields: string[];
  /** Template ordinals: one per cloze number (0 for c1), or `[0]` for a basic note. */
  ords: number[];
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Anki tags have no spaces; nested `a/b` becomes Anki's hierarchical `a::b`. */
export function ankiTag(tag: string): string {
  return tag.trim().replace(/\s+/g, '_').replace(/\/+/g, '::');
}

/** A deck name below `root`, without the `::` that would nest it further. */
export function ankiDeck(root: string, title: string): string {
  return `${root.replace(/::/g, ':')}::${title.replace(/::/g, ':').replace(/\s+/g, ' ').trim()}`;
}

/** The note page, at the card's heading when it has one. */
function linkOf(note: AnkiSource, card: StudyCard): string {
  const anchor = card.path.at(-1)?.anchor;
  return anchor ? `${note.url}#${anchor}` : note.url;
}

/**
 * A field's HTML: soft line breaks outside `<pre>` become spaces (Anki's editor and browser show
 * fields as one line), and U+001F, where Anki splits fields, is never in one.
 */
export function ankiField(html: string): string {
  return html
    .split(/(<pre[\s\S]*?<\/pre>)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[ \t]*\r?\n[ \t]*/g, ' ')))
    .join('')
    .replace(/\u001f/g, ' ');
}

/** Every Anki note of `notes`, in order: a Cloze note per paragraph with highlights, a Basic note per card. */
export function ankiNotes(notes: AnkiSource[], root: string): AnkiNote[] {
  const out: AnkiNote[] = [];
  for (const note of notes) {
    const deck = ankiDeck(root, note.title);
    const tags = note.tags.map(ankiTag);
    const title = escapeHtml(note.title);
    const seenBlocks = new Set<number>();
    for (const card of note.cards) {
      const link = escapeHtml(linkOf(note, card));
      if (card.kind === 'qa') {
        out.push({ guid: card.id, kind: 'basic', deck, tags, fields: [card.front, card.back, title, link].map(ankiField), ords: [0] });
        continue;
      }
      if (!card.anki || seenBlocks.has(card.anki.block)) continue;
      seenBlocks.add(card.anki.block);
      const block = note.cards.filter((c) => c.anki?.block === card.anki!.block);
      // The same GUID as the text export this replaces, so a learner's earlier import is updated.
      const guid = `cloze-${createHash('sha256').update(block.map((c) => c.id).join(' ')).digest('hex').slice(0, 12)}`;
      out.push({ guid, kind: 'cloze', deck, tags, fields: [card.anki.text, '', title, link].map(ankiField), ords: block.map((c) => c.anki!.n - 1) });
    }
  }
  return out;
}

/** A positive id below 2^53 from a name (Anki ids are millisecond-like integers). */
function idOf(...parts: string[]): number {
  const h = Number.parseInt(createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 12), 16);
  return 1_000_000_000_000 + (h % 900_000_000_000);
}

/** Anki's `stripHTMLMedia`: comments, style and script, then tags removed, entities decoded. */
export function ankiStripHtml(html: string): string {
  return decodeHTML(
    html
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<style[\s\S]*?>[\s\S]*?<\/style>/gi, '')
      .replace(/<script[\s\S]*?>[\s\S]*?<\/script>/gi, '')
      .replace(/<img[^>]+src=["']?([^"'>]+)["']?[^>]*>/gi, ' $1 ')
      .replace(/<[\s\S]*?>/g, ''),
  );
}

/** Anki's first-field checksum (duplicate check): the first 8 hex digits of SHA-1 of the stripped text. */
export function ankiChecksum(html: string): number {
  return Number.parseInt(createHash('sha1').update(ankiStripHtml(html)).digest('hex').slice(0, 8), 16);
}

const CSS = `.card { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: 20px; text-align: left; color: black; background-color: white; }
.cloze { font-weight: bold; color: #1d4ed8; }
.nightMode .cloze { color: #93c5fd; }
pre { white-space: pre-wrap; }
.source { margin-top: 1.5em; font-size: 14px; }`;

const SOURCE = '<p class="source"><a href="{{Link}}">{{Note}}</a></p>';

function model(root: string, kind: 'cloze' | 'basic', deckId: number, mod: number) {
  const name = `${root} ${kind === 'cloze' ? 'Cloze' : 'Basic'}`;
  const template = kind === 'cloze'
    ? { name: 'Cloze', qfmt: '{{cloze:Text}}', afmt: `{{cloze:Text}}\n{{#Back Extra}}<div class="extra">{{Back Extra}}</div>{{/Back Extra}}\n${SOURCE}` }
    : { name: 'Card 1', qfmt: '{{Front}}', afmt: `{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}\n${SOURCE}` };
  return {
    id: idOf('note type', name),
    name,
    type: kind === 'cloze' ? 1 : 0,
    mod,
    usn: -1,
    sortf: 0,
    did: deckId,
    tmpls: [{ ...template, ord: 0, bqfmt: '', bafmt: '', did: null }],
    flds: ANKI_FIELDS[kind].map((n, ord) => ({ name: n, ord, sticky: false, rtl: false, font: 'Arial', size: 20, media: [] })),
    css: CSS,
    latexPre: '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n',
    latexPost: '\\end{document}',
    latexsvg: false,
    req: [[0, 'any', [0]]],
    tags: [],
    vers: [],
  };
}

function deck(id: number, name: string, mod: number) {
  return {
    id, name, mod, usn: -1, desc: '', dyn: 0, conf: 1, collapsed: false, browserCollapsed: false,
    newToday: [0, 0], revToday: [0, 0], lrnToday: [0, 0], timeToday: [0, 0], extendNew: 10, extendRev: 50,
  };
}

/** Anki's default options group (`anki/decks.py` defaultConf). */
const DECK_CONF = {
  id: 1, name: 'Default', mod: 0, usn: 0, maxTaken: 60, timer: 0, autoplay: true, replayq: true,
  new: { delays: [1, 10], ints: [1, 4, 7], initialFactor: 2500, separate: true, order: 1, perDay: 20, bury: false },
  lapse: { delays: [10], mult: 0, minInt: 1, leechFails: 8, leechAction: 0 },
  rev: { perDay: 200, ease4: 1.3, fuzz: 0.05, minSpace: 1, ivlFct: 1, maxIvl: 36500, bury: false, hardFactor: 1.2 },
};

/** The schema of `anki/storage.py` (tables and indices). */
const SCHEMA = `
create table col (id integer primary key, crt integer not null, mod integer not null, scm integer not null, ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null, models text not null, decks text not null, dconf text not null, tags text not null);
create table notes (id integer primary key, guid text not null, mid integer not null, mod integer not null, usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null, flags integer not null, data text not null);
create table cards (id integer primary key, nid integer not null, did integer not null, ord integer not null, mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null, ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null, odue integer not null, odid integer not null, flags integer not null, data text not null);
create table revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
create table graves (usn integer not null, oid integer not null, type integer not null);
create index ix_notes_usn on notes (usn);
create index ix_cards_usn on cards (usn);
create index ix_revlog_usn on revlog (usn);
create index ix_cards_nid on cards (nid);
create index ix_cards_sched on cards (did, queue, due);
create index ix_revlog_cid on revlog (cid);
create index ix_notes_csum on notes (csum);
`;

export interface AnkiPackageOptions {
  /** Modification time (Unix seconds) of every note: Anki updates a note it has when the file's is newer. */
  mod: number;
}

/** The `.apkg` bytes of `notes`: every note's deck below `root`, new cards in note order. */
export function ankiPackage(notes: AnkiSource[], root: string, { mod }: AnkiPackageOptions): Uint8Array {
  const rootName = root.replace(/::/g, ':');
  const rootId = idOf('deck', rootName);
  const models = { cloze: model(rootName, 'cloze', rootId, mod), basic: model(rootName, 'basic', rootId, mod) };
  const decks: Record<string, ReturnType<typeof deck>> = { '1': deck(1, 'Default', mod), [rootId]: deck(rootId, rootName, mod) };
  const db = new DatabaseSync(':memory:');
  try {
    db.exec(SCHEMA);
    const addNote = db.prepare('insert into notes values (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, \'\')');
    const addCard = db.prepare('insert into cards values (?, ?, ?, ?, ?, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, \'\')');
    let due = 0;
    for (const note of ankiNotes(notes, rootName)) {
      const did = idOf('deck', note.deck);
      decks[did] ??= deck(did, note.deck, mod);
      const nid = idOf('note', note.guid);
      const tags = note.tags.length > 0 ? ` ${note.tags.join(' ')} ` : '';
      addNote.run(nid, note.guid, models[note.kind].id, mod, tags, note.fields.join('\u001f'), ankiStripHtml(note.fields[0]!), ankiChecksum(note.fields[0]!));
      due += 1;
      for (const ord of note.ords) addCard.run(idOf('card', note.guid, String(ord)), nid, did, ord, mod, due);
    }
    const conf = { activeDecks: [1], curDeck: 1, newSpread: 0, collapseTime: 1200, timeLim: 0, estTimes: true, dueCounts: true, curModel: String(models.basic.id), nextPos: due + 1, sortType: 'noteFld', sortBackwards: false, addToCur: true, dayLearnFirst: false };
    db.prepare('insert into col values (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, \'{}\')').run(
      mod, mod * 1000, mod * 1000, JSON.stringify(conf),
      JSON.stringify({ [models.cloze.id]: models.cloze, [models.basic.id]: models.basic }),
      JSON.stringify(decks), JSON.stringify({ '1': DECK_CONF }),
    );
    const collection = db.serialize();
    // A fixed entry time: the same notes and `mod` give the same bytes.
    const mtime = new Date(mod * 1000);
    return zipSync({ 'collection.anki2': [collection, { mtime }], media: [strToU8('{}'), { mtime }] });
  } finally {
    db.close();
  }
}
