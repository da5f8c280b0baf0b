// Turns what the Node preload and the Python sitecustomize recorded into the committed traces of
// the timeline diagrams (src/data/traces/<note>/<name>.{node,python}.json, format in src/lib/timeline.ts).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { maxOverlap, traceSeconds, type SpanKind, type Trace, type TraceSpan } from '../../src/lib/timeline.ts';

/** One span as recorded: the thread (Node threadId, or Python `pid/thread name`), real ms, virtual ms. */
export interface RawSpan {
  thread: number | string;
  kind: SpanKind;
  label: string;
  t0: number;
  t1: number;
  v0?: number;
  v1?: number;
  /** What the job reported it did (its answer, when that is a small record of counts). */
  counts?: Record<string, number>;
}

const KINDS = new Set<SpanKind>(['timer', 'request', 'job', 'task', 'thread']);

/** A trace line of the preload / sitecustomize as a span, or undefined for other lines. */
export function spanOf(r: Record<string, unknown>): RawSpan | undefined {
  const { span, label, t0, t1, v0, v1, thread, counts } = r;
  if (typeof span !== 'string' || !KINDS.has(span as SpanKind) || typeof t0 !== 'number' || typeof t1 !== 'number') return undefined;
  if (typeof thread !== 'number' && typeof thread !== 'string') return undefined;
  return {
    thread, kind: span as SpanKind, label: String(label ?? span).slice(0, 120), t0, t1,
    ...(typeof v0 === 'number' && typeof v1 === 'number' ? { v0, v1 } : {}),
    ...(countsOf(counts) ? { counts: countsOf(counts)! } : {}),
  };
}

/** A span's counts: at most 6 integer fields with word names, else none. */
function countsOf(value: unknown): Record<string, number> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value);
  if (entries.length === 0 || entries.length > 6 || !entries.every(([k, v]) => /^\w{1,24}$/.test(k) && Number.isSafeInteger(v))) return undefined;
  return Object.fromEntries(entries) as Record<string, number>;
}

const r3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Names lanes and puts every span on the author's time axis: the timeline clock of the preload /
 * sitecustomize (the author's delays plus each request's fixture latency, in the order the run made
 * them) when the run waited, else real seconds (CPU work). Lanes are numbered in order of first
 * use, and spans sorted, so the same run gives the same file.
 */
export function toTrace(all: readonly RawSpan[], run: string, runtime: Trace['runtime'], block?: string): Trace | undefined {
  // A sleep inside a task, job or thread already drawn for it (`f(1): time.sleep 1 s` in `f(1)`) adds nothing.
  const raw = all.filter((x) => x.kind !== 'timer' || !all.some((y) => y.kind !== 'timer' && y.thread === x.thread
    && x.label.startsWith(`${y.label}: `) && y.t0 <= x.t0 && y.t1 >= x.t1));
  if (raw.length === 0) return undefined;
  // The timeline clock where the run waited (delays, fixture latency); real time where it computed.
  const clock: Trace['clock'] = raw.some((x) => x.v0 !== undefined && x.v1! > x.v0) ? 'virtual' : 'measured';
  const real = raw.filter((x) => clock === 'measured' || x.v0 === undefined);
  const origin = real.length ? Math.min(...real.map((x) => x.t0)) : 0;
  const at = (x: RawSpan): [number, number] => clock === 'virtual' && x.v0 !== undefined
    ? [x.v0 / 1000, x.v1! / 1000]
    : [(x.t0 - origin) / 1000, (x.t1 - origin) / 1000];
  const main = runtime === 'node' ? 0 : 'main/MainThread';
  const mainPid = 'main';
  // Lanes: the main thread first, then the others in order of their first span (ties by name).
  const firsts = new Map<number | string, number>();
  for (const x of raw) firsts.set(x.thread, Math.min(firsts.get(x.thread) ?? Infinity, at(x)[0]));
  const threads = [...firsts.keys()].sort((a, b) => (a === main ? -1 : b === main ? 1 : firsts.get(a)! - firsts.get(b)! || String(a).localeCompare(String(b))));
  const counters = new Map<string, number>();
  const lanes = threads.map((th) => {
    if (th === main) return runtime === 'node' ? 'main thread (event loop)' : raw.some((x) => x.thread === th && x.kind === 'task') ? 'main thread (event loop)' : 'main thread';
    const kind = runtime === 'node' ? 'worker' : String(th).split('/')[0] !== mainPid ? 'process' : 'thread';
    const n = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, n);
    return `${kind} ${n}`;
  });
  const spans: TraceSpan[] = raw.map((x) => {
    const [start, end] = at(x);
    return { lane: threads.indexOf(x.thread), label: x.label, kind: x.kind, start: r3(Math.max(0, start)), end: r3(Math.max(start, end)), ...(x.counts ? { counts: x.counts } : {}) };
  });
  spans.sort((a, b) => a.lane - b.lane || a.start - b.start || a.end - b.end || a.label.localeCompare(b.label));
  return { run, runtime, ...(block ? { block } : {}), clock, lanes, spans };
}

