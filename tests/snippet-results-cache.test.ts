// A page shows the current snippet results: Astro's content cache keys a rendered note by its own
// text, so the notes loader drops a Python note's cached render when the results change.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, expect, test } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const scratch = join(root, 'node_modules', '.cache', 'site-builds');
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'results-cache-'));
const results = join(work, 'snippet-results.json');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const writeResults = (status: 'checked' | 'failed', output: string) => writeFileSync(results, JSON.stringify({
  'notes/cache-demo/hi.ts': { python: 'sha256:336f365e3407c762', note: 'notes/cache-demo.md', line: 5, mode: 'run', status, parity: 'skipped', output },
}));
/** Builds the fixture vault with one Astro cache shared by every build of this test. */
const build = (out: string) => {
  const r = spawnSync(process.execPath, ['scripts/build.ts'], {
    cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NOTES_DIR: resolve('tests/fixtures/snippet-cache'), SNIPPET_RESULTS: results, OUT_DIR: join(work, out), ASTRO_CACHE_DIR: join(work, 'cache'), ASTRO_TELEMETRY_DISABLED: '1' },
  });
  expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
  // The badges are on the note (a cached render); the run's output on the note's translations page.
  const read = (...path: string[]) => readFileSync(join(work, out, ...path, 'index.html'), 'utf8');
  return { note: read('cache-demo'), translations: read('translations', 'cache-demo') };
};

test('a build after a new check shows the new results, not the cached page of the earlier ones', () => {
  writeResults('checked', 'first-run-output-a1\n');
  const first = build('dist-1');
  expect(first.translations).toContain('first-run-output-a1');
  expect(first.note).toContain('code-tabs__badge--checked');

  writeResults('failed', '');
  const second = build('dist-2');
  expect(second.translations).not.toContain('first-run-output-a1');
  expect(second.note).not.toContain('code-tabs__badge--checked');
  expect(second.note).toContain('code-tabs__badge--failed');
  expect(second.translations).toContain('code-tabs__badge--failed');

  writeResults('checked', 'third-run-output-c3\n');
  const third = build('dist-3');
  expect(third.translations).toContain('third-run-output-c3');
  expect(third.note).toContain('code-tabs__badge--checked');
}, 600_000);
