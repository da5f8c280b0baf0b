import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatProblem } from '../src/lib/problems.ts';
import { checkNoteCards } from '../src/lib/study-checks.ts';
import { describe, expect, test } from 'vitest';
import { ANKI_FIELDS, ankiChecksum, ankiDeck, ankiField, ankiNotes, ankiPackage, ankiStripHtml, ankiTag, type AnkiSource } from '../src/lib/anki-export.ts';
import { readApkg } from './support/anki-read.ts';
import { extractCards } from '../src/lib/cards.ts';
import { noteDeckJson, studyIndexJson, tagDeckJson, vaultDeckJson, type NoteDeck } from '../src/lib/deck-json.ts';
import { buildLinkGraph } from '../src/lib/link-graph.ts';
import { decksOf } from '../src/lib/site-cards.ts';
import { parseStudyTree } from '../src/lib/study-parse.ts';
import { scanVault } from '../src/lib/vault.ts';
import { countDeck, emptyProgress, mergeProgress, parseProgress, parseProgressText, type CardState } from '../src/client/study-progress.ts';

const seeds = decksOf(buildLinkGraph(scanVault({ dir: resolve('notes') })));

const deck = (body: string, id = 'n', tags: string[] = ['python/asyncio']): NoteDeck => ({
  id, title: 'A note', tags, cards: extractCards(parseStudyTree(body), { id, data: { title: 'A note' } as never }),
});

describe('deck JSON', () => {
  test('a note deck links each card to its note and headings under the base path, and carries only what a review needs', () => {
    const json = noteDeckJson(deck('# A note\n\n## Threads\n\nThe GIL lets ==one thread== run.'), '/docs');
    expect(json.note).toEqual({ id: 'n', title: 'A note', href: '/docs/n/', tags: ['python/asyncio'] });
    expect(json.cards).toHaveLength(1);
    expect(Object.keys(json.cards[0]!).sort()).toEqual(['back', 'front', 'id', 'kind', 'note', 'path']);
    expect(json.cards[0]!.path).toEqual([{ text: 'Threads', href: '/docs/n/#threads' }]);
  });

  test('the index lists decks by note and by tag with card ids only, and the Anki files', () => {
    const a = deck('Say ==hi== now.', 'a', ['python', 'blog']);
    const b = deck('Q?\n&#10;<br>\nA.', 'b', ['python']);
    const index = studyIndexJson([a, b], '');
    expect(index.notes.map((n) => [n.id, n.deck, n.cards.length])).toEqual([['a', '/study/notes/a.json', 1], ['b', '/study/notes/b.json', 1]]);
    expect(index.notes[0]!.cards).toEqual([a.cards[0]!.id]);
    expect(index.tags).toEqual([
      { tag: 'blog', notes: ['a'], deck: '/study/tags/blog.json', anki: '/study/anki/tags/blog.apkg' },
      { tag: 'python', notes: ['a', 'b'], deck: '/study/tags/python.json', anki: '/study/anki/tags/python.apkg' },
    ]);
    expect(JSON.stringify(index)).not.toContain('front');
    expect(vaultDeckJson([a, b], '').notes.flatMap((n) => n.cards.map((c) => c.id))).toEqual([a.cards[0]!.id, b.cards[0]!.id]);
    // A tag's file holds the cards of its notes only.
    expect(tagDeckJson([a, b], 'blog', '').notes.map((n) => n.note.id)).toEqual(['a']);
    expect(tagDeckJson([a, b], 'python', '').notes).toEqual(vaultDeckJson([a, b], '').notes);
  });

  test('malformed cards are reported by the lint at file:line:col and left out of the deck', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deck-'));
    writeFileSync(join(dir, 'cards.md'), ['---', 'title: Cards', '---', '', 'What is a good card?', '&#10;<br>', 'One with an answer.', '', '&#10;<br>', 'An answer with no question.', '', 'A question with no answer?', '&#10;<br>', ''].join('\n'));
    const vault = scanVault({ dir });
    expect(checkNoteCards(vault.notes[0]!, dir).map(formatProblem)).toEqual([
      'notes/cards.md:9:6 warning: Card separator `&#10;<br>` has no question before it [card-without-question]',
      'notes/cards.md:13:6 warning: Card has no answer after `&#10;<br>` [card-without-answer]',
    ]);
    const [only] = decksOf(buildLinkGraph(vault));
    expect(only?.cards.map((c) => [c.kind, c.answer, c.line])).toEqual([['qa', 'One with an answer.', 5]]);
  });

  test('a card in a list item takes the rest of the item as its answer (code block included)', () => {
    const cards = deck(readFileSync(resolve('tests/fixtures/study-cards/input.md'), 'utf8')).cards;
    expect(cards.map((c) => c.answer.split('\n')[0])).toEqual(['A function that can pause at an await.', 'The tasks decide.', 'Two threads write the same counter.', 'Each thread reads the value.']);
    expect(cards[2]!.back).toContain('<pre><code class="language-python">with lock:');
  });

  test('the seed notes: 17 cards in python-concurrency (11 clozes, 6 question/answer), none in the others', () => {
    expect(seeds.map((d) => [d.id, d.cards.filter((c) => c.kind === 'cloze').length, d.cards.filter((c) => c.kind === 'qa').length])).toEqual([['python-concurrency', 11, 6]]);
  });
});

