// The pieces of rebuilds that reuse work: the key-carrying Starlight route, and values kept between builds.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cachedEach } from '../src/lib/build-cache.ts';
import { keyStarlightRoute, staleOutputs } from '../src/integrations/page-cache.ts';

const work = mkdtempSync(join(tmpdir(), 'page-keys-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("Starlight's note route with page keys", () => {
  const installed = readFileSync('node_modules/@astrojs/starlight/dist/routes/static/index.astro', 'utf8');

  test('the installed route is the one the plugin knows, and its paths get keys', () => {
    const keyed = keyStarlightRoute(installed, '/site/src/lib/page-keys.ts');
    expect(keyed).toContain('import { withNotePageKeys } from "/site/src/lib/page-keys.ts";');
    expect(keyed).toContain("return withNotePageKeys(paths, await getCollection('docs'));");
    expect(keyed).not.toMatch(/return paths;/);
    // Everything else of Starlight's route is kept as it is.
    expect(keyed.replace(/\nimport \{ getCollection \}.*\nimport \{ withNotePageKeys \}.*/, '').replace("withNotePageKeys(paths, await getCollection('docs'))", 'paths')).toBe(installed);
  });

  test('a route that changed stops the build with where to look', () => {
    expect(() => keyStarlightRoute(installed.replace('return paths;', 'return [...paths];'))).toThrow(/src\/integrations\/page-cache\.ts: Starlight's page route changed/);
  });
});

describe('values kept between builds', () => {
  const file = join(work, 'values.json');
  const items = ['a', 'bb', 'ccc'];

  test('computes each value once, then reuses it while the key and version stay', () => {
    const calls: string[] = [];
    const length = (s: string) => (calls.push(s), s.length);
    expect(cachedEach(file, 'v1', items, (s) => s, length)).toEqual({ values: [1, 2, 3], computed: 3 });
    expect(cachedEach(file, 'v1', items, (s) => s, length)).toEqual({ values: [1, 2, 3], computed: 0 });
    expect(calls).toEqual(['a', 'bb', 'ccc']);
  });

  test('computes again what changed, and everything under another version', () => {
    expect(cachedEach(file, 'v1', ['a', 'dddd'], (s) => s, (s) => s.length).computed).toBe(1);
    // Only this call's values are kept: 'bb' and 'ccc' are gone from the file.
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).entries)).toHaveLength(2);
    expect(cachedEach(file, 'v2', ['a', 'dddd'], (s) => s, (s) => s.length).computed).toBe(2);
  });

  test('a torn file, or none, only costs the work', () => {
    writeFileSync(file, '{"version":"v2","entr');
    expect(cachedEach(file, 'v2', items, (s) => s, (s) => s.length)).toEqual({ values: [1, 2, 3], computed: 3 });
    expect(cachedEach(undefined, 'v2', items, (s) => s, (s) => s.length).computed).toBe(3);
  });
});

describe('what a build leaves in its output folder', () => {
  const out = join(work, 'dist');
  const manifest = join(work, 'incremental-build.json');
  // The build started 30 s ago: earlier builds' files are older, this build's newer.
  const since = Date.now() - 30_000;
  const file = (rel: string, old: boolean) => {
    mkdirSync(join(out, rel, '..'), { recursive: true });
    writeFileSync(join(out, rel), rel);
    // Earlier builds' files are older than this build's start.
    if (old) utimesSync(join(out, rel), new Date(since - 60_000), new Date(since - 60_000));
  };
  file('kept/index.html', true);
  file('café au lait/index.html', true);
  file('og/notes/kept.png', true);
  file('gone/index.html', true);
  file('_astro/old.1234.js', true);
  file('written/index.html', false);
  file('pagefind/pagefind.old.pf_meta', true);
  const stale = () => staleOutputs(out, manifest, since).map((f) => f.slice(out.length + 1)).sort();

  test("removes what this build neither wrote nor kept from the last one (Astro's manifest)", () => {
    writeFileSync(manifest, JSON.stringify({ version: 1, routes: { 'a.astro': { paths: { '/kept': { outputFile: 'kept/index.html' }, '/café au lait': { outputFile: 'caf%C3%A9%20au%20lait/index.html' } } }, 'og.ts': { paths: { '/og/notes/kept.png': { outputFile: 'og/notes/kept.png' } } } } }));
    expect(stale()).toEqual(['_astro/old.1234.js', 'gone/index.html', 'pagefind/pagefind.old.pf_meta']);
  });

  test('without a manifest every file older than the build is stale, as if the folder had been emptied', () => {
    rmSync(manifest);
    expect(stale()).toEqual(['_astro/old.1234.js', 'café au lait/index.html', 'gone/index.html', 'kept/index.html', 'og/notes/kept.png', 'pagefind/pagefind.old.pf_meta']);
  });

  test("a manifest of another Astro version stops the build rather than guess", () => {
    writeFileSync(manifest, JSON.stringify({ version: 2, routes: {} }));
    expect(() => stale()).toThrow(/incremental-build\.json is not the version 1 this reads/);
  });
});
