// The bench's verdicts (scripts/bench/report.ts judgeTargets) against issue 15's targets: 80 notes/s,
// peak memory at most bare Starlight's in the same run, time growing at most 10 % faster than the
// notes (11× for 1k → 10k, 5.5× for 10k → 50k), and every size completing; a failed build is "not
// measured", never a ratio.
import { expect, test } from 'vitest';
import { judgeTargets, type BenchResult, type RunResult, type Target } from '../scripts/bench/report.ts';

const build = (wall: number, notes: number, peak: number, exit = 0) => ({ wall_s: wall, cpu_s: wall * 1.4, notes_per_s: Math.round((notes / wall) * 10) / 10, peak_rss_mb: peak, exit_code: exit });
const run = (notes: number, full: ReturnType<typeof build>, baseline: ReturnType<typeof build>): RunResult => ({
  notes, full, baseline, ratio: Math.round((full.wall_s / baseline.wall_s) * 100) / 100, cpu_ratio: Math.round((full.cpu_s / baseline.cpu_s) * 100) / 100,
  page_html_median_bytes: 33_000, page_js_gz_bytes: 16_000, first_query_bytes: 295_000,
}) as unknown as RunResult;
const scalingOf = (runs: RunResult[]): BenchResult['scaling'] => runs.slice(1).map((r, i) => ({
  from: runs[i]!.notes, to: r.notes, notes_ratio: r.notes / runs[i]!.notes,
  full_time_ratio: Math.round((r.full.wall_s / runs[i]!.full.wall_s) * 100) / 100, baseline_time_ratio: 1,
  full_cpu_ratio: Math.round((r.full.cpu_s! / runs[i]!.full.cpu_s!) * 100) / 100, html_median_from: null, html_median_to: null,
}));
const judge = (runs: RunResult[]) => new Map(judgeTargets(runs, scalingOf(runs)).map((t) => [t.id, t] as [string, Target]));

test('1,000 and 10,000 notes: throughput 80 notes/s, 11× scaling, peak memory against the baseline of the same run', () => {
  const targets = judge([run(1000, build(40, 1000, 1700), build(10, 1000, 1200)), run(10_000, build(380, 10_000, 3900), build(80, 10_000, 4700))]);
  expect(targets.get('completes-1000')?.met).toBe(true);
  expect(targets.get('completes-10000')?.met).toBe(true);
  expect(targets.get('throughput')).toMatchObject({ limit: 80, value: 26.3, met: false, at_notes: 10_000 });
  expect(targets.get('scaling-1000-10000')).toMatchObject({ limit: 11, value: 9.5, met: true });
  expect(targets.get('peak-rss')).toMatchObject({ limit: 4700, value: 3900, met: true });
  expect(targets.get('full-vs-baseline')).toMatchObject({ value: 4.75, met: false });
  // Over the baseline's peak is a miss, whatever the machine has.
  expect(judge([run(10_000, build(380, 10_000, 4800), build(80, 10_000, 4700))]).get('peak-rss')?.met).toBe(false);
});

test('10,000 to 50,000 notes: 5.5× scaling; a baseline that failed leaves the ratios unmeasured, not met', () => {
  const runs = [run(10_000, build(400, 10_000, 4300), build(75, 10_000, 4300)), run(50_000, build(2200, 50_000, 16000), build(92, 50_000, 3188, 1))];
  const targets = judge(runs);
  expect(targets.get('completes-50000')).toMatchObject({ met: true, at_notes: 50_000 });
  expect(targets.get('scaling-10000-50000')).toMatchObject({ limit: 5.5, value: 5.5, met: true });
  expect(targets.get('full-vs-baseline')?.met).toBeNull();
  expect(targets.get('peak-rss')?.met).toBeNull();
  expect(judge([runs[0]!, run(50_000, build(2410, 50_000, 16000), build(92, 50_000, 3188, 1))]).get('scaling-10000-50000')).toMatchObject({ value: 6.03, met: false });
});

test('a full build that failed: it did not complete, and its time is no throughput or scaling figure', () => {
  const targets = judge([run(10_000, build(400, 10_000, 4300), build(75, 10_000, 4300)), run(50_000, build(1678, 50_000, 4518, 1), build(119, 50_000, 3101, 1))]);
  expect(targets.get('completes-50000')).toMatchObject({ value: 1, met: false });
  expect(targets.get('throughput')?.met).toBeNull();
  expect(targets.get('scaling-10000-50000')?.met).toBeNull();
  expect(targets.get('scaling-10000-50000-cpu')?.met).toBeNull();
});
