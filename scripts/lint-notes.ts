// Reports every problem in the notes as `notes/FILE.md:LINE:COL severity: message [rule]`.
// Exits 1 when there are errors; warnings alone never fail. Usage: node scripts/lint-notes.ts
import '../src/lib/checks.ts';
import { lintVault } from '../src/lib/lint.ts';
import { formatProblem, sortProblems, summarize } from '../src/lib/problems.ts';
import { siteConfig } from '../src/lib/site-config.ts';
import { exitOnConfigError } from '../src/lib/config-error.ts';
import { scanVault } from '../src/lib/vault.ts';

const { includeDrafts, notesDir, notesDisplayDir } = exitOnConfigError(siteConfig);
const vault = scanVault({ dir: notesDir, displayDir: notesDisplayDir, includeDrafts });
const problems = sortProblems(await lintVault(vault));
for (const p of problems) console.error(formatProblem(p));
const { errors, warnings } = summarize(problems);
console.error(`notes: ${vault.notes.length} published, ${vault.excluded.length} left out, ${errors} errors, ${warnings} warnings`);
process.exitCode = errors > 0 ? 1 : 0;
