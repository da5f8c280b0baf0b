import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatProblem, sortProblems } from '../src/lib/problems.ts';
import { scanVault } from '../src/lib/vault.ts';

const badDir = resolve('tests/fixtures/bad-notes');

describe('scanVault on a folder of bad input', () => {
  const vault = scanVault({ dir: badDir, displayDir: 'notes' });
  const messages = sortProblems(vault.problems).map(formatProblem);

  test('reports every bad file as notes/FILE:LINE:COL with a clear reason', () => {
    expect(messages).toEqual([
      'notes/empty.md:1:1 warning: empty note: nothing to publish, skipped [empty-note]',
      'notes/event-loop.md:1:1 error: event-loop.md and Event Loop.md both publish to /event-loop/: rename one of them [duplicate-id]',
      'notes/frontmatter-only.md:4:1 warning: note has frontmatter but no content: skipped [empty-note]',
      expect.stringMatching(/^notes\/invalid-yaml\.md:3:\d+ error: invalid YAML frontmatter: .+ \[frontmatter-yaml\]$/),
      'notes/stray.txt:1:1 warning: ignored: not a Markdown note (only .md files become notes) [not-markdown]',
      'notes/toml.md:1:1 error: TOML frontmatter (+++) is not supported: write it as YAML between --- lines [frontmatter-toml]',
      'notes/wrong-type.md:3:1 error: tags must be a list of words or a comma-separated string, got number 5 [frontmatter-tags]',
    ]);
  });

  test('loses nothing else: good notes are published, bad ones and drafts left out', () => {
    expect(vault.notes.map((n) => n.id).sort()).toEqual(['event-loop', 'good-note']);
    expect(vault.excluded.sort()).toEqual(
      ['draft.md', 'empty.md', 'event-loop.md', 'frontmatter-only.md', 'invalid-yaml.md', 'toml.md', 'wrong-type.md'].sort(),
    );
  });

  test('files in a note’s own folder (its translations) are not strays', () => {
    expect(messages.some((m) => m.includes('good-note/translation.ts'))).toBe(false);
  });

  test('drafts are published only when asked (astro dev)', () => {
    const dev = scanVault({ dir: badDir, displayDir: 'notes', includeDrafts: true });
    expect(dev.notes.map((n) => n.id)).toContain('draft');
  });
});

describe('bad notes are reported without a stack trace', () => {
  mkdirSync(resolve('node_modules/.cache/site-builds'), { recursive: true });
  const work = mkdtempSync(resolve('node_modules/.cache/site-builds/bad-'));
  const { NODE_ENV: _n, BASE_URL: _b, ...env } = process.env;
  const run = (script: string) =>
    spawnSync(process.execPath, [script], {
      env: { ...env, NOTES_DIR: badDir, OUT_DIR: join(work, 'dist'), ASTRO_CACHE_DIR: join(work, 'cache') },
      encoding: 'utf8',
    });

  test('npm run lint exits 1 and prints one line per problem plus a summary', () => {
    const { status, stderr } = run('scripts/lint-notes.ts');
    expect(status).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines.at(-1)).toBe('notes: 2 published, 7 left out, 4 errors, 3 warnings');
    expect(lines).toContain('notes/wrong-type.md:3:1 error: tags must be a list of words or a comma-separated string, got number 5 [frontmatter-tags]');
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  test('npm run build exits 1 when a note has an error, and builds the other notes', () => {
    const { status, stderr, stdout } = run('scripts/build.ts');
    expect(status).toBe(1);
    expect(stderr).toMatch(/notes with errors \(above\) are left out; every other note is in/);
    expect(stdout + stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(work, 'dist/good-note/index.html'))).toBe(true);
  }, 240_000);

  test('warnings alone do not fail the lint', () => {
    const { status } = spawnSync(process.execPath, ['scripts/lint-notes.ts'], {
      env: { ...process.env, NOTES_DIR: resolve('tests/fixtures/dialects') },
      encoding: 'utf8',
    });
    expect(status).toBe(0);
  });
});
