// Execution timelines: the trace format and its canonical form (scripts/snippets/traces.ts), the SVG
// drawn from each committed trace (src/lib/timeline.ts), the claims the captions judge, and where
// the diagrams appear in the built site.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { sameJobs, sameTrace, saveTrace, toTrace, traceFile, type RawSpan } from '../scripts/snippets/traces.ts';
import { judgeClaim, loadDiagrams, loadTrace, overlapOf, parseDiagrams } from '../src/lib/diagrams.ts';
import { maxOverlap, packRows, tallySvg, timelineSvg, timelineTable, type Trace } from '../src/lib/timeline.ts';
import { spanOf } from '../scripts/snippets/traces.ts';
import { rehypeTimelines } from '../src/plugins/rehype-timelines.ts';

const span = (lane: number, start: number, end: number, label = 'x') => ({ lane, start, end, label, kind: 'job' as const });

describe('overlap and rows', () => {
  test.each([
    ['nothing', 0, []],
    ['one after another (touching ends do not overlap)', 1, [[0, 1], [1, 3]]],
    ['two at once', 2, [[0, 2], [1, 3]]],
    ['five waves of five', 5, Array.from({ length: 25 }, (_, i) => [Math.floor(i / 5), Math.floor(i / 5) + 1])],
  ] as const)('%s: max overlap %i', (_, expected, pairs) => {
    const spans = pairs.map(([a, b]) => span(0, a, b));
    expect(maxOverlap(spans)).toBe(expected);
    // Greedy rows: as many as the overlap, and no two spans of one row overlap.
    const rows = packRows(spans);
    expect(new Set(rows).size).toBe(expected);
    for (let r = 0; r < expected; r++) expect(maxOverlap(spans.filter((_, i) => rows[i] === r))).toBe(1);
  });
});

