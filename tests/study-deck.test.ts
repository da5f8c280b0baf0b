import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatProblem } from '../src/lib/problems.ts';
import { checkNoteCards } from '../src/lib/study-checks.ts';
import { describe, expect, test } from 'vitest';
import { ANKI_HEADERS, ankiDeck, ankiField, ankiTag, ankiText } from '../src/lib/anki-export.ts';
import { extractCards } from '../src/lib/cards.ts';
import { noteDeckJson, studyIndexJson, vaultDeckJson, type NoteDeck } from '../src/lib/deck-json.ts';
import { buildLinkGraph } from '../src/lib/link-graph.ts';
import { decksOf } from '../src/lib/site-cards.ts';
import { parseStudyTree } from '../src/lib/study-parse.ts';
import { scanVault } from '../src/lib/vault.ts';
import { countDeck, emptyProgress, mergeProgress, parseProgress, parseProgressText, type CardState } from '../src/client/study-progress.ts';

const seeds = decksOf(buildLinkGraph(scanVault({ dir: resolve('notes') })));

const deck = (body: string, id = 'n', tags: string[] = ['python/asyncio']): NoteDeck => ({
  id, title: 'A note', tags, cards: extractCards(parseStudyTree(body), { id, data: { title: 'A note' } as never }),
});

/**
 * Reads an Anki text-import file as Anki documents it: `#key:value` header lines first, then rows
 * of separator-delimited fields, a field in double quotes may hold the separator, `""` is a quote.
 */
function parseAnkiText(text: string): { headers: Record<string, string>; rows: string[][] } {
  const lines = text.split('\n');
  const headers: Record<string, string> = {};
  while (lines[0]?.startsWith('#')) {
    const line = lines.shift()!;
    const colon = line.indexOf(':');
    headers[line.slice(1, colon)] = line.slice(colon + 1);
  }
  const sep = headers.separator === 'tab' ? '\t' : headers.separator ?? '\t';
  const rows = lines.filter((l) => l !== '').map((line) => {
    const fields: string[] = [];
    let i = 0;
    while (i <= line.length) {
      if (line[i] === '"') {
        let value = '';
        i += 1;
        for (;;) {
          if (i >= line.length) throw new Error(`unterminated quoted field in: ${line.slice(0, 60)}`);
          if (line[i] === '"' && line[i + 1] === '"') { value += '"'; i += 2; continue; }
          if (line[i] === '"') { i += 1; break; }
          value += line[i++];
        }
        if (i < line.length && line[i] !== sep) throw new Error(`text after a closing quote in: ${line.slice(0, 60)}`);
        fields.push(value);
        i += 1;
      } else {
        const end = line.indexOf(sep, i);
        fields.push(line.slice(i, end < 0 ? line.length : end));
        i = end < 0 ? line.length + 1 : end + 1;
      }
    }
    return fields;
  });
  return { headers, rows };
}

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
      { tag: 'blog', notes: ['a'], anki: '/study/anki/tags/blog.txt' },
      { tag: 'python', notes: ['a', 'b'], anki: '/study/anki/tags/python.txt' },
    ]);
    expect(JSON.stringify(index)).not.toContain('front');
    expect(vaultDeckJson([a, b], '').notes.flatMap((n) => n.cards.map((c) => c.id))).toEqual([a.cards[0]!.id, b.cards[0]!.id]);
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

describe('Anki export', () => {
  test('the seed deck parses as Anki text import: headers, six fields per row, cloze and basic notes, unique GUIDs', () => {
    const text = ankiText(seeds.map((d) => ({ ...d, url: `https://example.org/${d.id}/` })), 'Python Concurrency Notes');
    const { headers, rows } = parseAnkiText(text);
    expect(headers).toEqual({ separator: 'tab', html: 'true', 'notetype column': '1', 'deck column': '2', 'tags column': '3', 'guid column': '4', columns: 'Note type\tDeck\tTags\tGUID\tText or Front\tBack Extra or Back' });
    expect(rows.every((r) => r.length === 6)).toBe(true);
    expect(rows.filter((r) => r[0] === 'Cloze')).toHaveLength(11);
    expect(rows.filter((r) => r[0] === 'Basic')).toHaveLength(6);
    expect(new Set(rows.map((r) => r[3])).size).toBe(rows.length);
    for (const [type, deckName, tags, , first, second] of rows) {
      expect(deckName).toBe('Python Concurrency Notes::Python concurrency');
      expect(tags).toBe('blog python');
      expect(second).toContain('<a href="https://example.org/python-concurrency/');
      if (type === 'Cloze') {
        // Every cloze opened is closed, numbered from 1.
        expect(first).toMatch(/\{\{c1::/);
        expect(first!.match(/\{\{c\d+::/g)?.length).toBe(first!.match(/\}\}/g)?.length);
      }
    }
    const session = rows.find((r) => r[4]!.includes('Why we used'))!;
    expect(session.slice(4)).toEqual([
      '<p>Why we used <code>requests.Session</code> here?</p>',
      '<p>Creating a Session object allows requests to do some fancy networking tricks and really speed things up, we can reuse connection between requests.</p><p class="source"><a href="https://example.org/python-concurrency/#how-to-speed-up-an-io-bound-program">Python concurrency › How to speed up an I/O bound program</a></p>',
    ]);
  });

  test('two highlights of one paragraph are one Anki note with c1 and c2', () => {
    const d = deck('Threads for ==I/O==, processes for ==CPU== work.');
    const { rows } = parseAnkiText(ankiText([{ ...d, url: 'https://e.org/n/' }], 'Root'));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.slice(0, 3)).toEqual(['Cloze', 'Root::A note', 'python::asyncio']);
    expect(rows[0]![4]).toBe('<p>Threads for {{c1::I/O}}, processes for {{c2::CPU}} work.</p>');
  });

  test('fields hold quotes, tabs and newlines safely; deck and tag names stay one level and one word', () => {
    expect(ankiField('say "hi"\tnow\nthen')).toBe('"say ""hi""    now then"');
    expect(ankiField('<pre><code>a\nb</code></pre>')).toBe('"<pre><code>a<br>b</code></pre>"');
    expect(ankiTag('python/asyncio deep')).toBe('python::asyncio_deep');
    expect(ankiDeck('Notes', 'A::B')).toBe('Notes::A:B');
    expect(ANKI_HEADERS[0]).toBe('#separator:tab');
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
