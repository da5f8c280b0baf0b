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
