import { describe, expect, test } from 'vitest';
import { extractCards, type StudyCard } from '../src/lib/cards.ts';
import { parseStudyTree } from '../src/lib/study-parse.ts';

const note = (body: string, id = 'gil') => extractCards(parseStudyTree(body), { id, data: { title: 'The GIL' } as never });

const BASE = `# The GIL

Intro paragraph about [[Python]].

## Threads

The GIL lets ==one thread== run Python bytecode at a time. Threads suit ==I/O bound== work.

## Processes

What does \`asyncio.run()\` do?
&#10;<br>
It runs the top-level coroutine.

Processes give ==true parallelism== on many cores.
`;

/** Ids by what each card hides, so a table can name the card it is about. */
function ids(body: string): Record<string, string> {
  return Object.fromEntries(note(body).map((c) => [c.answer, c.id]));
}

describe('card extraction', () => {
  test('every highlight and every question/answer card becomes a card, in document order', () => {
    const cards = note(BASE);
    expect(cards.map((c) => [c.kind, c.answer])).toEqual([
      ['cloze', 'one thread'],
      ['cloze', 'I/O bound'],
      ['qa', 'It runs the top-level coroutine.'],
      ['cloze', 'true parallelism'],
    ]);
    expect(new Set(cards.map((c) => c.id)).size).toBe(4);
    for (const c of cards) expect(c.id).toMatch(/^(cloze|qa)-[0-9a-f]{12}$/);
  });

  test('a paragraph with two highlights gives one card per highlight, the other one filled in', () => {
    const [first, second] = note(BASE);
    expect(first!.front).toBe('<p>The GIL lets <span class="cloze-hole">[…]</span> run Python bytecode at a time. Threads suit <span>I/O bound</span> work.</p>');
    expect(first!.back).toContain('<mark class="cloze-answer">one thread</mark>');
    expect(second!.front).toContain('The GIL lets <span>one thread</span> run');
    expect(second!.front).toContain('Threads suit <span class="cloze-hole">[…]</span> work.');
    // Anki: one note for the paragraph, one cloze number per highlight.
    expect(first!.anki).toEqual({ text: '<p>The GIL lets {{c1::one thread}} run Python bytecode at a time. Threads suit {{c2::I/O bound}} work.</p>', n: 1, block: 1 });
    expect(second!.anki?.n).toBe(2);
  });

  test('cards carry their heading breadcrumb with the page anchors, and body positions', () => {
    const cards = note(BASE);
    expect(cards[0]!.path).toEqual([{ text: 'Threads', anchor: 'threads' }]);
    expect(cards[2]!.path).toEqual([{ text: 'Processes', anchor: 'processes' }]);
    expect([cards[0]!.line, cards[0]!.column]).toEqual([7, 1]); // highlights have no position of their own: their paragraph's
    expect(cards[2]!.line).toBe(11);
    expect(cards[2]!.front).toBe('<p>What does <code>asyncio.run()</code> do?</p>');
    expect(cards[2]!.back).toBe('<p>It runs the top-level coroutine.</p>');
  });

  test.each([
    ['an empty highlight `====`', 'Nothing ==== here.'],
    ['a highlight inside inline code', 'Write `==x==` in code.'],
    ['a highlight inside a fenced code block', '```python\nif a ==b== c:\n```'],
    ['a highlight inside a wikilink alias', 'See [[Note|==alias==]].'],
    ['a card with no question', '&#10;<br>\nOnly an answer.'],
    ['a card with no answer', 'Only a question?\n&#10;<br>\n'],
  ])('%s gives no card (as Obsidian shows it: text)', (_name, body) => {
    expect(note(body)).toEqual([]);
  });

  test('a highlight inside a link text is a cloze, the link kept', () => {
    const [card] = note('Read [the ==asyncio== docs](https://docs.python.org/3/library/asyncio.html) first.');
    expect(card?.answer).toBe('asyncio');
    expect(card?.back).toBe('<p>Read <a href="https://docs.python.org/3/library/asyncio.html">the <mark class="cloze-answer">asyncio</mark> docs</a> first.</p>');
  });

  test('card HTML is sanitized: no raw HTML, no script URLs, wikilinks as text', () => {
    const [card] = note('Run ==<img src=x onerror=alert(1)>this== and [x](javascript:alert(1)) with [[Other note|other]].');
    expect(card?.back).not.toMatch(/onerror|<img|javascript:/);
    expect(card?.back).toContain('with other.');
  });

  test('Anki text escapes braces and colons of the note and keeps its own markers', () => {
    const [card] = note('A dict ==`{"a": 1}`== literal; see {{c9::not a cloze}}.');
    expect(card?.anki?.text).toBe('<p>A dict {{c1::<code>&#123;"a"&#58; 1&#125;</code>}} literal; see &#123;&#123;c9&#58;&#58;not a cloze&#125;&#125;.</p>');
  });
});

