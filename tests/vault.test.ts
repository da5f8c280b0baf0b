import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
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

describe('the build refuses bad notes without a stack trace', () => {
  const run = (script: string) =>
    spawnSync(process.execPath, [script], {
      env: { ...process.env, NOTES_DIR: badDir, OUT_DIR: resolve('node_modules/.cache/never-built') },
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

  test('npm run build stops before Astro when a note has an error', () => {
    const { status, stderr, stdout } = run('scripts/build.ts');
    expect(status).toBe(1);
    expect(stderr).toContain('build stopped: fix the note errors above');
    expect(stdout + stderr).not.toMatch(/^\s+at /m);
    expect(stdout).not.toContain('[build]');
  });

  test('warnings alone do not fail the lint', () => {
    const { status } = spawnSync(process.execPath, ['scripts/lint-notes.ts'], {
      env: { ...process.env, NOTES_DIR: resolve('tests/fixtures/dialects') },
      encoding: 'utf8',
    });
    expect(status).toBe(0);
  });
});