/**
 * What must match for a new run to count as the same picture: the lanes, the work done, how much
 * each lane did and overlapped, and the duration (±15 %). Which of a pool's interchangeable
 * workers took which job changes from run to run, so per-lane facts are compared as sorted lists.
 */
const workLabel = (x: TraceSpan) => (x.counts ? `${x.label} {${Object.keys(x.counts).join(',')}}` : x.label);

function shape(t: Trace) {
  const perLane = t.lanes.map((_, i) => t.spans.filter((x) => x.lane === i));
  return JSON.stringify({
    runtime: t.runtime, clock: t.clock, block: t.block, lanes: t.lanes,
    // A job's counts are compared by name: their values may be the run's own (lost updates vary).
    work: t.spans.map(workLabel).sort(),
    // CPU work on a shared machine: how a pool splits the jobs varies; the overlap is the picture.
    // Real threads on the virtual clock (Python's thread pools) also take jobs in a different order
    // each run, so per lane only its own overlap is compared, not how many jobs it happened to get.
    lanes_: t.clock === 'measured' ? [maxOverlap(t.spans)] : perLane.map((spans) => maxOverlap(spans)).sort(),
  });
}

/** True when `next` draws the same picture as `committed` (see saveTrace). */
export function sameTrace(committed: Trace, next: Trace): boolean {
  if (shape(committed) !== shape(next)) return false;
  const ratio = traceSeconds(next) / traceSeconds(committed);
  // Real CPU time on a loaded machine easily doubles: only the shape is compared.
  if (next.clock === 'measured') return true;
  // Real threads on the virtual clock (Python's thread pools) take jobs in scheduling order, which
  // moves the critical path: 160 downloads on 5 threads measured 2.98–3.5 s across runs.
  const threads = next.runtime === 'python' && next.lanes.length > 1;
  return threads ? ratio > 0.75 && ratio < 1.33 : ratio > 0.85 && ratio < 1.15;
}

/**
 * True when a fresh run of the same code did the committed run's work: same runtime, clock, block
 * and jobs (on the virtual clock also the same lanes). What the machine decides is left out: times,
 * overlap, and on real clocks which pool workers got jobs and any extra repeated call of the main
 * thread under load. This is what a test may assert; {@link sameTrace} decides rewrites.
 */
export function sameJobs(committed: Trace, next: Trace): boolean {
  const head = (t: Trace) => JSON.stringify([t.runtime, t.clock, t.block ?? null, t.clock === 'measured' ? [] : t.lanes]);
  if (head(committed) !== head(next)) return false;
  const left = new Map<string, number>();
  for (const x of next.spans) left.set(workLabel(x), (left.get(workLabel(x)) ?? 0) + 1);
  for (const x of committed.spans) {
    const n = left.get(workLabel(x)) ?? 0;
    if (n === 0) return false;
    left.set(workLabel(x), n - 1);
  }
  return committed.clock === 'measured' || [...left.values()].every((n) => n === 0);
}

/** The committed file of a run's trace: `src/data/traces/<note>/<name>.<runtime>.json`. */
export const traceFile = (dir: string, run: string, runtime: Trace['runtime']) =>
  join(dir, `${run.replace(/^notes\//, '').replace(/\.ts$/, '')}.${runtime}.json`);

/**
 * Writes a trace unless the committed one has the same shape (real-clock times jitter from run to
 * run; rewriting them on every check would churn the repository), or the translation or its
 * Python block changed since the results file was written. Returns `written` or `kept`.
 */
export function saveTrace(dir: string, t: Trace, changed = false): 'written' | 'kept' {
  const file = traceFile(dir, t.run, t.runtime);
  // Changed code (`changed`): its results are rewritten, so is its trace (its counts were that run's).
  if (existsSync(file) && !changed) {
    try {
      if (sameTrace(JSON.parse(readFileSync(file, 'utf8')) as Trace, t)) return 'kept';
    } catch { /* unreadable: rewrite */ }
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(t, null, 1)}\n`);
  return 'written';
}
