// `npm run bench`: builds synthetic vaults with the full pipeline and with bare Starlight, and
// reports time, memory, page weight and search cost against the targets of issues 5 and 15.
// Usage: nice -n 10 npm run bench -- [--notes 1000,10000] [--seed 42] [--results DIR] [--query WORD]
//        [--defer-render] [--warm] [--keep] [--quiet]
//        nice -n 10 npm run bench -- --vault notes   (measure a real vault instead of generated ones)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { anatomy, dirBytes, pageAssets, quantile } from './bench/dist-stats.ts';
import { slug } from 'github-slugger';
import { generateVault, summarizeVault, type VaultSummary } from './bench/generator.ts';
import { measureBuild, parseStages, phaseAt, round } from './bench/measure.ts';
import type { SearchProbe } from './bench/pagefind-probe.ts';
import { diffDirs, WARM_SCENARIOS } from './bench/warm.ts';
import { judgeTargets, toMarkdown, type BenchResult, type BuildResult, type RunResult, type WarmResult } from './bench/report.ts';

const { values: opts } = parseArgs({
  options: {
    notes: { type: 'string', default: '1000,10000' },
    vault: { type: 'string' },
    seed: { type: 'string', default: '42' },
    results: { type: 'string', default: 'bench/results' },
    query: { type: 'string', default: 'thread' },
    'defer-render': { type: 'boolean', default: false },
    warm: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
  },
});
const realVault = opts.vault ? summarizeVault(resolve(opts.vault), slug) : undefined;
const sizes = realVault ? [realVault.notes] : opts.notes.split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0);
// The warm scenarios edit the vault: only a generated one, never the authors' notes.
if (opts.warm && realVault) throw new Error('--warm edits the vault: it runs on generated vaults only, not with --vault');
if (sizes.length === 0) throw new Error(`--notes wants sizes such as 1000,10000, got "${opts.notes}"`);
const root = resolve(import.meta.dirname, '..');
const seed = Number(opts.seed);
const log = (msg: string) => !opts.quiet && console.error(`[bench] ${msg}`);
const loadStart = loadavg().map((n) => round(n, 2));

