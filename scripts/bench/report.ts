// The bench's results as JSON types, the targets they are judged against, and a Markdown table.
import type { Anatomy, PageAssets } from './dist-stats.ts';
import type { Stages } from './measure.ts';
import type { SearchProbe } from './pagefind-probe.ts';

/** Everything measured about one build of one vault. */
export interface BuildResult {
  wall_s: number;
  notes_per_s: number;
  /** CPU seconds of the whole build (user + system); null without GNU time. */
  cpu_s: number | null;
  peak_rss_mb: number | null;
  peak_single_rss_mb: number | null;
  /** The build phase running when the tree's RSS peaked (lint, content sync, render routes, pagefind...). */
  peak_rss_phase: string | null;
  /** Processes of the tree at the peak, largest first, as `name MB`. */
  peak_processes: string[];
  exit_code: number;
  dist_bytes: number;
  html_pages: number;
  page_html_median_bytes: number | null;
  page_html_p95_bytes: number | null;
  page_html_max_bytes: number | null;
  /** Gzipped size of the median-sized note page (what the wire carries). */
  page_html_median_gz_bytes: number | null;
  page_js_gz_bytes: number;
  page_css_gz_bytes: number;
  page_assets: PageAssets;
  /** Where the bytes of the median-sized note page go. */
  median_page: { id: string; anatomy: Anatomy };
  pagefind_index_bytes: number;
  first_query_bytes: number | null;
  search: SearchProbe | { error: string };
  stages: Stages;
}

/** One vault size: both builds, and the headline figures of the full build at top level. */
export interface RunResult {
  notes: number;
  vault: { bytes: number; wikilinks: number; unresolved_links: number; python_blocks: number; translations: number };
  full: BuildResult;
  baseline: BuildResult;
  /** full.wall_s / baseline.wall_s */
  ratio: number;
  /** full.cpu_s / baseline.cpu_s: the same comparison, less sensitive to other load on the machine. */
  cpu_ratio: number | null;
  page_html_median_bytes: number | null;
  page_html_p95_bytes: number | null;
  page_js_gz_bytes: number;
  pagefind_index_bytes: number;
  first_query_bytes: number | null;
  /** `--warm`: the rebuild scenarios, in the order they were applied (each on top of the last). */
  warm?: WarmResult[];
}

/** One warm rebuild after one edit, and its comparison with a cold build of the same edited vault. */
export interface WarmResult {
  scenario: string;
  edit: string;
  wall_s: number;
  cpu_s: number | null;
  peak_rss_mb: number | null;
  exit_code: number;
  stages: Stages;
  /** The cold build of the same edited vault (fresh caches), whose dist/ is compared. */
  cold_wall_s: number;
  cold_cpu_s: number | null;
  cold_exit_code: number;
  /** wall_s / cold_wall_s (target ≤ 0.25) */
  of_cold: number;
  /** wall_s / the size's first full build */
  of_first_cold: number;
  dist_files: number;
  /** Both builds succeeded and no file differs: anything else is a failure, not a figure. */
  dist_identical: boolean;
  differing_files: number;
  /** The first 50 differing files. */
  differing: string[];
  /** Where the first few differing files first differ, warm against cold. */
  excerpts?: string[];
}

/** The whole JSON file written to bench/results/. */
export interface BenchResult {
  date: string;
  commit: string;
  /** Uncommitted changes in the tree when the bench ran (others work in the same tree). */
  dirty: boolean;
  machine: { cores: number; memory_gb: number; cpu: string; node: string; load_avg_start: number[]; load_avg_end: number[] };
  /** `vault` is set when a real folder was measured instead of generated vaults. */
  options: { seed: number; defer_render: boolean; warm?: boolean; query: string; vault?: string };
  runs: RunResult[];
  scaling: { from: number; to: number; notes_ratio: number; full_time_ratio: number; baseline_time_ratio: number; full_cpu_ratio: number | null; html_median_from: number | null; html_median_to: number | null }[];
  targets: Target[];
  /** Stage timings the project does not log yet; see Stages.project. */
  notes: string[];
}

/** One target of issues 5 and 15, judged on the largest run (the targets are stated for 10,000 notes). */
export interface Target { id: string; text: string; value: number | null; limit: number; unit: string; met: boolean | null; at_notes: number }

const KB = 1024;

/**
 * Judges the runs against issue 15's targets and the ones of issue 5 it keeps; `met` is null when
 * the value could not be measured (a build that failed has no time to compare). The warm rebuilds
 * are judged in their own table (`WarmResult.ratio`, `dist_identical`).
 */
