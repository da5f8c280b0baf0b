// The check's outputs: problem lines, the per-translation evidence, the results file the site
// renders, and the one-line summary.
import { matchOutput } from '../../src/lib/snippets/output-match.ts';
import type { Plan } from './collect.ts';
import type { Outcome } from './evaluate.ts';

/** Counts behind the summary line. */
export interface Totals { python: number; translated: number; ran: number; fragments: number; parity: number; stale: number; failed: number; missing: number }

/** What the site reads from `src/data/snippet-results.json`, keyed by translation path. */
export interface SnippetResult {
  python: string;
  /** sha256 of the translation's source (first 16 hex digits): which code the output came from. */
  source?: string;
  note: string;
  line: number;
  mode: 'run' | 'fragment';
  status: 'checked' | 'fragment' | 'failed';
  parity: 'passed' | 'failed' | 'skipped';
  parityReason?: string;
  /** Captured stdout of the last passing run ('' for fragments and for runs that failed). */
  output: string;
  pythonOutput?: string;
  /** Extra fields: a stale translation (its hash matches no block), the timing claim and evidence. */
  stale?: boolean;
  elapsed?: number;
  /** Timers ran at this fraction of their delay: printed durations are that much shorter than the note's. */
  timeScale?: number;
  criticalPathSeconds?: number;
  maxInFlight?: number;
  /** Rule ids of the problems (their messages stay in the check's log: they may quote what the run printed). */
  problems?: string[];
}

/** Counts blocks and outcomes for the summary line. */
export function totals(plan: Plan, outcomes: readonly Outcome[]): Totals {
  const fresh = outcomes.filter((o) => o.t.block);
  return {
    python: plan.blocks.length,
    translated: new Set(fresh.map((o) => o.t.block!.hash + o.t.block!.note)).size,
    ran: outcomes.filter((o) => o.run).length,
    fragments: fresh.filter((o) => o.t.mode === 'fragment').length,
    parity: outcomes.filter((o) => o.parity !== 'skipped').length,
    stale: outcomes.filter((o) => o.status === 'stale').length,
    failed: outcomes.filter((o) => o.status === 'failed').length,
    missing: plan.missing.length,
  };
}

/** The last line of every run. */
export function summaryLine(t: Totals): string {
  return `snippets: ${t.python} python blocks, ${t.translated} translated, ${t.ran} ran, ${t.fragments} fragments, ${t.parity} parity-checked, ${t.stale} stale, ${t.failed} failed`;
}

/**
 * The results file content, keys sorted so the committed file diffs cleanly. Only runs that passed
 * publish what they printed: a failed, timed-out or contained run publishes nothing of its output.
 * Deterministic: an output that varies between runs (clock times, durations, a race's count, the
 * order of unordered lines, the critical path of random delays) is normalised to the earlier results' output when that one still
 * matches the translation's expectation and the same code produced it; so is `maxInFlight`.
 */
export function resultsJson(outcomes: readonly Outcome[], timeScale: number, previous: Record<string, SnippetResult> = {}): Record<string, SnippetResult> {
  const out: Record<string, SnippetResult> = {};
  for (const o of [...outcomes].sort((a, b) => a.t.path.localeCompare(b.t.path))) {
    const block = o.t.block ?? o.t.staleOf?.block;
    const passed = o.status === 'checked';
    const before = previous[o.t.path];
    const same = passed && before?.status === 'checked' && before.python === o.t.python && before.source === o.t.source && before.timeScale === timeScale;
    const keep = (now: string, then: string | undefined, expectation = o.t.output) =>
      same && then !== undefined && expectation && matchOutput(expectation, then).ok ? then : now;
    const output = passed ? keep(o.run?.stdout ?? '', before?.output) : '';
    const pythonClean = passed && o.python && !o.python.timedOut && !o.python.limit && !o.python.violations?.length && !o.python.error && o.parity !== 'failed';
    const pythonOutput = pythonClean ? keep(o.python!.stdout, before?.pythonOutput, o.t.pythonOutput ?? o.t.output) : undefined;
    out[o.t.path] = {
      python: o.t.python ?? '',
      source: o.t.source,
      note: block?.note ?? o.t.note,
      line: block?.line ?? 1,
      mode: o.t.mode ?? 'run',
      status: o.status === 'stale' ? 'failed' : o.status,
      parity: o.parity,
      ...(o.parityReason && o.parity === 'skipped' ? { parityReason: o.parityReason.split('\n')[0] } : {}),
      output,
      ...(pythonOutput !== undefined ? { pythonOutput } : {}),
      ...(o.status === 'stale' ? { stale: true } : {}),
      ...(o.t.elapsed === undefined ? {} : { elapsed: o.t.elapsed }),
      // Both vary with scheduling when delays or requests are random or raced: normalised like outputs.
      ...(o.run ? {
        timeScale,
        criticalPathSeconds: same && before?.criticalPathSeconds !== undefined ? before.criticalPathSeconds : o.run.virtualSeconds,
        maxInFlight: same && before?.maxInFlight !== undefined && (before.maxInFlight > 1) === (o.run.maxInFlight > 1) ? before.maxInFlight : o.run.maxInFlight,
      } : {}),
      ...(o.problems.length > 0 ? { problems: [...new Set(o.problems.map((p) => p.ruleId))] } : {}),
    };
  }
  return out;
}
