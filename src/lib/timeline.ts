// Execution timelines: the trace format the snippet check writes (src/data/traces/) and its
// rendering as a small, themed SVG with a visually hidden data table. Pure: no I/O.
import type { Element, ElementContent } from 'hast';
import { h, s } from 'hastscript';

/** What a bar stands for: an author's delay, an HTTP request, a job of a worker pool, a task or thread. */
export type SpanKind = 'timer' | 'request' | 'job' | 'task' | 'thread';

/** One unit of work on one lane, in the author's seconds. */
export interface TraceSpan {
  lane: number;
  label: string;
  kind: SpanKind;
  start: number;
  end: number;
  /** What the job reported it did, e.g. `{ increments: 125000, lost: 2766 }` (the race-condition demo). */
  counts?: Record<string, number>;
}

/** A recorded run of one translation (`node`) or of its Python original (`python`). */
export interface Trace {
  /** The translation the run belongs to: `notes/<note>/<name>.ts`. */
  run: string;
  runtime: 'node' | 'python';
  /** Hash of the Python block (`sha256:…`). */
  block?: string;
  /**
   * `virtual`: the check's timeline clock, in the author's seconds: the program's delays plus each
   * request's fixture latency, in the order the run made them; `measured`: real seconds on the
   * check's machine (CPU work, which no clock can scale).
   */
  clock: 'virtual' | 'measured';
  /** Lane names, e.g. `main thread (event loop)`, `worker 1`, `thread 2`, `process 1`. */
  lanes: string[];
  spans: TraceSpan[];
}

/** Duration of a trace: the last end (at least a tiny positive number). */
export const traceSeconds = (t: Trace): number => Math.max(1e-6, ...t.spans.map((x) => x.end));

/** Most spans in progress at once (a span ending at the instant another starts does not overlap it). */
export function maxOverlap(spans: readonly Pick<TraceSpan, 'start' | 'end'>[]): number {
  const events = spans.flatMap((x) => [[x.start, 1], [Math.max(x.start, x.end), -1]] as const);
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, d] of events) most = Math.max(most, (now += d));
  return most;
}

/** Rows inside one lane: each span on the lowest row free at its start (greedy, as many rows as the overlap). */
export function packRows(spans: readonly TraceSpan[]): number[] {
  const order = spans.map((_, i) => i).sort((a, b) => spans[a]!.start - spans[b]!.start || spans[a]!.end - spans[b]!.end);
  const rowEnds: number[] = [];
  const rows = new Array<number>(spans.length).fill(0);
  for (const i of order) {
    const x = spans[i]!;
    let r = rowEnds.findIndex((end) => end <= x.start);
    if (r === -1) r = rowEnds.push(x.end) - 1;
    else rowEnds[r] = x.end;
    rows[i] = r;
  }
  return rows;
}

/** Per-lane facts the diagram shows and the table lists. */
export interface LaneSummary {
  name: string;
  bars: number;
  /** Rows drawn = most spans in progress at once on this lane. */
  rows: number;
  first: number;
  last: number;
}

export function laneSummaries(t: Trace): LaneSummary[] {
  return t.lanes.map((name, lane) => {
    const spans = t.spans.filter((x) => x.lane === lane);
    return {
      name, bars: spans.length, rows: maxOverlap(spans),
      first: spans.length ? Math.min(...spans.map((x) => x.start)) : 0,
      last: spans.length ? Math.max(...spans.map((x) => x.end)) : 0,
    };
  });
}

/** Options of {@link timelineSvg}. */
export interface TimelineOptions {
  /** Accessible name of the image. */
  title: string;
  /** Time axis length in seconds: the same for every diagram of a comparison. Default: the trace's own. */
  seconds?: number;
  /** Unique prefix for element ids on the page. */
  id: string;
}

const WIDTH = 640;
const LABEL = 156;
const PLOT = WIDTH - LABEL - 16;
const AXIS = 22;
const PAD = 6;
const round = (n: number) => Math.round(n * 10) / 10;
export const secondsText = (n: number) => `${Number(n.toFixed(n < 10 ? 2 : 1))} s`;

/** A tick step giving 4 to 10 ticks: 1, 2 or 5 × a power of ten. */
function tickStep(seconds: number): number {
  const raw = seconds / 6;
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * p).find((m) => seconds / m <= 8) ?? 10 * p;
}

/**
 * The trace as an inline SVG: one band per lane (label on the left), one bar per span, stacked in
 * rows where spans overlap, and a time axis in seconds. Colours come from CSS classes (`tl-*`,
 * src/styles/timeline.css) so light and dark themes apply; bars of one kind on one lane are one
 * `<path>`, which keeps a 160-request diagram to a few KB.
 */