describe('traces from what the runtimes recorded', () => {
  const raw = (thread: number | string, kind: RawSpan['kind'], label: string, t0: number, t1: number, v?: [number, number]): RawSpan =>
    ({ thread, kind, label, t0, t1, ...(v ? { v0: v[0], v1: v[1] } : {}) });

  test('Node: delays on the timeline clock, main thread first, lanes in order of first use', () => {
    const t = toTrace([
      raw(0, 'timer', 'sayAfter: sleep 2 s', 50, 250, [0, 2000]),
      raw(0, 'timer', 'sayAfter: sleep 1 s', 50, 150, [0, 1000]),
    ], 'notes/x/y.ts', 'node', 'sha256:1')!;
    expect(t).toEqual({
      run: 'notes/x/y.ts', runtime: 'node', block: 'sha256:1', clock: 'virtual', lanes: ['main thread (event loop)'],
      spans: [{ lane: 0, label: 'sayAfter: sleep 1 s', kind: 'timer', start: 0, end: 1 }, { lane: 0, label: 'sayAfter: sleep 2 s', kind: 'timer', start: 0, end: 2 }],
    });
  });

  test('Python: CPU jobs in worker processes keep real seconds; threads and processes get numbered lanes', () => {
    const t = toTrace([
      raw('4242/MainThread', 'job', 'cpu(1)', 1000, 3000),
      raw('4243/MainThread', 'job', 'cpu(2)', 1500, 3500),
      raw('main/ThreadPoolExecutor-0_0', 'job', 'io(1)', 1000, 1200),
    ], 'notes/x/y.ts', 'python')!;
    expect(t.clock).toBe('measured');
    expect(t.lanes).toEqual(['process 1', 'thread 1', 'process 2']);
    expect(t.spans.map((x) => [t.lanes[x.lane], x.label, x.start, x.end])).toEqual([
      ['process 1', 'cpu(1)', 0, 2], ['thread 1', 'io(1)', 0, 0.2], ['process 2', 'cpu(2)', 0.5, 2.5],
    ]);
  });

  test("a sleep inside a job drawn for it is dropped (the job's bar already covers it)", () => {
    const t = toTrace([
      raw('main/T-1', 'job', 'f(1)', 0, 100, [0, 1000]),
      raw('main/T-1', 'timer', 'f(1): time.sleep 1 s', 1, 99, [0, 1000]),
    ], 'notes/x/y.ts', 'python')!;
    expect(t.spans.map((x) => x.label)).toEqual(['f(1)']);
  });

  test("a job's reported counts travel with its bar; malformed counts are dropped", () => {
    const line = { thread: 2, span: 'job', label: 'job 0', t0: 0, t1: 5, counts: { increments: 125000, lost: 2766 } };
    expect(spanOf(line)).toMatchObject({ counts: { increments: 125000, lost: 2766 } });
    expect(spanOf({ ...line, counts: { increments: 1.5 } })?.counts).toBeUndefined();
    expect(spanOf({ ...line, counts: { 'a b': 1 } })?.counts).toBeUndefined();
    expect(spanOf({ ...line, counts: [1, 2] })?.counts).toBeUndefined();
    const t = toTrace([spanOf(line)!, spanOf({ ...line, thread: 3, label: 'job 1', counts: { increments: 125000, lost: 0 } })!], 'notes/x/y.ts', 'node')!;
    expect(t.spans.map((x) => [t.lanes[x.lane], x.counts])).toEqual([['worker 1', { increments: 125000, lost: 2766 }], ['worker 2', { increments: 125000, lost: 0 }]]);
    // Lost updates vary from run to run: a new run with other values keeps the committed picture; other counts do not.
    const again = { ...t, spans: t.spans.map((x) => ({ ...x, counts: { increments: 125000, lost: 7 } })) };
    expect(sameTrace(t, again)).toBe(true);
    expect(sameJobs(t, { ...t, spans: t.spans.map((x) => ({ ...x, counts: { increments: 125000 } })) })).toBe(false);
  });

  test('a new run of the same shape keeps the committed file (real clocks jitter); another shape rewrites it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'traces-'));
    try {
      const base = { run: 'notes/n/a.ts', runtime: 'python' as const, clock: 'measured' as const, lanes: ['process 1', 'process 2'] };
      const first: Trace = { ...base, spans: [span(0, 0, 2, 'cpu(1)'), span(1, 0, 2.1, 'cpu(2)')] };
      expect(saveTrace(dir, first)).toBe('written');
      const jitter: Trace = { ...base, spans: [span(0, 0, 2.05, 'cpu(1)'), span(1, 0.01, 2.2, 'cpu(2)')] };
      expect(saveTrace(dir, jitter)).toBe('kept');
      expect(JSON.parse(readFileSync(traceFile(dir, 'notes/n/a.ts', 'python'), 'utf8'))).toEqual(first);
      const serial: Trace = { ...base, spans: [span(0, 0, 2, 'cpu(1)'), span(0, 2, 4, 'cpu(2)')] };
      expect(saveTrace(dir, serial)).toBe('written');
      // A fresh check on a loaded machine confirms only what the code decides: the jobs done.
      expect(sameJobs(first, serial)).toBe(true);
      expect(sameJobs(first, { ...serial, spans: [span(0, 0, 2, 'cpu(1)'), span(0, 2, 4, 'cpu(3)')] })).toBe(false);
      expect(sameJobs(first, { ...serial, spans: [span(0, 0, 2, 'cpu(1)')] })).toBe(false);
      // Real clock: one worker may take every job, and the main thread may log an extra repeated call.
      expect(sameJobs(first, { ...first, lanes: ['main thread', 'process 1'], spans: [span(0, 0, 1, 'setup()'), span(1, 0, 2, 'cpu(1)'), span(1, 2, 4, 'cpu(2)')] })).toBe(true);
      expect(sameJobs(first, { ...first, runtime: 'node' })).toBe(false);
      // The timeline clock is the code's own: its lanes and jobs must match exactly.
      const timeline: Trace = { ...first, clock: 'virtual' };
      expect(sameJobs(timeline, { ...timeline, spans: [span(0, 0, 9, 'cpu(1)'), span(1, 3, 4, 'cpu(2)')] })).toBe(true);
      expect(sameJobs(timeline, { ...timeline, lanes: ['process 1'], spans: [span(0, 0, 2, 'cpu(1)'), span(0, 2, 4, 'cpu(2)')] })).toBe(false);
      expect(sameJobs(timeline, { ...timeline, spans: [...timeline.spans, span(0, 4, 5, 'cpu(3)')] })).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('threads that took other jobs this time keep the committed file; a lane running two at once rewrites it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'traces-'));
    try {
      const base = { run: 'notes/n/t.ts', runtime: 'python' as const, clock: 'virtual' as const, lanes: ['thread 1', 'thread 2'] };
      const first: Trace = { ...base, spans: [span(0, 0, 1, 'get(a)'), span(0, 1, 2, 'get(b)'), span(1, 0, 1, 'get(c)')] };
      expect(saveTrace(dir, first)).toBe('written');
      const reshuffled: Trace = { ...base, spans: [span(0, 0, 1, 'get(a)'), span(1, 0, 1, 'get(b)'), span(1, 1, 2, 'get(c)')] };
      expect(saveTrace(dir, reshuffled)).toBe('kept');
      // Scheduling moves the critical path a little (kept), not by half (rewritten).
      const later: Trace = { ...base, spans: [span(0, 0, 1, 'get(a)'), span(0, 1, 2.4, 'get(b)'), span(1, 0, 1, 'get(c)')] };
      expect(saveTrace(dir, later)).toBe('kept');
      const slower: Trace = { ...base, spans: [span(0, 0, 1, 'get(a)'), span(0, 1, 3, 'get(b)'), span(1, 0, 1, 'get(c)')] };
      expect(saveTrace(dir, slower)).toBe('written');
      const overlapping: Trace = { ...base, spans: [span(0, 0, 1, 'get(a)'), span(0, 0.5, 1.5, 'get(b)'), span(1, 0, 1, 'get(c)')] };
      expect(saveTrace(dir, overlapping)).toBe('written');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Lanes, bars and rows per lane as drawn, read back from the SVG. */
function drawn(svg: Element) {
  const html = toHtml(svg);
  const lanes = [...html.matchAll(/<rect class="tl-lane" x="0" y="([\d.]+)" width="640" height="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[1]) + Number(m[2])]);
  const bars = [...html.matchAll(/M([\d.]+) ([\d.]+)h/g)].map((m) => Number(m[2]));
  return {
    lanes: lanes.length,
    bars: bars.length,
    rowsPerLane: lanes.map(([top, bottom]) => new Set(bars.filter((y) => y >= top! && y < bottom!)).size),
    bytes: html.length,
  };
}

describe('each configured diagram matches its committed trace', () => {
  const runs = loadDiagrams().flatMap((d) => d.runs.filter((r) => !r.printed).map((r) => ({ d, r, trace: loadTrace(r) })));

  test('every run named in src/data/diagrams.json has a committed trace (or is told by what it printed)', () => {
    expect(runs.filter((x) => !x.trace).map((x) => `${x.r.run} (${x.r.runtime})`)).toEqual([]);
  });

  test.each(runs.filter((x) => x.trace).map((x) => [`${x.r.run} (${x.r.runtime})`, x] as const))('%s: lanes, bars, rows = overlap per lane, a few KB', (_, { trace }) => {
    const t = trace!;
    const svg = drawn(timelineSvg(t, { title: 't', id: 'x' }));
    expect(svg.lanes).toBe(t.lanes.length);
    expect(svg.bars).toBe(t.spans.length);
    expect(svg.rowsPerLane).toEqual(t.lanes.map((_, i) => maxOverlap(t.spans.filter((x) => x.lane === i))));
    expect(svg.bytes).toBeLessThan(12_000);
  });

  test.each(runs.filter((x) => x.trace && x.r.claim).map((x) => [`${x.r.run} (${x.r.runtime})`, x] as const))('%s: the run agrees with the claim in its caption', (_, { r, trace }) => {
    expect(judgeClaim(trace!, r.claim!)).toMatchObject({ verdict: 'agrees' });
  });

  const trace = (run: string, runtime: 'node' | 'python') => loadTrace({ run: `notes/${run}.ts`, runtime, name: '' })!;
  test('the thread pool never has more than 5 downloads in flight, and has 5; sequential code never more than 1', () => {
    expect(overlapOf(trace('concurrency-options/thread-pool-download-sites', 'node'), ['request'])).toBe(5);
    expect(overlapOf(trace('concurrency-options/thread-pool-download-sites', 'python'), ['job'])).toBe(5);
    expect(trace('concurrency-options/thread-pool-download-sites', 'python').lanes).toHaveLength(5);
    expect(overlapOf(trace('python-concurrency/download-sites-sequential', 'node'))).toBe(1);
    expect(overlapOf(trace('python-concurrency/download-sites-sequential', 'python'))).toBe(1);
    expect(overlapOf(trace('concurrency-in-python-a-guide/fetch-urls-sequentially', 'node'))).toBe(1);
  });

  test('awaiting one after the other takes the sum of the delays (3 s), tasks created up front the max (2 s)', () => {
    const end = (t: Trace) => Math.max(...t.spans.map((x) => x.end));
    expect(end(trace('python-concurrency/say-after-sequential', 'node'))).toBe(3);
    expect(end(trace('python-concurrency/say-after-concurrent-tasks', 'node'))).toBe(2);
    expect(end(trace('concurrency-with-python/awaiting-coroutines-sequentially', 'python'))).toBe(3);
    expect(end(trace('concurrency-with-python/awaiting-tasks-created-upfront', 'python'))).toBe(2);
  });

  test('asyncio: all 160 requests in flight at once on the one event loop', () => {
    const t = trace('concurrency-options/asyncio-gather-download-sites', 'node');
    expect(t.lanes).toEqual(['main thread (event loop)']);
    expect(overlapOf(t, ['request'])).toBe(160);
  });
});

describe('the race-condition demo: increments and lost updates per worker', () => {
  const counted = (lane: number, start: number, increments: number, lost: number) => ({ ...span(lane, start, start + 0.1, `job ${lane}`), counts: { increments, lost } });
  const t: Trace = { run: 'notes/a/race.ts', runtime: 'node', clock: 'measured', lanes: ['worker 1', 'worker 2'],
    spans: [counted(0, 0, 125000, 2766), counted(0, 0.5, 125000, 0), counted(1, 0, 125000, 0), counted(1, 0.5, 125000, 0)] };
  const tally = { groups: ['round 1', 'round 2'], done: 'increments', lost: 'lost' };

  test('the SVG writes each worker\'s increments and lost updates per round, with totals, and marks only real losses', () => {
    const html = toHtml(tallySvg(t, { title: 'tally', id: 'r', ...tally }));
    const texts = [...html.matchAll(/<text class="tl-lane-label[^"]*"[^>]*>([^<]+)<\/text>/g)].map((m) => m[1]);
    expect(texts).toEqual(['worker 1', '125,000 · 2,766 lost', '125,000 · 0 lost', 'worker 2', '125,000 · 0 lost', '125,000 · 0 lost',
      'all 2 lanes', '250,000 · 2,766 lost', '250,000 · 0 lost']);
    // Worker 1 lost 2,766 beside its 125,000: 2.2 % of a 96 px bar, 2.1 px; the total, 1.1 % of 250,000, is
    // drawn at the least visible width, 2 px. Lanes that lost nothing get no red mark.
    expect([...html.matchAll(/<rect class="tl-bar tl-lost"[^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]))).toEqual([2.1, 2]);
    expect(html).toContain('aria-describedby="r-table"');
  });

  test('a lane whose stale writes erased more than it did itself gets the longer red bar (one scale for the lanes)', () => {
    const erasing: Trace = { ...t, spans: [counted(0, 0, 125000, 250000), counted(1, 0, 125000, 0)] };
    const html = toHtml(tallySvg(erasing, { title: 'tally', id: 'r', ...tally, groups: ['round 1'] }));
    const widths = (cls: string) => [...html.matchAll(new RegExp(`<rect class="tl-bar ${cls}"[^>]*width="([\\d.]+)"`, 'g'))].map((m) => Number(m[1]));
    expect(widths('tl-job')).toEqual([48, 48, 96]);
    expect(widths('tl-lost')).toEqual([96, 96]);
  });

  test('the hidden table lists the counts of every job', () => {
    const html = toHtml(timelineTable(t, 'c', 'r'));
    expect(html).toContain('<th scope="col">increments</th><th scope="col">lost</th>');
    expect(html).toContain('<td>worker 1</td><td>job 0</td><td>0 s</td><td>0.1 s</td><td>125,000</td><td>2,766</td>');
  });

  test('the committed run: every worker did its share in both rounds, and Atomics.add lost nothing', () => {
    const r = loadDiagrams().flatMap((d) => d.runs).find((x) => x.run === 'notes/python-concurrency/race-condition-counter.ts' && x.tally)!;
    const trace = loadTrace(r)!;
    expect(trace.lanes.length).toBeGreaterThanOrEqual(4);
    const rounds = [0, 1].map((g) => trace.lanes.map((_, lane) => trace.spans.filter((x) => x.lane === lane && x.counts).sort((a, b) => a.start - b.start)[g]!.counts!));
    for (const round of rounds) expect(round.reduce((n, c) => n + c.increments!, 0)).toBe(500_000);
    expect(rounds[1]!.map((c) => c.lost)).toEqual(trace.lanes.map(() => 0));
    // The round-1 losses the trace holds are the ones the same run printed (src/data/snippet-results.json).
    const results = JSON.parse(readFileSync('src/data/snippet-results.json', 'utf8')) as Record<string, { output: string }>;
    const printed = Number(/^counter\[0\] \+= 1: \d+ \((\d+) updates lost\)/m.exec(results[r.run]!.output)![1]);
    expect(rounds[0]!.reduce((n, c) => n + c.lost!, 0)).toBe(printed);
  });
});

describe('claims', () => {
  const t: Trace = { run: 'notes/a/b.ts', runtime: 'node', clock: 'virtual', lanes: ['main'], spans: [span(0, 0, 1), span(0, 0.5, 3)] };
  test('a run that contradicts the note says so', () => {
    expect(judgeClaim(t, { text: 'sequential', maxOverlap: 1 })).toEqual({ verdict: 'contradicts', facts: ['at most 2 bars at once'] });
    expect(judgeClaim(t, { text: 'about 2 s', seconds: 2 })).toEqual({ verdict: 'contradicts', facts: ['3 s in all'] });
    expect(judgeClaim(t, { text: 'about 3 s', seconds: 3, minOverlap: 2 })).toEqual({ verdict: 'agrees', facts: ['3 s in all', 'at most 2 bars at once'] });
  });

  test('the configuration is validated with a message naming the field', () => {
    expect(() => parseDiagrams({ diagrams: [{ title: 't', runs: [] }] })).toThrow(/diagrams\.0\.runs: Too small: expected array to have >=1 items/);
    expect(() => parseDiagrams({ diagrams: [{ title: 't', image: '/a.png', after: 'x', runs: [{ run: 'notes/a/b.ts', runtime: 'node', name: 'n' }] }] })).toThrow(/exactly one of "image" and "after"/);
  });
});

describe('rehypeTimelines', () => {
  const transform = (tree: Root) => {
    (rehypeTimelines() as unknown as (t: Root) => void)(tree);
    return toHtml(tree);
  };
  test('replaces the placeholder of a missing mapped image, leaves an existing image alone', () => {
    const html = transform({ type: 'root', children: [
      h('figure', { className: ['image-missing'], dataImageMissing: '/img/multithreading_schedule.png' }, []),
      h('p', [h('img', { src: '/img/multithreading_schedule.png', alt: 'exists' })]),
    ] });
    expect(html).not.toContain('image-missing');
    expect(html).toContain('<img src="/img/multithreading_schedule.png" alt="exists">');
    expect(html.match(/<svg class="tl-svg"/g)).toHaveLength(2);
    expect(html).toMatch(/<figure class="timeline timeline--both" data-pagefind-ignore="all"><figcaption class="tl-title">Multithreading: 160 downloads through a pool of 5<\/figcaption>/);
    // With the placeholder's caption, the author's alt text is kept.
    const withAlt = transform({ type: 'root', children: [h('figure', { className: ['image-missing'], dataImageMissing: '/img/asyncio_schedule.png' }, [h('figcaption', [h('span', 'asyncioschedule'), h('span', ' — image not available yet')])])] });
    expect(withAlt).toContain('<figcaption class="tl-title">Asyncio: 160 downloads as tasks created up front<span class="tl-alt"> — drawn in place of the image “asyncioschedule”</span></figcaption>');
    expect(html).toMatch(/<svg [^>]*role="img" aria-labelledby="tl1-0-title" aria-describedby="tl1-0-table"/);
    expect(html).toContain('<table class="sr-only" id="tl1-0-table"><caption>');
    expect(html).toContain('The run agrees with the note: “a thread pool of 5 overlaps 5 downloads, never more” (this run: at most 5 jobs at once).');
  });
  test('the race demo: the TypeScript run drawn per worker, the Python original told by what it printed (none lost)', () => {
    const html = transform({ type: 'root', children: [h('div', { className: ['code-tabs'], dataTranslation: 'notes/python-concurrency/race-condition-counter.ts' }, [])] });
    expect(html).toContain('<figure class="timeline timeline--both"');
    expect(html).toMatch(/<div class="tl-run" data-runtime="node">[\s\S]*<svg class="tl-svg tl-tally"/);
    const printed = JSON.parse(readFileSync('src/data/snippet-results.json', 'utf8'))['notes/python-concurrency/race-condition-counter.ts'].pythonOutput.trim();
    expect(printed).toBe('500000');
    expect(html).toMatch(/<div class="tl-run" data-runtime="python"><p class="tl-run-name"><strong>ThreadPoolExecutor\(max_workers=5000\), counter \+= 1<\/strong> — Python original<\/p><p class="tl-note"><span class="tl-claim tl-claim--agrees">It printed 500000: 500,000 of 500,000 increments counted, 0 lost.<\/span>/);
  });

  test('puts a comparison after the code tabs of its translation', () => {
    const html = transform({ type: 'root', children: [h('div', { className: ['code-tabs'], dataTranslation: 'notes/python-concurrency/say-after-concurrent-tasks.ts' }, [])] });
    expect(html).toMatch(/^<div class="code-tabs" data-translation="[^"]+"><\/div><figure class="timeline"/);
    expect(html).toContain('await sayAfter(1); await sayAfter(2)');
  });
});

describe('diagrams on the built site', () => {
  const page = (slug: string) => readFileSync(join(inject('siteDir'), slug, 'index.html'), 'utf8');
  test('the three missing images of concurrency-options are timelines, drawn without client script', () => {
    const html = page('concurrency-options');
    expect(html.match(/<figure class="timeline/g)).toHaveLength(3);
    expect(html).not.toContain('data-image-missing');
    expect(html).not.toMatch(/<script[^>]*>[^<]*(mermaid|tl-svg)/i);
  });
  test('the event loop note draws its Mermaid flowchart at build time: two themed SVGs, the source folded below, no code block left', () => {
    const html = page('event-loop');
    expect(html.match(/<figure class="mermaid-diagram"/g)).toHaveLength(1);
    expect(html.match(/<svg [^>]*class="mermaid-svg mermaid-(light|dark)"/g)?.map((m) => /mermaid-(light|dark)"/.exec(m)![1])).toEqual(['light', 'dark']);
    expect(html).toContain('<summary>Diagram source (Mermaid)</summary>');
    expect(html).not.toContain('language-mermaid');
  });
  test.each([['python-concurrency', 3], ['concurrency-with-python', 1], ['concurrency-in-python-a-guide', 2]])('%s shows %i comparison diagrams', (slug, n) => {
    expect(page(slug).match(/<figure class="timeline/g)).toHaveLength(n);
  });
  afterAll(() => undefined);
});

describe('a fresh check reproduces the committed traces', () => {
  const dir = mkdtempSync(join(tmpdir(), 'traces-check-'));
  let output = '';
  beforeAll(() => {
    // Results (and so traces) into a scratch folder: the committed ones are only compared.
    const r = spawnSync(process.execPath, ['scripts/check-snippets.ts', '--results', join(dir, 'snippet-results.json'), '--timeout-ms', '60000'], { encoding: 'utf8', timeout: 400_000 });
    output = `${r.stdout}${r.stderr}`;
  }, 420_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Times and overlap belong to the machine at that moment (a loaded CI machine stretched a virtual-clock
  // download run by 16 % and cut its overlap): saveTrace compares those to decide a rewrite; this test
  // asserts only what the code decides, the work each run does (sameJobs).
  test('every diagram run does the committed work again: same runtime, clock and jobs (on the timeline clock, same lanes)', () => {
    expect(output).toMatch(/^traces: \d+ written, 0 unchanged in /m);
    // A translation the check failed (on an overloaded machine: undici's 10 s connect timeout) writes
    // no trace by design; check-snippets.test.ts reports such failures. Every other run must match.
    const failed = new Set(output.split('\n').filter((l) => l.startsWith('FAIL ')).map((l) => l.slice(5).split(':')[0]));
    const all = loadDiagrams().flatMap((d) => d.runs).filter((r) => !r.printed);
    const runs = all.filter((r) => !failed.has(r.run));
    expect(runs.length).toBeGreaterThanOrEqual(all.length - 4);
    const differing = runs.filter((r) => {
      const file = traceFile(join(dir, 'traces'), r.run, r.runtime);
      if (!existsSync(file)) return true;
      const [committed, next] = [loadTrace(r)!, JSON.parse(readFileSync(file, 'utf8')) as Trace];
      return !sameJobs(committed, next);
    }).map((r) => {
      const file = traceFile(join(dir, 'traces'), r.run, r.runtime);
      const failed = output.split('\n').find((l) => l.startsWith(`FAIL ${r.run}`));
      if (!existsSync(file)) return `${r.run} (${r.runtime}): no trace${failed ? ` (${failed})` : ''}`;
      const next = JSON.parse(readFileSync(file, 'utf8')) as Trace;
      return `${r.run} (${r.runtime}): ${next.lanes.length} lanes, ${next.spans.length} bars, ${Math.max(...next.spans.map((x) => x.end))} s, overlap ${overlapOf(next)}`;
    });
    expect(differing).toEqual([]);
  });
});