export function judgeTargets(runs: RunResult[], scaling: BenchResult['scaling']): Target[] {
  const big = runs.reduce((a, b) => (b.notes > a.notes ? b : a), runs[0]!);
  const t = (id: string, text: string, value: number | null, limit: number, unit: string, atNotes = big.notes, higherIsBetter = false): Target => ({
    id, text, value, limit, unit, at_notes: atNotes,
    met: value === null ? null : higherIsBetter ? value >= limit : value <= limit,
  });
  const completed = (r: RunResult | undefined) => r !== undefined && r.full.exit_code === 0;
  const bothBuilt = big.full.exit_code === 0 && big.baseline.exit_code === 0;
  const out = runs.map((r) => t(`completes-${r.notes}`, `full build completes at ${r.notes} notes`, r.full.exit_code, 0, '(exit code)', r.notes));
  out.push(
    t('full-vs-baseline', 'full build time ≤ 1.5× bare Starlight', bothBuilt ? big.ratio : null, 1.5, '×'),
    t('full-vs-baseline-cpu', 'same, by CPU time (less noisy on a shared machine)', bothBuilt ? big.cpu_ratio : null, 1.5, '×'),
    t('throughput', 'full build ≥ 80 notes/s', completed(big) ? big.full.notes_per_s : null, 80, 'notes/s', big.notes, true),
  );
  // Time may grow at most 10 % faster than the notes: 1,000 → 10,000 within 11×, 10,000 → 50,000 within 5.5×.
  for (const s of scaling) {
    const limit = Math.round(1.1 * s.notes_ratio * 100) / 100;
    const ok = completed(runs.find((r) => r.notes === s.from)) && completed(runs.find((r) => r.notes === s.to));
    out.push(
      t(`scaling-${s.from}-${s.to}`, `time ${s.to}/${s.from} notes ≤ ${limit}× (linear is ${s.notes_ratio}×)`, ok ? s.full_time_ratio : null, limit, '×', s.to),
      t(`scaling-${s.from}-${s.to}-cpu`, 'same, by CPU time', ok ? s.full_cpu_ratio : null, limit, '×', s.to),
    );
  }
  for (const r of runs) out.push(t(`html-median-${r.notes}`, `note page HTML median ≤ 40 KB at ${r.notes} notes`, r.page_html_median_bytes, 40 * KB, 'B', r.notes));
  out.push(
    // Bare Starlight's peak is the limit only when it built the same vault to the end.
    t('peak-rss', "peak RSS (process tree) ≤ bare Starlight's in the same run", bothBuilt && big.baseline.peak_rss_mb !== null ? big.full.peak_rss_mb : null, big.baseline.peak_rss_mb ?? 0, 'MB'),
    t('page-js', 'note page JS ≤ 60 KB gzipped', big.page_js_gz_bytes, 60 * KB, 'B'),
    t('first-query', 'first search query ≤ 300 kB transferred', big.first_query_bytes, 300_000, 'B'),
  );
  return out;
}

