import { VFileMessage } from 'vfile-message';

export type Severity = 'error' | 'warning';

/**
 * A problem found in a note (or a file beside it): a vfile message — `reason`, `place`/`line`/
 * `column`, `ruleId` (stable, e.g. `frontmatter-yaml`), `source`, `fatal` (`true` for an error) —
 * whose `file` is the path from the project root (`notes/python-concurrency.md`) and whose line is
 * the file's line (1 when it concerns the whole file). `severity` reads `fatal`; `message` is
 * `reason`. Always reported as `notes/FILE.md:LINE:COL severity: reason [rule]`.
 */
export type Problem = VFileMessage & { file: string; line: number; column: number; ruleId: string; readonly severity: Severity };

/** What a problem is made from (`problem()`); the message's fields under their familiar names. */
export interface ProblemInit {
  file: string;
  /** 1-based file line; default 1. */
  line?: number;
  /** 1-based column; default 1. */
  column?: number;
  severity: Severity;
  ruleId: string;
  /** The reason, as shown. */
  message: string;
  /** What found it (`link-graph`, `vault`, …); default `notes`. */
  source?: string;
}

/** THE constructor of a problem: a `VFileMessage` at a file position, fatal for an error. */
export function problem(init: ProblemInit): Problem {
  const m = new VFileMessage(init.message, { place: { line: init.line ?? 1, column: init.column ?? 1 }, ruleId: init.ruleId, source: init.source ?? 'notes' });
  m.file = init.file;
  m.fatal = init.severity === 'error';
  // Derived, so it can never disagree with `fatal`.
  Object.defineProperty(m, 'severity', { enumerable: true, get: (): Severity => (m.fatal ? 'error' : 'warning') });
  return m as Problem;
}

/** Where a note's body starts in its file: what `bodyProblem` needs to turn body lines into file lines. */
export interface BodyPlace {
  /** Path as shown in messages: `notes/FILE.md`. */
  file: string;
  /** 1-based file line of the body's first line (after frontmatter). */
  bodyLine: number;
}

/**
 * THE body-line offset: a problem at `line`/`column` of a note's body (as every parse of the body
 * reports it), placed at the file line. Every body position goes through here.
 */
export function bodyProblem(note: BodyPlace, line: number | undefined, column: number | undefined, severity: Severity, ruleId: string, message: string, source?: string): Problem {
  return problem({ file: note.file, line: (line ?? 1) + note.bodyLine - 1, column: column ?? 1, severity, ruleId, message, source });
}

/** A vfile message about a note body (`file.message(reason, {place, ruleId, source})`) as a problem of the note's file. */
export function problemFromMessage(note: BodyPlace, m: Pick<VFileMessage, 'line' | 'column' | 'ruleId' | 'reason' | 'fatal' | 'source'>, fallbackRule: string): Problem {
  return bodyProblem(note, m.line ?? undefined, m.column ?? undefined, m.fatal ? 'error' : 'warning', m.ruleId ?? fallbackRule, m.reason, m.source ?? undefined);
}

/** Formats a problem the way compilers do, so editors can jump to it: read from the message's own fields. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column} ${p.fatal ? 'error' : 'warning'}: ${p.reason} [${p.ruleId}]`;
}

/** Counts errors and warnings, for the one-line summary of a run. */
export function summarize(problems: readonly Problem[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const p of problems) if (p.fatal) errors++;
  return { errors, warnings: problems.length - errors };
}

/** Sorts problems by file, then position, so output is stable across runs. */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
}
