// Judges one translation from what the check observed: header, type errors, its sandboxed run,
// the timing trace and the Python original's run. Pure: no I/O.
import { problem, type Problem } from '../../src/lib/problems.ts';
import type { NoteBlock, TranslationFile } from './collect.ts';
import { matchOutput } from '../../src/lib/snippets/output-match.ts';
import type { PythonRunResult } from './python-runner.ts';
import type { SandboxResult } from './sandbox.ts';
import type { TypeDiagnostic } from './typecheck.ts';

/** The verdict on one translation, as reported and written to the results file. */
export interface Outcome {
  t: TranslationFile;
  status: 'checked' | 'fragment' | 'failed' | 'stale';
  parity: 'passed' | 'failed' | 'skipped';
  parityReason?: string;
  run?: SandboxResult;
  python?: PythonRunResult;
  problems: Problem[];
  /** Evidence for the report: timings, concurrency, parity. */
  evidence: string[];
}

/** Limits and tolerances the verdict refers to. */
export interface EvaluateOptions {
  timeoutMs: number;
  heapMiB: number;
  rssMiB: number;
  /** Relative tolerance of `@elapsed` against the critical path of delays. */
  elapsedTolerance: number;
  cores: number;
  pythonTimeoutMs: number;
  /** Display path of the maintainers' allow-list, for messages. */
  permissionsFile: string;
}

/** The error a crashed process printed: its first `…Error: …` line (and `cause`), else the last line. */
export function crashReason(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l.trim() && !/^\s+at /.test(l) && !/^Node\.js v\d/.test(l));
  const error = lines.find((l) => /^(Uncaught )?\w*(Error|Exception)\b|^\w+: /.test(l.trim()));
  const cause = lines.find((l) => /^\s*\[cause\]: |code: '/.test(l));
  return [error ?? lines.pop() ?? '', cause?.trim()].filter(Boolean).join(' ');
}
/** Indents a diff under its message, cut to `max` lines so a 240-line mismatch stays readable. */
const indent = (text: string, max = 40) => {
  const lines = text.split('\n');
  const shown = lines.length > max ? [...lines.slice(0, max), `… ${lines.length - max} more lines`] : lines;
  return shown.map((l) => `    ${l}`).join('\n');
};
/** True when a Python block only imports and defines (no call at top level): it prints nothing by design. */
export function definesOnly(code: string): boolean {
  const top = code.split('\n').filter((l) => l.trim() && !/^\s/.test(l) && !l.startsWith('#'));
  return top.every((l) => /^(async\s+def|def|class|import|from|@)\b|^[)\]}]/.test(l));
}
const secs = (n: number) => `${Number(n.toFixed(3))} s`;