const fmtBytes = (n: number | null) => (n === null ? '–' : n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} B`);
const fmt = (n: number | null | undefined, unit = '') => (n === null || n === undefined ? '–' : `${n}${unit}`);

/** Renders the results as Markdown: one table of figures per size, stages, scaling, targets. */
export function toMarkdown(res: BenchResult): string {
  const out: string[] = [];
  out.push(`# Bench ${res.date}`, '', `commit ${res.commit.slice(0, 12)}${res.dirty ? ' (+ uncommitted changes)' : ''} · ${res.machine.cores} cores, ${res.machine.memory_gb} GB · ${res.machine.cpu} · Node ${res.machine.node} · load ${res.machine.load_avg_start.join(' ')} → ${res.machine.load_avg_end.join(' ')} · ${res.options.vault ? `vault ${res.options.vault}` : `seed ${res.options.seed}`}${res.options.defer_render ? ' · DEFER_RENDER=1' : ''}`, '');
  const head = ['metric', ...res.runs.flatMap((r) => [`full ${r.notes}`, `baseline ${r.notes}`])];
  const row = (name: string, f: (b: BuildResult) => string) => `| ${name} | ${res.runs.flatMap((r) => [f(r.full), f(r.baseline)]).join(' | ')} |`;
  out.push(`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`,
    row('wall time', (b) => fmt(b.wall_s, ' s')),
    row('CPU time (user+sys)', (b) => fmt(b.cpu_s, ' s')),
    row('notes/s', (b) => fmt(b.notes_per_s)),
    row('peak RSS (tree)', (b) => fmt(b.peak_rss_mb, ' MB')),
    row('peak RSS during', (b) => `${b.peak_rss_phase ?? '–'}: ${b.peak_processes.slice(0, 3).join(', ')}`),
    row('dist size', (b) => fmtBytes(b.dist_bytes)),
    row('note page HTML median', (b) => fmtBytes(b.page_html_median_bytes)),
    row('note page HTML p95', (b) => fmtBytes(b.page_html_p95_bytes)),
    row('note page HTML median, gzipped', (b) => fmtBytes(b.page_html_median_gz_bytes)),
    row('note page JS (gz)', (b) => fmtBytes(b.page_js_gz_bytes)),
    row('note page CSS (gz)', (b) => fmtBytes(b.page_css_gz_bytes)),
    row('Pagefind index', (b) => fmtBytes(b.pagefind_index_bytes)),
    row(`first query "${res.options.query}"`, (b) => fmtBytes(b.first_query_bytes)),
    row('stage: lint', (b) => fmt(b.stages.lint_s, ' s')),
    row('stage: content sync', (b) => fmt(b.stages.content_sync_s, ' s')),
    row('stage: bundling', (b) => fmt(b.stages.entrypoints_s, ' s')),
    row('stage: render routes', (b) => fmt(b.stages.static_routes_s, ' s')),
    row('stage: Pagefind', (b) => fmt(b.stages.pagefind_s, ' s')),
  );
  const projectStages = [...new Set(res.runs.flatMap((r) => [...Object.keys(r.full.stages.project), ...Object.keys(r.baseline.stages.project)]))];
  for (const name of projectStages) out.push(row(`project stage: ${name}`, (b) => fmt(b.stages.project[name], ' s')));
  out.push(row('exit code', (b) => String(b.exit_code)));
  out.push('', '| full / baseline | ' + res.runs.map((r) => `${r.notes} notes: wall ${r.ratio}×, CPU ${fmt(r.cpu_ratio, '×')}`).join(' · ') + ' |', '|---|');
  for (const r of res.runs.filter((r) => r.warm?.length)) {
    out.push('', `## Warm rebuilds, ${r.notes} notes`, '', '| scenario | warm | cold, same vault | warm / cold | content sync | dist/ |', '|---|---|---|---|---|---|');
    for (const w of r.warm!) {
      const verdict = w.dist_identical ? `identical (${w.dist_files} files)` : `**DIFFERS** in ${w.differing_files} file(s)${w.exit_code || w.cold_exit_code ? ` (exit ${w.exit_code}/${w.cold_exit_code})` : ''}: ${w.differing.slice(0, 5).join(', ')}`;
      out.push(`| ${w.scenario}: ${w.edit} | ${w.wall_s} s | ${w.cold_wall_s} s | ${w.of_cold} ${w.of_cold <= 0.25 ? '(≤ 0.25 met)' : '(≤ 0.25 **missed**)'} | ${fmt(w.stages.content_sync_s, ' s')} | ${verdict} |`);
    }
  }
  out.push('', '## Median note page: where the bytes go', '', '| part | ' + res.runs.flatMap((r) => [`full ${r.notes}`, `baseline ${r.notes}`]).join(' | ') + ' |', '|---|' + res.runs.flatMap(() => ['---', '---']).join('|') + '|');
  const parts = Object.keys(res.runs[0]?.full.median_page.anatomy ?? {}) as (keyof Anatomy)[];
  for (const p of parts) {
    const v = (b: BuildResult) => (p.endsWith('count') ? String(b.median_page.anatomy[p]) : fmtBytes(b.median_page.anatomy[p]));
    out.push(row(p.replace(/_/g, ' '), v));
  }
  if (res.scaling.length) {
    out.push('', '## Scaling', '', '| sizes | notes × | full time × | full CPU × | baseline time × | HTML median |', '|---|---|---|---|---|---|');
    for (const s of res.scaling) out.push(`| ${s.from} → ${s.to} | ${s.notes_ratio} | ${s.full_time_ratio} | ${fmt(s.full_cpu_ratio)} | ${s.baseline_time_ratio} | ${fmtBytes(s.html_median_from)} → ${fmtBytes(s.html_median_to)} |`);
  }
  out.push('', '## Targets', '', '| target | at notes | value | limit | |', '|---|---|---|---|---|');
  for (const t of res.targets) {
    const v = t.unit === 'B' ? (t.limit % 1000 === 0 && t.value !== null ? `${(t.value / 1000).toFixed(1)} kB` : fmtBytes(t.value)) : fmt(t.value, ` ${t.unit}`);
    const l = t.unit === 'B' ? (t.limit % 1000 === 0 ? `${t.limit / 1000} kB (${t.limit} B)` : fmtBytes(t.limit)) : `${t.limit} ${t.unit}`;
    out.push(`| ${t.text} | ${t.at_notes} | ${v} | ${l} | ${t.met === null ? 'not measured' : t.met ? 'met' : '**missed**'} |`);
  }
  if (res.notes.length) out.push('', ...res.notes.map((n) => `- ${n}`));
  return `${out.join('\n')}\n`;
}