describe('Anki export (.apkg)', () => {
  const ROOT = 'Python Concurrency Notes';
  const MOD = 1_764_700_000;
  const seedSources: AnkiSource[] = seeds.map((d) => ({ ...d, url: `https://example.org/${d.id}/` }));
  const sources = (d: NoteDeck): AnkiSource[] => [{ ...d, url: 'https://e.org/n/' }];

  test('the seed package reads as Anki reads it: a zip with the collection, schema 11, the two note types with their fields', () => {
    const pkg = readApkg(ankiPackage(seedSources, ROOT, { mod: MOD }));
    expect(pkg.files).toEqual(['collection.anki2', 'media']);
    expect(pkg.ver).toBe(11);
    const byName = Object.fromEntries(pkg.models.map((m) => [m.name, m]));
    expect(Object.keys(byName).sort()).toEqual([`${ROOT} Basic`, `${ROOT} Cloze`]);
    const cloze = byName[`${ROOT} Cloze`]!;
    const basic = byName[`${ROOT} Basic`]!;
    // type 1 is Anki's cloze note type: one card per cloze number, from one template.
    expect([cloze.type, cloze.fields, cloze.templates.map((t) => t.qfmt)]).toEqual([1, ['Text', 'Back Extra', 'Note', 'Link'], ['{{cloze:Text}}']]);
    expect(cloze.templates[0]!.afmt).toContain('<a href="{{Link}}">{{Note}}</a>');
    expect([basic.type, basic.fields, basic.templates.map((t) => t.qfmt)]).toEqual([0, ['Front', 'Back', 'Note', 'Link'], ['{{Front}}']]);
    expect(basic.templates[0]!.afmt).toContain('{{Back}}');
    expect(pkg.decks.map((d) => d.name).sort()).toEqual(['Default', ROOT, `${ROOT}::Python concurrency`]);
  });

  test('the seed notes: 11 cloze notes and 6 basic notes, four fields each, title and link back as fields, one card each', () => {
    const pkg = readApkg(ankiPackage(seedSources, ROOT, { mod: MOD }));
    const model = new Map(pkg.models.map((m) => [m.id, m]));
    const deckOf = new Map(pkg.decks.map((d) => [d.id, d.name]));
    const clozes = pkg.notes.filter((n) => model.get(n.mid)?.type === 1);
    const basics = pkg.notes.filter((n) => model.get(n.mid)?.type === 0);
    expect([clozes.length, basics.length, pkg.notes.length]).toEqual([11, 6, 17]);
    expect(new Set(pkg.notes.map((n) => n.guid)).size).toBe(17);
    for (const n of pkg.notes) {
      expect(n.fields).toHaveLength(4);
      expect(n.fields[2]).toBe('Python concurrency');
      expect(n.fields[3]).toMatch(/^https:\/\/example\.org\/python-concurrency\/(#[a-z0-9-]+)?$/);
      expect(n.tags).toEqual(['blog', 'python']);
      expect(n.mod).toBe(MOD);
      // Anki's sort field and duplicate checksum are the first field's text.
      expect(n.sfld).toBe(ankiStripHtml(n.fields[0]!));
      expect(n.csum).toBe(ankiChecksum(n.fields[0]!));
    }
    for (const n of clozes) {
      const numbers = [...n.fields[0]!.matchAll(/\{\{c(\d+)::/g)].map((m) => Number(m[1]));
      expect(numbers.length).toBeGreaterThan(0);
      expect(n.fields[0]!.match(/\}\}/g)?.length).toBe(numbers.length);
      expect(n.fields[1]).toBe('');
      // One card per cloze number, ordinal = number - 1.
      expect(pkg.cards.filter((c) => c.nid === n.id).map((c) => c.ord).sort()).toEqual([...new Set(numbers)].map((x) => x - 1).sort());
    }
    for (const n of basics) expect(pkg.cards.filter((c) => c.nid === n.id).map((c) => c.ord)).toEqual([0]);
    expect(pkg.cards).toHaveLength(17);
    // New cards, in note order, each in the note's deck.
    expect(pkg.cards.every((c) => c.type === 0 && c.queue === 0 && deckOf.get(c.did) === `${ROOT}::Python concurrency`)).toBe(true);
    const session = basics.find((n) => n.fields[0]!.includes('Why we used'))!;
    expect(session.fields).toEqual([
      '<p>Why we used <code>requests.Session</code> here?</p>',
      '<p>Creating a Session object allows requests to do some fancy networking tricks and really speed things up, we can reuse connection between requests.</p>',
      'Python concurrency',
      'https://example.org/python-concurrency/#how-to-speed-up-an-io-bound-program',
    ]);
  });

  test('two highlights of one paragraph are one cloze note with c1 and c2, and two cards', () => {
    const pkg = readApkg(ankiPackage(sources(deck('Threads for ==I/O==, processes for ==CPU== work.')), 'Root', { mod: MOD }));
    expect(pkg.notes).toHaveLength(1);
    expect(pkg.notes[0]!.fields).toEqual(['<p>Threads for {{c1::I/O}}, processes for {{c2::CPU}} work.</p>', '', 'A note', 'https://e.org/n/']);
    expect(pkg.notes[0]!.tags).toEqual(['python::asyncio']);
    expect(pkg.cards.map((c) => c.ord)).toEqual([0, 1]);
    expect(pkg.decks.find((d) => d.id === pkg.cards[0]!.did)?.name).toBe('Root::A note');
  });

  test('GUIDs and ids are stable across builds: a later build updates the same notes; unrelated edits keep other GUIDs', () => {
    const first = readApkg(ankiPackage(seedSources, ROOT, { mod: MOD }));
    const later = readApkg(ankiPackage(seedSources, ROOT, { mod: MOD + 86_400 }));
    const ids = (p: typeof first) => ({ notes: p.notes.map((n) => [n.id, n.guid, n.mid]), cards: p.cards.map((c) => [c.id, c.nid, c.did, c.ord]), models: p.models.map((m) => m.id), decks: p.decks.map((d) => d.id) });
    expect(ids(later)).toEqual(ids(first));
    expect(later.notes.every((n) => n.mod === MOD + 86_400)).toBe(true);
    // The same notes and time give the same bytes.
    expect(Buffer.from(ankiPackage(seedSources, ROOT, { mod: MOD })).equals(Buffer.from(ankiPackage(seedSources, ROOT, { mod: MOD })))).toBe(true);

    const body = '# A note\n\n## One\n\nThreads for ==I/O== work.\n\n## Two\n\nWhat is the GIL?\n&#10;<br>\nA lock.\n';
    const edited = '# A note\n\n## Two\n\nWhat is the GIL?\n&#10;<br>\nA lock.\n\nA new paragraph, and a ==new cloze==.\n\n## One\n\nThreads for ==I/O== work.\n';
    const guids = (b: string) => ankiNotes(sources(deck(b)), 'Root').map((n) => n.guid);
    const before = guids(body);
    const after = guids(edited);
    expect(before).toHaveLength(2);
    expect(after).toHaveLength(3);
    for (const g of before) expect(after).toContain(g);
    // A changed card is a new note.
    expect(guids(body.replace('A lock.', 'A mutex.'))).not.toContain(before[1]);
  });

  test('note type field names match the documented fields; deck and tag names stay one level and one word', () => {
    expect(ANKI_FIELDS).toEqual({ cloze: ['Text', 'Back Extra', 'Note', 'Link'], basic: ['Front', 'Back', 'Note', 'Link'] });
    expect(ankiTag('python/asyncio deep')).toBe('python::asyncio_deep');
    expect(ankiDeck('Notes', 'A::B')).toBe('Notes::A:B');
    // Anki's checksum of "<b>hello</b>": int(sha1("hello")[:8], 16), as Anki computes it.
    expect(ankiChecksum('<b>hello</b>')).toBe(0xaaf4c61d);
    expect(ankiStripHtml('<p>a &amp; b<!-- c --></p><style>p{}</style>')).toBe('a & b');
    // Soft line breaks become spaces, except in code blocks.
    expect(ankiField('<p>one\n  two</p><pre><code>a\n  b</code></pre>')).toBe('<p>one two</p><pre><code>a\n  b</code></pre>');
  });

  test('a title with markup characters stays text in its field; a field never holds Anki’s separator', () => {
    const d = { ...deck('A ==cloze== here.'), title: 'Locks <b>& "mutexes"' };
    const [note] = ankiNotes([{ ...d, url: 'https://e.org/n/?a=1&b=2' }], 'Root');
    expect(note!.fields.slice(2)).toEqual(['Locks &lt;b&gt;&amp; &quot;mutexes&quot;', 'https://e.org/n/?a=1&amp;b=2']);
    const sep = { ...deck('A ==cloze== here.'), title: 'A\u001fB' };
    expect(ankiNotes([{ ...sep, url: 'https://e.org/n/' }], 'Root')[0]!.fields).toHaveLength(4);
    expect(readApkg(ankiPackage([{ ...sep, url: 'https://e.org/n/' }], 'Root', { mod: MOD })).notes[0]!.fields).toHaveLength(4);
  });
});

describe('progress files', () => {
  const state = (over: Partial<CardState> = {}): CardState => ({
    note: 'n', due: '2026-12-02T09:00:00.000Z', stability: 2.3, difficulty: 5.1, elapsed_days: 0, scheduled_days: 1, learning_steps: 0, reps: 1, lapses: 0, state: 2, last_review: '2026-12-01T09:00:00.000Z', ...over,
  });
  const file = (cards: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ format: 'pyconcurrency-notes/study-progress', schema: 1, cards, ...extra });

  test.each([
    ['not JSON', '{"format":', 'it is not valid JSON'],
    ['an array', '[]', 'it is not a study progress file (not a JSON object)'],
    ['another program’s JSON', '{"cards":{}}', 'it is not a study progress file of this site'],
    ['a newer schema', JSON.stringify(file({}, { schema: 2 })), 'it was written by a newer version of the site (schema 2)'],
    ['a card without a note', JSON.stringify(file({ a: state({ note: '' }) })), 'card "a" has no note'],
    ['a negative stability', JSON.stringify(file({ a: state({ stability: -1 }) })), 'card "a" has an invalid stability'],
    ['an unknown state', JSON.stringify(file({ a: state({ state: 7 }) })), 'card "a" has an invalid state'],
    ['a fractional count', JSON.stringify(file({ a: state({ reps: 1.5 }) })), 'card "a" has an invalid reps'],
  ])('%s is refused: %s', (_name, text, error) => {
    expect(parseProgressText(text)).toEqual({ ok: false, error });
  });

  test('a valid file is read back exactly, extra keys dropped', () => {
    const parsed = parseProgress({ ...file({ a: { ...state(), extra: 1 } }), exported: 'today' });
    expect(parsed).toEqual({ ok: true, progress: file({ a: state() }) });
  });

  test('import merges per card: the state reviewed last wins', () => {
    const mine = { ...emptyProgress(), cards: { a: state({ reps: 3, last_review: '2026-12-05T00:00:00.000Z' }), b: state({ reps: 1 }) } };
    const theirs = { ...emptyProgress(), cards: { a: state({ reps: 2 }), b: state({ reps: 4, last_review: '2026-12-06T00:00:00.000Z' }), c: state() } };
    const merged = mergeProgress(mine, theirs);
    expect(Object.fromEntries(Object.entries(merged.cards).map(([id, s]) => [id, s.reps]))).toEqual({ a: 3, b: 4, c: 1 });
  });

  test('counts: new, due and learned among a deck’s ids; progress of vanished ids is ignored', () => {
    const progress = { ...emptyProgress(), cards: { due: state({ due: '2026-12-01T00:00:00.000Z' }), later: state({ due: '2026-12-09T00:00:00.000Z' }), gone: state() } };
    expect(countDeck(['due', 'later', 'fresh'], progress, new Date('2026-12-02T00:00:00Z'))).toEqual({ new: 1, due: 1, learned: 1 });
  });
});