export function timelineSvg(t: Trace, o: TimelineOptions): Element {
  const seconds = o.seconds ?? traceSeconds(t);
  const x = (sec: number) => round(LABEL + (PLOT * sec) / seconds);
  const lanes = laneSummaries(t);
  // Row height shrinks with the overlap so a lane of 160 requests in flight stays readable.
  const rowH = (rows: number) => (rows <= 4 ? 14 : rows <= 12 ? 8 : Math.max(1.5, 96 / rows));
  const children: ElementContent[] = [s('title', { id: `${o.id}-title` }, o.title)];
  let y = PAD;
  lanes.forEach((lane, index) => {
    const spans = t.spans.filter((sp) => sp.lane === index);
    const rows = packRows(spans);
    const hRow = rowH(Math.max(1, lane.rows));
    const height = Math.max(18, Math.max(1, lane.rows) * hRow + 4);
    children.push(s('rect', { class: 'tl-lane', x: 0, y, width: WIDTH, height, rx: 3 }));
    children.push(s('text', { class: 'tl-lane-label', x: 6, y: round(y + Math.min(height, 18) / 2 + 4) }, clip(lane.name, 26)));
    const byKind = new Map<SpanKind, string[]>();
    spans.forEach((sp, i) => {
      const x0 = x(sp.start);
      // Back-to-back bars keep a 1 px gap, so a lane's 32 jobs in a row stay 32 bars to the eye.
      const full = x(sp.end) - x0;
      const w = Math.max(1, round(full >= 3 ? full - 1 : full));
      const top = round(y + 2 + rows[i]! * hRow);
      const bar = Math.max(1, round(hRow - (hRow > 4 ? 2 : 0.5)));
      (byKind.get(sp.kind) ?? byKind.set(sp.kind, []).get(sp.kind)!).push(`M${x0} ${top}h${w}v${bar}h${-w}z`);
    });
    for (const [kind, d] of byKind) children.push(s('path', { class: `tl-bar tl-${kind}`, d: d.join('') }));
    // Labels on bars wide and tall enough to hold them.
    spans.forEach((sp, i) => {
      const w = x(sp.end) - x(sp.start);
      if (hRow < 14 || w < 70) return;
      children.push(s('text', { class: 'tl-bar-label', x: round(x(sp.start) + 4), y: round(y + 2 + rows[i]! * hRow + 9.5) }, clip(sp.label, Math.floor(w / 6.2))));
    });
    y += height + 3;
  });
  const step = tickStep(seconds);
  const axisY = y + 2;
  children.push(s('path', { class: 'tl-axis', d: `M${LABEL} ${axisY}H${LABEL + PLOT}` }));
  for (let k = 0; k * step <= seconds * 1.0001; k++) {
    const tx = x(k * step);
    children.push(s('path', { class: 'tl-axis', d: `M${tx} ${axisY}v4` }));
    children.push(s('text', { class: 'tl-tick', x: tx, y: axisY + 16, 'text-anchor': 'middle' }, secondsText(Number((k * step).toPrecision(6)))));
  }
  const height = axisY + AXIS;
  return s('svg', {
    class: 'tl-svg', viewBox: `0 0 ${WIDTH} ${height}`, width: WIDTH, height, role: 'img',
    'aria-labelledby': `${o.id}-title`, 'aria-describedby': `${o.id}-table`, focusable: 'false',
  }, children);
}

