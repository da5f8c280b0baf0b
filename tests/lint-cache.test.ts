// The lint cache (src/lib/lint-cache.ts): a note's per-note results are reused while its key is
// unchanged; a cross-note change (a new note, a renamed heading) changes exactly the results of
// the notes whose links now resolve differently, and a cached run reports what an uncached one does.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import '../src/lib/checks.ts';
import { lintVault } from '../src/lib/lint.ts';
import { openLintCache } from '../src/lib/lint-cache.ts';
import { formatProblem, sortProblems } from '../src/lib/problems.ts';
import { loadSiteConfig } from '../src/lib/site-config.ts';
import { scanVault } from '../src/lib/vault.ts';

const work = mkdtempSync(join(tmpdir(), 'lint-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const NOTES: Record<string, string> = {
  'a.md': '# A\n\nLinks to [[b]] and to [[Lock]], a note not written yet.\n',
  'b.md': '# B\n\n## Locks\n\nText of b.\n',
  'c.md': '# C\n\nSee [[b#Locks]].\n',
  'd.md': '# D\n\nA ==cloze that never closes.\n',
  'e.md': '# E\n\nNo links at all. ![missing](nowhere.png)\n',
  'locks.md': '# Locks\n\nAbout locks.\n',
};

function vault(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(NOTES)) writeFileSync(join(dir, file), text);
  return dir;
}

/** One lint run of `dir` with the cache file `cache` (none: uncached): each note file's problem lines. */
async function lint(dir: string, cache?: string, env: Record<string, string> = {}) {
  const config = loadSiteConfig({ env: { NOTES_DIR: dir, ...env }, gitRemote: null });
  const v = scanVault({ dir, displayDir: 'notes' });
  const c = cache === undefined ? undefined : openLintCache(cache, config, v);
  const problems = sortProblems(await lintVault(v, { cache: c }));
  c?.save();
  const results: Record<string, string[]> = Object.fromEntries(v.notes.map((n) => [n.file, []]));
  for (const p of problems) (results[p.file] ??= []).push(formatProblem(p));
  return { results, checked: [...(c?.stats.checked ?? [])].sort(), hits: c?.stats.hits ?? 0 };
}

/** Note files whose problem lines differ between two runs (or that only one run has). */
function changed(before: Record<string, string[]>, after: Record<string, string[]>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f])).sort();
}

describe('lint cache', () => {
  test('the same input is a cache hit for every note, with the same results', async () => {
    const dir = vault('same');
    const cache = join(dir, '..', 'same-cache.json');
    const cold = await lint(dir, cache);
    expect(cold.checked).toHaveLength(6);
    const warm = await lint(dir, cache);
    expect(warm.checked).toEqual([]);
    expect(warm.hits).toBe(6);
    expect(warm.results).toEqual(cold.results);
    // The cached per-note problems are really there (a cloze, an image), not just absent.
    expect(warm.results['notes/d.md']!.join('\n')).toMatch(/cloze-unclosed/);
    expect(warm.results['notes/e.md']!.join('\n')).toMatch(/image-missing/);
    expect(warm.results).toEqual((await lint(dir)).results);
  });

  test('a new note that an unresolved link names changes only the linking note', async () => {
    const dir = vault('new-note');
    const cache = join(dir, '..', 'new-note-cache.json');
    const before = await lint(dir, cache);
    expect(before.results['notes/a.md']!.join('\n')).toMatch(/\[\[Lock\]\].*did you mean.*\[link-typo\]/);
    writeFileSync(join(dir, 'lock.md'), '# Lock\n\nNow written.\n');
    const after = await lint(dir, cache);
    // Only the new note is checked; a's link now resolves, so its warning is gone.
    expect(after.checked).toEqual(['notes/lock.md']);
    expect(changed(before.results, after.results)).toEqual(['notes/a.md', 'notes/lock.md']);
    expect(after.results['notes/a.md']).toEqual([]);
    expect(after.results['notes/lock.md']).toEqual([]);
    expect(after.results).toEqual((await lint(dir)).results);
  });

  test('renaming a heading changes the results of the notes linking to it', async () => {
    const dir = vault('heading');
    const cache = join(dir, '..', 'heading-cache.json');
    const before = await lint(dir, cache);
    writeFileSync(join(dir, 'b.md'), '# B\n\n## Mutexes\n\nText of b.\n');
    const after = await lint(dir, cache);
    // b is checked again (its text changed) and its results stay empty; c links to the old heading.
    expect(after.checked).toEqual(['notes/b.md']);
    expect(changed(before.results, after.results)).toEqual(['notes/c.md']);
    expect(after.results['notes/c.md']!.join('\n')).toMatch(/\[missing-heading\]/);
    expect(after.results).toEqual((await lint(dir)).results);
  });

  test('a configuration change checks every note again', async () => {
    const dir = vault('config');
    const cache = join(dir, '..', 'config-cache.json');
    await lint(dir, cache);
    const other = await lint(dir, cache, { SITE_TITLE: 'Other title' });
    expect(other.checked).toHaveLength(6);
    expect(other.hits).toBe(0);
  });

  test('a deleted or damaged cache file only costs a full check', async () => {
    const dir = vault('damaged');
    const cache = join(dir, '..', 'damaged-cache.json');
    const cold = await lint(dir, cache);
    writeFileSync(cache, '{"version": 1, "entries": ');
    const damaged = await lint(dir, cache);
    expect(damaged.checked).toHaveLength(6);
    expect(damaged.results).toEqual(cold.results);
    rmSync(cache);
    expect((await lint(dir, cache)).results).toEqual(cold.results);
  });
});