/** Evaluates a translation; `run`/`python` are absent when it was not run (fragment, stale, header error). */
export function evaluate(
  t: TranslationFile, types: readonly TypeDiagnostic[], o: EvaluateOptions, run?: SandboxResult, python?: PythonRunResult,
  pythonSkip?: string,
): Outcome {
  const block: NoteBlock | undefined = t.block ?? t.staleOf?.block;
  const problems: Problem[] = [];
  const evidence: string[] = [];
  const at = { file: block?.note ?? t.note, line: block?.line ?? 1, column: block?.column ?? 1 };
  const fail = (ruleId: string, message: string) => problems.push(problem({ ...at, severity: 'error', ruleId, message: `${t.path}: ${message}`, source: 'check-snippets' }));

  if (!t.block) {
    const s = t.staleOf;
    const message = t.orphan
      ? `stale translation: it is not beside any published note (expected ${t.path.replace(/\/[^/]+$/, '')}.md): was the note renamed, removed or left out of the site?`
      : s?.block
      ? `stale translation: its @python ${t.python} matches no block; this block (${s.block.hash}) looks like the one it translated before it changed (similarity ${s.score.toFixed(2)}): update the translation and its @python hash`
      : `stale translation: its @python ${t.python ?? '(none)'} matches no Python block of ${t.note}`;
    if (t.python) problems.push(problem({ ...at, severity: 'error', ruleId: 'snippet-stale', message: `${t.path}: ${message}`, source: 'check-snippets' }));
  }
  for (const i of t.issues) fail('snippet-header', `line ${i.line}: ${i.message}`);
  for (const a of t.allow.filter((x) => !(t.granted ?? t.allow).includes(x))) {
    fail('snippet-permission', `asks for @allow ${a}, which ${o.permissionsFile} does not grant it: it ran without (a maintainer grants it there after review)`);
  }
  for (const link of t.symlinks ?? []) {
    fail('snippet-symlink', `its folder holds a symbolic link (${link}): translation folders may hold only regular files; not run`);
  }
  for (const d of types) fail('snippet-type', `type error at ${t.path}:${d.line}:${d.column} ${d.message}`);

  let parity: Outcome['parity'] = 'skipped';
  let parityReason: string | undefined = pythonSkip;
  if (run) {
    if (run.timedOut) fail('snippet-timeout', `timed out after ${secs(o.timeoutMs / 1000)}: killed`);
    else if (run.memoryExceeded) fail('snippet-memory', `exceeded the memory cap (${o.heapMiB} MiB heap, ${o.rssMiB} MiB resident): killed`);
    if (run.limit) fail('snippet-limit', `hit the sandbox's limit on ${run.limit}: stopped`);
    for (const v of run.violations) fail('snippet-sandbox', `sandbox violation: ${v}`);
    if (!run.timedOut && !run.memoryExceeded && !run.limit && run.violations.length === 0 && run.exitCode !== 0) {
      fail('snippet-crash', `exited with ${run.exitCode === null ? `signal ${run.signal}` : `code ${run.exitCode}`}: ${crashReason(run.stderr)}`);
    }
    // After a timeout, the memory cap or a sandbox violation the output is a symptom, not news.
    if (t.output && !run.timedOut && !run.memoryExceeded && !run.limit && run.violations.length === 0) {
      const m = matchOutput(t.output, run.stdout);
      if (!m.ok) fail('snippet-output', `output differs from its // ${t.output.unordered ? 'Unordered output' : 'Output'}: (- expected, + actual)\n${indent(m.diff)}`);
    }
    evidence.push(`wall ${secs(run.wallMs / 1000)}, delays' critical path ${secs(run.virtualSeconds)}`);
    if (run.requests > 0) evidence.push(`${run.requests} HTTP requests, max ${run.maxInFlight} in flight`);
    if (run.parallelism !== undefined && t.allow.includes('worker')) {
      evidence.push(`${run.workers} worker threads, CPU/wall ${run.parallelism.toFixed(2)}${o.cores >= 2 && run.parallelism <= 1 ? ' (≤ 1: no parallel speedup observed in this run)' : ''}`);
    }
    if (t.elapsed !== undefined) {
      if (run.virtualSeconds > 0 || t.elapsed === 0) {
        const diff = Math.abs(run.virtualSeconds - t.elapsed);
        const ok = diff <= Math.max(o.elapsedTolerance * t.elapsed, 0.25);
        if (!ok) fail('snippet-elapsed', `@elapsed ${t.elapsed} but the critical path of its delays is ${secs(run.virtualSeconds)} (concurrent ≈ max, sequential ≈ sum)`);
        evidence.push(`@elapsed ${t.elapsed}: ${ok ? 'matches' : 'does not match'} the critical path`);
      } else {
        evidence.push(`@elapsed ${t.elapsed}: not checked (no timers: the time is ${run.requests > 0 ? 'network latency, simulated by the fixture web' : 'CPU work'}); estimated at real speed ${secs(run.wallMs / 1000)}`);
      }
    }
  }
  if (python && !pythonSkip) {
    const expectation = t.pythonOutput ?? t.output;
    const contained = python.timedOut || python.limit || python.violations?.length;
    // A Python original is untrusted code too: a timeout, a limit or a sandbox violation fails its block.
    if (python.timedOut) fail('snippet-timeout', `the Python original timed out after ${secs(o.pythonTimeoutMs / 1000)}: killed`);
    if (python.limit) fail('snippet-limit', `the Python original hit the sandbox's limit on ${python.limit}: stopped`);
    for (const v of python.violations ?? []) fail('snippet-sandbox', `the Python original: sandbox violation: ${v}`);
    if (contained) parityReason = 'the Python original ran into its sandbox';
    else if (python.skipped) parityReason = python.skipped;
    else if (python.stdout.trim() === '' && t.block && definesOnly(t.block.code) && !python.error) {
      parityReason = 'the Python block only defines functions and never calls them (the translation adds the entry point): nothing to compare';
    }
    else if (python.error) { parity = 'failed'; parityReason = `the Python original raised ${python.error}`; }
    else if (expectation) {
      const m = matchOutput(expectation, python.stdout);
      parity = m.ok ? 'passed' : 'failed';
      if (!m.ok) parityReason = `the Python original's output differs from // ${t.pythonOutput ? 'Python output' : 'Output'}: (- expected, + python)\n${indent(m.diff)}`;
    }
    if (parity === 'failed') fail('snippet-parity', `parity: ${parityReason}`);
    // Structural, not timed: a Python original seen with 2+ requests in flight is concurrent for
    // sure; a translation of it that never had 2 in flight serialised the I/O.
    if (run && python.maxInFlight > 1 && run.requests > 0 && run.maxInFlight <= 1) {
      fail('snippet-concurrency', `the Python original had ${python.maxInFlight} requests in flight at once, the translation only ${run.maxInFlight}: it runs the I/O sequentially`);
    }
    if (python.maxInFlight > 0) evidence.push(`python max ${python.maxInFlight} in flight`);
    evidence.push(`python ${secs(python.wallMs / 1000)}${python.cached ? ' (cached run)' : ''} (${parity}${parity === 'skipped' ? `: ${parityReason}` : ''})`);
  }
  const status: Outcome['status'] = !t.block && t.python ? 'stale' : problems.length > 0 ? 'failed' : t.mode === 'fragment' ? 'fragment' : 'checked';
  return { t, status, parity, ...(parityReason ? { parityReason } : {}), ...(run ? { run } : {}), ...(python ? { python } : {}), problems, evidence };
}
