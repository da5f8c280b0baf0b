import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, test } from 'vitest';

/** The study files of the real notes, as `npm run build` writes them. */
describe('study data in the built site', () => {
  let dist: string;
  beforeAll(() => {
    dist = process.env.STUDY_SITE_DIR ?? inject('siteDir');
  });
  const json = (path: string) => JSON.parse(readFileSync(join(dist, path), 'utf8'));

  test('decks.json, the note deck and all.json agree: python-concurrency has 17 cards', () => {
    const index = json('study/decks.json');
    expect(index.notes.map((n: { id: string; cards: string[] }) => [n.id, n.cards.length])).toEqual([['python-concurrency', 17]]);
    const note = json('study/notes/python-concurrency.json');
    expect(note.cards.map((c: { id: string }) => c.id)).toEqual(index.notes[0].cards);
    expect(json('study/all.json').notes[0]).toEqual(note);
  });

  test('card data is in the JSON files, not in the pages: the study page and the note carry no card text', () => {
    const studyPage = readFileSync(join(dist, 'study/index.html'), 'utf8');
    const notePage = readFileSync(join(dist, 'python-concurrency/index.html'), 'utf8');
    expect(studyPage).not.toContain('cloze-hole');
    expect(notePage).not.toContain('cloze-hole');
    expect(notePage).toContain('data-deck="/study/notes/python-concurrency.json"');
    expect(notePage).toMatch(/<a class="study-review-link" href="\/study\/\?deck=note%3Apython-concurrency">Review this note<\/a>/);
  });

  test('the Anki files exist for the vault and for each tag, with links back to each note', () => {
    const all = readFileSync(join(dist, 'study/anki/all.txt'), 'utf8');
    expect(all.startsWith('#separator:tab\n#html:true\n')).toBe(true);
    expect(all.split('\n').filter((l) => l.startsWith('"Cloze"')).length).toBe(11);
    // The test build sets no SITE_URL: no host is invented, the link is the page's path.
    expect(all).toContain('href=""/python-concurrency/""');
    expect(all).not.toContain('localhost');
    for (const tag of ['blog', 'python']) expect(readFileSync(join(dist, `study/anki/tags/${tag}.txt`), 'utf8')).toBe(all);
  });
});
