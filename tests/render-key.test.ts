// The render cache's keys (src/lib/render-key.ts): a cross-note change changes the keys of exactly
// the notes whose links or embeds now resolve differently, and no other note's.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildLinkGraph } from '../src/lib/link-graph.ts';
import { renderKeys } from '../src/lib/render-key.ts';
import { scanVault } from '../src/lib/vault.ts';

const work = mkdtempSync(join(tmpdir(), 'render-key-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const NOTES: Record<string, string> = {
  'a.md': '# A\n\nLinks to [[b]] and [[missing note]].\n',
  'b.md': '# B\n\n## Locks\n\nText of b.\n',
  'c.md': '# C\n\nSee [[b#Locks]].\n',
  'd.md': '# D\n\n![[b]]\n',
  'e.md': '# E\n\nNo links at all.\n',
  'f.md': '# F\n\n![[d]]\n',
};

function vault(name: string, files = NOTES): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

const keysOf = (dir: string, pipeline = 'p1') => renderKeys(buildLinkGraph(scanVault({ dir })), pipeline, dir, () => 'targets');
/** Ids whose key differs between two key maps (or that only one has). */
function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((id) => before.get(id) !== after.get(id)).sort();
}

describe('render keys', () => {
  test('the same vault gives the same keys', () => {
    const dir = vault('same');
    expect(changed(keysOf(dir), keysOf(dir))).toEqual([]);
  });

  test('a new note that an unresolved link names changes only the linking note', () => {
    const dir = vault('new-note');
    const before = keysOf(dir);
    writeFileSync(join(dir, 'missing note.md'), '# Missing note\n\nNow written.\n');
    // The new note itself is new; of the others, only a links to it.
    expect(changed(before, keysOf(dir))).toEqual(['a', 'missing-note']);
  });

  test('renaming a heading changes the notes linking to it, and those embedding its note', () => {
    const dir = vault('heading');
    const before = keysOf(dir);
    writeFileSync(join(dir, 'b.md'), '# B\n\n## Mutexes\n\nText of b.\n');
    // b's own page changes by its own file (Astro compares that); c links to the heading; d embeds b, f embeds d.
    expect(changed(before, keysOf(dir))).toEqual(['c', 'd', 'f']);
  });

  test('editing the text of an embedded note re-renders its embedders only', () => {
    const dir = vault('embed');
    const before = keysOf(dir);
    writeFileSync(join(dir, 'b.md'), '# B\n\n## Locks\n\nOther text of b.\n');
    expect(changed(before, keysOf(dir))).toEqual(['d', 'f']);
  });

  test('deleting a note changes the notes that linked to it', () => {
    const dir = vault('delete');
    const before = keysOf(dir);
    rmSync(join(dir, 'b.md'));
    const after = keysOf(dir);
    expect(after.has('b')).toBe(false);
    // a and c link to b, d embeds it, f embeds d; e is untouched.
    expect(changed(before, after)).toEqual(['a', 'b', 'c', 'd', 'f']);
  });

  test('a pipeline change (code, configuration) changes every key', () => {
    const dir = vault('pipeline');
    const before = keysOf(dir, 'p1');
    expect(changed(before, keysOf(dir, 'p2'))).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
});
