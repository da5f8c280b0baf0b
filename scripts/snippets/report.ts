// The check's outputs: problem lines, the per-translation evidence, the results file the site
// renders, and the one-line summary.
import type { Plan } from './collect.ts';
import type { Outcome } from './evaluate.ts';

/** Counts behind the summary line. */
export interface Totals { python: number; translated: number; ran: number; fragments: number; parity: number; stale: number; failed: number; missing: number }

/** What the site reads from `src/data/snippet-results.json`, keyed by translation path. */
export interface SnippetResult {
  python: string;
  note: string;
  line: number;
  mode: 'run' | 'fragment';
  status: 'checked' | 'fragment' | 'failed';
  parity: 'passed' | 'failed' | 'skipped';
  parityReason?: string;
  /** Captured stdout of the last run ('' for fragments). */
  output: string;
  pythonOutput?: string;
  /** Extra fields: a stale translation (its hash matches no block), the timing claim and evidence. */
  stale?: boolean;
  elapsed?: number;
  /** Timers ran at this fraction of their delay: printed durations are that much shorter than the note's. */
  timeScale?: number;
  criticalPathSeconds?: number;
  maxInFlight?: number;
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

/** The results file content, keys sorted so the committed file diffs cleanly. */
export function resultsJson(outcomes: readonly Outcome[], timeScale: number): Record<string, SnippetResult> {
  const out: Record<string, SnippetResult> = {};
  for (const o of [...outcomes].sort((a, b) => a.t.path.localeCompare(b.t.path))) {
    const block = o.t.block ?? o.t.staleOf?.block;
    out[o.t.path] = {
      python: o.t.python ?? '',
      note: block?.note ?? o.t.note,
      line: block?.line ?? 1,
      mode: o.t.mode ?? 'run',
      status: o.status === 'stale' ? 'failed' : o.status,
      parity: o.parity,
      ...(o.parityReason ? { parityReason: o.parityReason } : {}),
      output: o.run?.stdout ?? '',
      ...(o.python ? { pythonOutput: o.python.stdout } : {}),
      ...(o.status === 'stale' ? { stale: true } : {}),
      ...(o.t.elapsed === undefined ? {} : { elapsed: o.t.elapsed }),
      ...(o.run ? { timeScale, criticalPathSeconds: o.run.virtualSeconds, maxInFlight: o.run.maxInFlight } : {}),
      ...(o.problems.length > 0 ? { problems: o.problems.map((p) => `${p.ruleId}: ${p.message.split('\n')[0]}`) } : {}),
    };
  }
  return out;
}
