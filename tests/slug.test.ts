import { describe, expect, test } from 'vitest';
import { isReservedNotePath, linkKey, noteIdFromPath, prettifyTarget } from '../src/lib/slug.ts';
import { formatProblem } from '../src/lib/problems.ts';
import { scanVault } from '../src/lib/vault.ts';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('note ids (URL paths)', () => {
  test.each([
    ['python-concurrency.md', 'python-concurrency', false],
    ['Concurrency Options.md', 'concurrency-options', false],
    ['a/B c.md', 'a/b-c', false],
    ['Événements asynchrones.md', 'événements-asynchrones', false],
    ['GIL (Global Interpreter Lock).md', 'gil-global-interpreter-lock', false],
    // The site's own pages keep their URLs; a note there moves aside instead of vanishing.
    ['index.md', 'index-note', true],
    ['tags.md', 'tags-note', true],
    ['Tags/asyncio.md', 'tags-note/asyncio', true],
    ['notes.md', 'notes-note', true],
    ['concepts.md', 'concepts-note', true],
    ['Study.md', 'study-note', true],
    ['404.md', '404-note', true],
    // Social images live under /og/ (src/pages/og/).
    ['og/site.md', 'og-note/site', true],
    ['guides/index.md', 'guides/index-note', true],
    ['guides/tags.md', 'guides/tags', false],
  ])('%s -> /%s/', (path, id, reserved) => {
    expect(noteIdFromPath(path)).toBe(id);
    expect(isReservedNotePath(path)).toBe(reserved);
  });

  test('a note moved aside is reported once, with where it went', () => {
    const dir = mkdtempSync(join(tmpdir(), 'reserved-'));
    mkdirSync(join(dir, 'guides'));
    writeFileSync(join(dir, 'tags.md'), '# Tags\n\nA note about tags.\n');
    writeFileSync(join(dir, 'index.md'), '# Start here\n\nThe vault’s home note.\n');
    writeFileSync(join(dir, 'guides', 'index.md'), '# Guides\n\nFolder note.\n');
    const vault = scanVault({ dir });
    expect(vault.problems.map(formatProblem).sort()).toEqual([
      'notes/guides/index.md:1:1 warning: /guides/ is a page of the site itself: this note is published at /guides/index-note/ [reserved-url]',
      'notes/index.md:1:1 warning: / is a page of the site itself: this note is published at /index-note/ [reserved-url]',
      'notes/tags.md:1:1 warning: /tags/ is a page of the site itself: this note is published at /tags-note/ [reserved-url]',
    ]);
    expect(vault.notes.map((n) => n.id).sort()).toEqual(['guides/index-note', 'index-note', 'tags-note']);
  });
});

describe('link keys and concept titles', () => {
  test.each([
    ['computer_network', 'Computer network'],
    ['Computer-Network', 'computer network'],
    ['note.md', 'Note'],
  ])('%j and %j are the same target', (a, b) => {
    expect(linkKey(a)).toBe(linkKey(b));
  });

  test.each([
    ['computer_science', 'Computer science'],
    ['input_output', 'Input output'],
    ['GIL', 'GIL'],
    ['asyncio', 'Asyncio'],
  ])('%j is titled %j', (target, title) => {
    expect(prettifyTarget(target)).toBe(title);
  });
});