/** The same card keeps its id through edits elsewhere, and gets a new one when its own words change. */
describe('card ids', () => {
  const before = ids(BASE);
  const edits: Array<[string, string, string, 'same' | 'different']> = [
    ['adding a paragraph elsewhere', BASE.replace('Intro paragraph', 'A new first paragraph.\n\nIntro paragraph'), 'one thread', 'same'],
    ['reordering sections', `# The GIL\n\n${BASE.split('## Processes')[1]!.replace(/^/, '## Processes')}\n${BASE.match(/## Threads[\s\S]*?(?=## Processes)/)![0]}`, 'one thread', 'same'],
    ['reordering sections (the card)', `# The GIL\n\n${BASE.split('## Processes')[1]!.replace(/^/, '## Processes')}\n${BASE.match(/## Threads[\s\S]*?(?=## Processes)/)![0]}`, 'It runs the top-level coroutine.', 'same'],
    ['fixing a typo in another card', BASE.replace('true parallelism', 'true paralelism'), 'one thread', 'same'],
    ['changing another highlight of the same paragraph (other sentence)', BASE.replace('==I/O bound== work', '==I/O-heavy== work'), 'one thread', 'same'],
    ['renaming the section heading', BASE.replace('## Threads', '## Threads and the GIL'), 'one thread', 'same'],
    ['re-wrapping the line', BASE.replace('run Python bytecode at', 'run Python\nbytecode at'), 'one thread', 'same'],
    ['changing case, punctuation and emphasis', BASE.replace('The GIL lets ==one thread== run Python bytecode at a time.', 'The GIL lets ==*One* thread== run python bytecode at a time!'), 'one thread', 'same'],
    ['moving the card into a list item', BASE.replace('The GIL lets', '- The GIL lets'), 'one thread', 'same'],
    ['changing the hidden words', BASE.replace('==one thread==', '==a single thread=='), 'one thread', 'different'],
    ['changing the words around the highlight', BASE.replace('run Python bytecode', 'execute Python bytecode'), 'one thread', 'different'],
    ['moving the highlight to other words', BASE.replace('The GIL lets ==one thread== run', 'The GIL lets one ==thread== run'), 'one thread', 'different'],
    ['changing the answer of a card', BASE.replace('It runs the top-level coroutine.', 'It runs the main coroutine.'), 'It runs the top-level coroutine.', 'different'],
    ['changing the question of a card', BASE.replace('What does `asyncio.run()` do?', 'What is `asyncio.run()` for?'), 'It runs the top-level coroutine.', 'different'],
  ];

  test.each(edits.map(([name, body, answer, expected]) => [name, expected, answer, body] as const))('%s: %s id', (_name, expected, answer, edited) => {
    const after = Object.values(ids(edited));
    expect(after.includes(before[answer]!) ? 'same' : 'different').toBe(expected);
  });

  test('the same card in two notes, or twice in one note, gets distinct ids', () => {
    const a = note(BASE, 'a').map((c) => c.id);
    const b = note(BASE, 'b').map((c) => c.id);
    expect(a.filter((id) => b.includes(id))).toEqual([]);
    const twice: StudyCard[] = note('Say ==hello== now.\n\nSay ==hello== now.');
    expect(twice).toHaveLength(2);
    expect(twice[0]!.id).not.toBe(twice[1]!.id);
  });
});