/** The data behind the diagram for screen readers: each span when there are few, per lane otherwise. */
export function timelineTable(t: Trace, caption: string, id: string): Element {
  const few = t.spans.length <= 24;
  // Counts the jobs reported (increments, lost) get a column each, in the order they were recorded.
  const keys = few ? [...new Set(t.spans.flatMap((x) => Object.keys(x.counts ?? {})))] : [];
  const head = few ? ['Lane', 'Work', 'Start', 'End', ...keys] : ['Lane', 'Bars', 'Most at once', 'First start', 'Last end'];
  const rows = few
    ? [...t.spans].sort((a, b) => a.lane - b.lane || a.start - b.start).map((x) => [t.lanes[x.lane] ?? '', x.label, secondsText(x.start), secondsText(x.end),
      ...keys.map((k) => (x.counts?.[k] === undefined ? '' : countText(x.counts[k]!)))])
    : laneSummaries(t).map((l) => [l.name, String(l.bars), String(l.rows), secondsText(l.first), secondsText(l.last)]);
  return h('table', { className: ['sr-only'], id: `${id}-table` }, [
    h('caption', caption),
    h('thead', h('tr', head.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', rows.map((r) => h('tr', r.map((c) => h('td', c))))),
  ]);
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text);

/** 125000 → `125,000` (fixed locale: the build's output does not depend on the machine's). */
export const countText = (n: number) => n.toLocaleString('en-US');

/** Options of {@link tallySvg}. */
export interface TallyOptions {
  title: string;
  id: string;
  /** Names of the jobs each lane ran, in order: its first job is group 0 (`round 1: …`). */
  groups: readonly string[];
  /** Count that is the work done (`increments`) and count that is the part lost (`lost`). */
  done: string;
  lost: string;
  /** Id of the data table describing it; default `<id>-table`. */
  table?: string;
}

/** Per lane and group: the job's counts, or undefined when that lane ran no such job. */
export function tallyOf(t: Trace, groups: number, done: string, lost: string): ({ done: number; lost: number } | undefined)[][] {
  return t.lanes.map((_, lane) => {
    const jobs = t.spans.filter((x) => x.lane === lane && x.counts?.[done] !== undefined).sort((a, b) => a.start - b.start);
    return Array.from({ length: groups }, (_, g) => {
      const c = jobs[g]?.counts;
      return c ? { done: c[done]!, lost: c[lost] ?? 0 } : undefined;
    });
  });
}

/**
 * What each lane's jobs reported, as bars: one column per group (round 1, round 2), one row per
 * lane and a total row; in each cell the work done (upper bar) and the part lost (lower, red and
 * thinner, at least 2 px when anything was lost, so a 0.5 % loss is still seen), on one scale for
 * the lanes and one for the total, with the numbers written beside them. A lane's writes may erase
 * more than it did itself: its red bar is then the longer one.
 */
export function tallySvg(t: Trace, o: TallyOptions): Element {
  const tally = tallyOf(t, o.groups.length, o.done, o.lost);
  const totals = o.groups.map((_, g) => tally.reduce((acc, row) => ({ done: acc.done + (row[g]?.done ?? 0), lost: acc.lost + (row[g]?.lost ?? 0) }), { done: 0, lost: 0 }));
  const scaleOf = (cells: ({ done: number; lost: number } | undefined)[]) => Math.max(1, ...cells.flatMap((c) => (c ? [c.done, c.lost] : [])));
  const lanesScale = scaleOf(tally.flat());
  const colW = (WIDTH - LABEL) / o.groups.length;
  const BAR = Math.min(96, colW - 132);
  const ROW = 20;
  const children: ElementContent[] = [s('title', { id: `${o.id}-title` }, o.title)];
  o.groups.forEach((g, i) => children.push(s('text', { class: 'tl-tick', x: round(LABEL + i * colW), y: 13 }, clip(g, Math.floor(colW / 6)))));
  type Cell = { done: number; lost: number } | undefined;
  const rows: [string, Cell[], number, boolean][] = [
    ...t.lanes.map((name, lane): [string, Cell[], number, boolean] => [name, tally[lane]!, lanesScale, false]),
    [`all ${t.lanes.length} lanes`, totals, scaleOf(totals), true],
  ];
  let y = 20;
  for (const [name, cells, scale, total] of rows) {
    children.push(s('rect', { class: 'tl-lane', x: 0, y, width: WIDTH, height: ROW, rx: 3 }));
    children.push(s('text', { class: total ? 'tl-lane-label tl-total' : 'tl-lane-label', x: 6, y: y + 14 }, clip(name, 26)));
    cells.forEach((c, i) => {
      if (!c) return;
      const x0 = round(LABEL + i * colW);
      children.push(s('rect', { class: 'tl-bar tl-job', x: x0, y: y + 3, width: Math.max(1, round((BAR * c.done) / scale)), height: 8 }));
      if (c.lost > 0) children.push(s('rect', { class: 'tl-bar tl-lost', x: x0, y: y + 12, width: Math.max(2, round((BAR * c.lost) / scale)), height: 5 }));
      children.push(s('text', { class: 'tl-lane-label', x: round(x0 + BAR + 6), y: y + 14 }, `${countText(c.done)} · ${countText(c.lost)} lost`));
    });
    y += ROW + 3;
  }
  return s('svg', {
    class: 'tl-svg tl-tally', viewBox: `0 0 ${WIDTH} ${y}`, width: WIDTH, height: y, role: 'img',
    'aria-labelledby': `${o.id}-title`, 'aria-describedby': o.table ?? `${o.id}-table`, focusable: 'false',
  }, children);
}
