/** A problem found in a note, always reported as `notes/FILE.md:LINE:COL message`. */
export interface Problem {
  /** Path relative to the project root, e.g. `notes/python-concurrency.md`. */
  file: string;
  /** 1-based line; 1 when the problem concerns the whole file. */
  line: number;
  /** 1-based column. */
  column: number;
  severity: 'error' | 'warning';
  /** Stable rule id, e.g. `frontmatter-yaml`, so tests and tools can filter. */
  ruleId: string;
  message: string;
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
 * reports it), placed at the file line. Field names follow vfile's messages (`line`, `column`,
 * `ruleId`); `message` is vfile's `reason`.
 */
export function bodyProblem(note: BodyPlace, line: number | undefined, column: number | undefined, severity: Problem['severity'], ruleId: string, message: string): Problem {
  return { file: note.file, line: (line ?? 1) + note.bodyLine - 1, column: column ?? 1, severity, ruleId, message };
}

/** A vfile message about a note body (`file.message(reason, {place, ruleId})`) as a problem. */
export function problemFromMessage(note: BodyPlace, m: { line?: number | null; column?: number | null; ruleId?: string | null; reason: string; fatal?: boolean | null }, fallbackRule: string): Problem {
  return bodyProblem(note, m.line ?? undefined, m.column ?? undefined, m.fatal ? 'error' : 'warning', m.ruleId ?? fallbackRule, m.reason);
}

/** Formats a problem the way compilers do, so editors can jump to it. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column} ${p.severity}: ${p.message} [${p.ruleId}]`;
}

/** Counts errors and warnings, for the one-line summary of a run. */
export function summarize(problems: readonly Problem[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const p of problems) if (p.severity === 'error') errors++;
  return { errors, warnings: problems.length - errors };
}

/** Sorts problems by file, then position, so output is stable across runs. */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
}
