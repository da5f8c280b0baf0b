// Proves the bench harness works end to end on a tiny vault. Asserts the shape and sanity of the
// results, never timings: CI machines are too noisy for that.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { slug } from 'github-slugger';
import { generateVault, summarizeVault } from '../scripts/bench/generator.ts';
import type { BenchResult, BuildResult } from '../scripts/bench/report.ts';

const NOTES = 20;

describe('npm run bench on a 20-note vault', () => {
  let dir: string;
  let result: BenchResult;
  let markdown: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bench-test-'));
    execFileSync(process.execPath, ['scripts/bench.ts', '--notes', String(NOTES), '--results', dir, '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const files = readdirSync(dir);
    result = JSON.parse(readFileSync(join(dir, files.find((f) => f.endsWith('.json'))!), 'utf8')) as BenchResult;
    markdown = readFileSync(join(dir, files.find((f) => f.endsWith('.md'))!), 'utf8');
  }, 300_000);
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  test('records the commit and the machine', () => {
    expect(result.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(result.machine.cores).toBeGreaterThan(0);
    expect(result.machine.memory_gb).toBeGreaterThan(0);
  });

  test('writes one run per size with the headline figures', () => {
    expect(result.runs).toHaveLength(1);
    const run = result.runs[0]!;
    expect(run.notes).toBe(NOTES);
    for (const key of ['ratio', 'page_html_median_bytes', 'page_html_p95_bytes', 'page_js_gz_bytes', 'pagefind_index_bytes', 'first_query_bytes'] as const) {
      expect(run[key], key).toBeGreaterThan(0);
    }
    expect(run.page_html_p95_bytes!).toBeGreaterThanOrEqual(run.page_html_median_bytes!);
  });

  test.each(['full', 'baseline'] as const)('the %s build succeeds and is measured', (kind) => {
    const b: BuildResult = result.runs[0]![kind];
    expect(b.exit_code).toBe(0);
    expect(b.wall_s).toBeGreaterThan(0);
    if (b.cpu_s !== null) expect(b.cpu_s).toBeGreaterThan(0);
    expect(b.peak_rss_mb).toBeGreaterThan(50);
    expect(b.html_pages).toBe(NOTES);
    // A note page is a whole Starlight page: more than a few KB, far less than a few MB.
    expect(b.page_html_median_bytes).toBeGreaterThan(5_000);
    expect(b.page_html_median_bytes).toBeLessThan(2_000_000);
    expect(b.page_assets.scripts.length).toBeGreaterThan(0);
    expect(b.dist_bytes).toBeGreaterThan(b.pagefind_index_bytes);
  });

  test('a first search query loads the entry, the wasm, an index chunk and result fragments', () => {
    const search = result.runs[0]!.full.search;
    expect('error' in search ? search.error : '').toBe('');
    if ('error' in search) return;
    expect(search.results).toBeGreaterThan(0);
    expect(Object.keys(search.by_kind)).toEqual(expect.arrayContaining(['entry', 'wasm', 'index', 'fragment']));
    expect(search.first_query_bytes).toBe(Object.values(search.by_kind).reduce((a, b) => a + b, 0));
  });

  test('judges every target and prints them as a Markdown table', () => {
    expect(result.targets.map((t) => t.id)).toEqual(expect.arrayContaining(['full-vs-baseline', 'throughput', 'peak-rss', 'page-js', 'first-query', `html-median-${NOTES}`]));
    // CPU-time targets need GNU time (/usr/bin/time); every other target is always measured.
    for (const t of result.targets.filter((x) => !x.id.endsWith('-cpu'))) expect([true, false], t.id).toContain(t.met);
    expect(markdown).toMatch(/^\| full build time ≤ 1\.5× bare Starlight \| 20 \|/m);
    expect(markdown).toContain(`| wall time |`);
  });
});

describe('the synthetic vault generator', () => {
  test('is deterministic for a seed and writes translations with the FORMAT.md header', () => {
    const a = mkdtempSync(join(tmpdir(), 'bench-gen-'));
    const b = mkdtempSync(join(tmpdir(), 'bench-gen-'));
    try {
      const first = generateVault(a, 50, 7);
      const second = generateVault(b, 50, 7);
      expect(second).toEqual({ ...first, dir: b });
      expect(first.wikilinks / first.notes).toBeGreaterThan(6);
      expect(first.unresolvedLinks / first.wikilinks).toBeGreaterThan(0.1);
      expect(first.translations).toBeGreaterThan(0);
      const folder = readdirSync(a, { withFileTypes: true }).find((d) => d.isDirectory())!;
      const ts = readFileSync(join(a, folder.name, readdirSync(join(a, folder.name))[0]!), 'utf8');
      expect(ts).toMatch(/^\/\*\*\n \* @python sha256:[0-9a-f]{16}\n \* @mode run\n/);
      expect(ts).toMatch(/\/\/ Output:\n/);
      // --vault DIR summarises a real folder the same way: same ids, notes, translations, links.
      const seen = summarizeVault(a, slug);
      expect({ ...seen, ids: [...seen.ids].sort() }).toMatchObject({ notes: 50, ids: [...first.ids].sort(), translations: first.translations, pythonBlocks: first.pythonBlocks, wikilinks: first.wikilinks, bytes: first.bytes });
    } finally {
      rmSync(a, { recursive: true, force: true });
      rmSync(b, { recursive: true, force: true });
    }
  });
});