/** Measures one dist: page sizes over the note pages, one page's assets and anatomy, search cost. */
function measureDist(dist: string, vault: VaultSummary): Omit<BuildResult, 'wall_s' | 'cpu_s' | 'notes_per_s' | 'peak_rss_mb' | 'peak_single_rss_mb' | 'peak_rss_phase' | 'peak_processes' | 'exit_code' | 'stages'> {
  const pages = vault.ids.map((id) => ({ id, file: join(dist, id, 'index.html') })).filter((p) => existsSync(p.file))
    .map((p) => ({ ...p, bytes: statSync(p.file).size }));
  const sizes = pages.map((p) => p.bytes);
  const median = quantile(sizes, 0.5);
  const medianPage = pages.find((p) => p.bytes === median);
  const medianHtml = medianPage ? readFileSync(medianPage.file, 'utf8') : '';
  const assets = medianPage ? pageAssets(dist, medianPage.file) : { external_js_gz: 0, inline_js_gz: 0, js_gz: 0, css_gz: 0, scripts: [], stylesheets: [] };
  let search: SearchProbe | { error: string };
  try {
    const out = execFileSync(process.execPath, [join(root, 'scripts/bench/pagefind-probe.ts'), dist, opts.query], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    search = JSON.parse(out) as SearchProbe;
  } catch (e) {
    search = { error: String((e as { stderr?: string }).stderr || e).slice(0, 500) };
  }
  return {
    dist_bytes: dirBytes(dist),
    html_pages: pages.length,
    page_html_median_bytes: median,
    page_html_p95_bytes: quantile(sizes, 0.95),
    page_html_max_bytes: quantile(sizes, 1),
    page_html_median_gz_bytes: medianPage ? gzipSync(medianHtml).length : null,
    page_js_gz_bytes: assets.js_gz,
    page_css_gz_bytes: assets.css_gz,
    page_assets: assets,
    median_page: { id: medianPage?.id ?? '', anatomy: anatomy(medianHtml) },
    pagefind_index_bytes: dirBytes(join(dist, 'pagefind')),
    first_query_bytes: 'first_query_bytes' in search ? search.first_query_bytes : null,
    search,
  };
}

/** Builds `vault` once with `args` (full or baseline) into its own output and cache folders. */
async function build(kind: 'full' | 'baseline', args: string[], work: string, vault: VaultSummary): Promise<BuildResult> {
  // Astro puts the prerender bundle of an outDir outside the cwd into <cwd>/.astro/.prerender/,
  // shared by every such build: concurrent builds (tests, other helpers) delete each other's
  // chunks (ERR_MODULE_NOT_FOUND). Inside the project, each build gets <outDir>/.prerender/, and
  // the bundle's bare imports still resolve from node_modules (a symlink to a temp folder does
  // not: Node resolves from the real path). bench/out/ is git-ignored; the folder is removed below.
  const dist = join(root, 'bench', 'out', `${basename(work)}-${kind}`);
  cleanup.push(dist);
  const m = await timedBuild(kind, args, vault, dist, join(work, `${kind}-cache`));
  return {
    wall_s: m.wall_s, cpu_s: m.cpu_s, notes_per_s: round(vault.notes / m.wall_s, 1), peak_rss_mb: m.peak_rss_mb, peak_single_rss_mb: m.peak_single_rss_mb,
    peak_rss_phase: m.peak_rss_at_s === null ? null : phaseAt(m.lines, m.peak_rss_at_s), peak_processes: m.peak_processes,
    exit_code: m.exit_code, stages: parseStages(m.lines), ...measureDist(dist, vault),
  };
}

/** One measured build of `vault` into `dist` with Astro's cache (and the render cache) in `cache`. */
async function timedBuild(label: string, args: string[], vault: VaultSummary, dist: string, cache: string) {
  // One build time for every build of the run (Anki packages carry it): warm and cold dist/ are comparable.
  // Social images too are kept in the build's own cache folder: by default every build of the
  // project shares them (SOCIAL_IMAGE_CACHE_DIR), so a "cold" build of a vault drawn before (same
  // seed, or the warm scenarios' cold builds) skipped drawing them.
  const env: Record<string, string> = { NOTES_DIR: vault.dir, OUT_DIR: dist, ASTRO_CACHE_DIR: cache, SOCIAL_IMAGE_CACHE_DIR: join(cache, 'social-images'), ASTRO_TELEMETRY_DISABLED: '1', SOURCE_DATE_EPOCH: String(Math.floor(started.getTime() / 1000)) };
  if (opts['defer-render'] && !label.startsWith('baseline')) env.DEFER_RENDER = '1';
  log(`${vault.notes} notes: ${label} build…`);
  const m = await measureBuild(process.execPath, args, { cwd: root, env, echo: !opts.quiet });
  log(`${vault.notes} notes: ${label} build ${m.exit_code === 0 ? 'done' : `FAILED (exit ${m.exit_code})`} in ${m.wall_s} s (CPU ${m.cpu_s} s), peak RSS ${m.peak_rss_mb} MB`);
  if (m.exit_code !== 0) console.error(m.lines.slice(-30).map((l) => l.text).join('\n'));
  return m;
}

/**
 * The warm scenarios, one after the other on the full build's vault, output and cache: each edit,
 * then a timed rebuild with the cache, then a cold build of the same edited vault (fresh cache,
 * own output) whose dist/ must equal the warm one byte for byte.
 */
async function warmRuns(vault: VaultSummary, work: string, cold: BuildResult): Promise<WarmResult[]> {
  const dist = join(root, 'bench', 'out', `${basename(work)}-full`);
  const out: WarmResult[] = [];
  for (const [i, scenario] of WARM_SCENARIOS.entries()) {
    const edit = scenario(vault.dir);
    log(`${vault.notes} notes: warm scenario ${edit.scenario}: ${edit.detail}`);
    const warm = await timedBuild(`warm (${edit.scenario})`, ['scripts/build.ts'], vault, dist, join(work, 'full-cache'));
    const coldDist = join(root, 'bench', 'out', `${basename(work)}-cold`);
    cleanup.push(coldDist);
    const coldCache = join(work, `cold-cache-${i}`);
    const again = await timedBuild(`cold (${edit.scenario})`, ['scripts/build.ts'], vault, coldDist, coldCache);
    const diff = diffDirs(dist, coldDist);
    rmSync(coldDist, { recursive: true, force: true });
    rmSync(coldCache, { recursive: true, force: true });
    const identical = warm.exit_code === 0 && again.exit_code === 0 && diff.differing.length === 0;
    log(`${vault.notes} notes: warm ${edit.scenario}: ${warm.wall_s} s against ${again.wall_s} s cold; dist ${identical ? 'identical' : `DIFFERS in ${diff.differing.length} file(s): ${diff.differing.slice(0, 5).join(', ')}\n${diff.excerpts.join('\n')}`}`);
    out.push({
      scenario: edit.scenario, edit: edit.detail,
      wall_s: warm.wall_s, cpu_s: warm.cpu_s, peak_rss_mb: warm.peak_rss_mb, exit_code: warm.exit_code, stages: parseStages(warm.lines),
      cold_wall_s: again.wall_s, cold_cpu_s: again.cpu_s, cold_exit_code: again.exit_code,
      of_cold: round(warm.wall_s / again.wall_s, 3), of_first_cold: round(warm.wall_s / cold.wall_s, 3),
      dist_files: diff.files, dist_identical: identical, differing_files: diff.differing.length, differing: diff.differing.slice(0, 50), excerpts: diff.excerpts,
    });
  }
  return out;
}

const git = (args: string[]) => { try { return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim(); } catch { return ''; } };
const started = new Date();
const resultsDir = resolve(root, opts.results);
const stamp = started.toISOString().slice(0, 16).replace(':', '');

/** Writes bench/results/<stamp>.json and .md for the runs so far; returns the Markdown. */
function writeResults(runs: RunResult[]): string {
  const scaling = runs.slice(1).map((r, i) => {
    const prev = runs[i]!;
    return {
      from: prev.notes, to: r.notes, notes_ratio: round(r.notes / prev.notes, 2),
      full_time_ratio: round(r.full.wall_s / prev.full.wall_s, 2), baseline_time_ratio: round(r.baseline.wall_s / prev.baseline.wall_s, 2),
      full_cpu_ratio: r.full.cpu_s && prev.full.cpu_s ? round(r.full.cpu_s / prev.full.cpu_s, 2) : null,
      html_median_from: prev.page_html_median_bytes, html_median_to: r.page_html_median_bytes,
    };
  });
  const result: BenchResult = {
    date: started.toISOString(),
    commit: git(['rev-parse', 'HEAD']) || 'unknown',
    dirty: git(['status', '--porcelain', '--untracked-files=no']) !== '',
    machine: {
      cores: availableParallelism(), memory_gb: round(totalmem() / 2 ** 30, 1), cpu: cpus()[0]?.model ?? 'unknown', node: process.version,
      load_avg_start: loadStart, load_avg_end: loadavg().map((n) => round(n, 2)),
    },
    options: { seed, defer_render: opts['defer-render'], warm: opts.warm, query: opts.query, ...(opts.vault ? { vault: opts.vault } : {}) },
    runs, scaling, targets: judgeTargets(runs, scaling),
    notes: [
      'Peak RSS: summed RSS of the build process and all its descendants, sampled from /proc every 100 ms (pages shared between processes are counted in each). CPU time: GNU time over the whole build (user + system).',
      runs.some((r) => Object.keys(r.full.stages.project).length)
        ? 'Project stages: from `[stage] <name>: <n> ms` lines in the build output.'
        : 'Project stages (link graph, backlinks, concept pages): not separable, the build logs no `[stage] <name>: <n> ms` lines yet (stages.project is empty).',
      'Timings on a shared machine: compare runs of the same date and load only.',
      ...(runs.length < sizes.length ? [`Partial: ${runs.length} of ${sizes.length} sizes done (${sizes.join(', ')}).`] : []),
    ],
  };
  mkdirSync(resultsDir, { recursive: true });
  const md = toMarkdown(result);
  writeFileSync(join(resultsDir, `${stamp}.json`), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(resultsDir, `${stamp}.md`), md);
  log(`wrote ${join(resultsDir, `${stamp}.json`)} and .md (${runs.length}/${sizes.length} sizes)`);
  return md;
}

const runs: RunResult[] = [];
/** Output folders to remove once measured (they live in bench/out/, see build()). */
const cleanup: string[] = [];
let md = '';
for (const n of sizes) {
  const work = mkdtempSync(join(tmpdir(), `bench-${n}-`));
  try {
    const vault = realVault ?? generateVault(join(work, 'vault'), n, seed);
    log(`${n} notes: vault of ${(vault.bytes / 1048576).toFixed(1)} MB, ${vault.wikilinks} wikilinks, ${vault.translations} translations in ${work}`);
    const full = await build('full', ['scripts/build.ts'], work, vault);
    const baseline = await build('baseline', ['node_modules/astro/bin/astro.mjs', 'build', '--root', 'bench/baseline'], work, vault);
    const warm = opts.warm ? await warmRuns(vault, work, full) : undefined;
    runs.push({
      notes: n,
      vault: { bytes: vault.bytes, wikilinks: vault.wikilinks, unresolved_links: vault.unresolvedLinks, python_blocks: vault.pythonBlocks, translations: vault.translations },
      full, baseline, ratio: round(full.wall_s / baseline.wall_s, 2),
      cpu_ratio: full.cpu_s && baseline.cpu_s ? round(full.cpu_s / baseline.cpu_s, 2) : null,
      page_html_median_bytes: full.page_html_median_bytes, page_html_p95_bytes: full.page_html_p95_bytes,
      page_js_gz_bytes: full.page_js_gz_bytes, pagefind_index_bytes: full.pagefind_index_bytes, first_query_bytes: full.first_query_bytes,
      ...(warm ? { warm } : {}),
    });
  } finally {
    if (opts.keep) log(`kept ${work} and ${cleanup.join(', ')}`);
    else for (const dir of [work, ...cleanup.splice(0)]) rmSync(dir, { recursive: true, force: true });
  }
  md = writeResults(runs);
}

console.log(md);
// A warm rebuild whose dist/ differs from a cold build of the same vault is a failure, not a figure.
process.exitCode = runs.every((r) => r.full.exit_code === 0 && r.baseline.exit_code === 0 && (r.warm ?? []).every((w) => w.dist_identical)) ? 0 : 1;
