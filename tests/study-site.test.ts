import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { readApkg } from './support/anki-read.ts';

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

  test('a tag has its own deck file with only its notes’ cards: a tag session never loads all.json', () => {
    const index = json('study/decks.json');
    expect(index.tags.map((t: { tag: string; deck: string }) => [t.tag, t.deck])).toEqual([['blog', '/study/tags/blog.json'], ['python', '/study/tags/python.json']]);
    for (const tag of ['blog', 'python']) {
      const file = json(`study/tags/${tag}.json`);
      expect(file.tag).toBe(tag);
      expect(file.notes).toEqual(json('study/all.json').notes);
    }
  });

  test('the Anki packages exist for the vault and for each tag: 17 notes with title and link back as fields', () => {
    const all = readApkg(readFileSync(join(dist, 'study/anki/all.apkg')));
    expect(all.notes).toHaveLength(17);
    expect(all.cards).toHaveLength(17);
    expect(all.models.map((m) => [m.type, m.fields.join(',')]).sort()).toEqual([[0, 'Front,Back,Note,Link'], [1, 'Text,Back Extra,Note,Link']]);
    expect(new Set(all.notes.map((n) => n.fields[2]))).toEqual(new Set(['Python concurrency']));
    // The test build sets no SITE_URL: no host is invented, the link is the page's path.
    for (const n of all.notes) expect(n.fields[3]).toMatch(/^\/python-concurrency\/(#[a-z0-9-]+)?$/);
    // The same notes (the seeds' two tags are on the one note), GUIDs and ids in every package.
    const key = (p: typeof all) => p.notes.map((n) => [n.id, n.guid, n.fields.join('|')]);
    for (const tag of ['blog', 'python']) expect(key(readApkg(readFileSync(join(dist, `study/anki/tags/${tag}.apkg`))))).toEqual(key(all));
  });
});
