// Reports every problem in the notes as `notes/FILE.md:LINE:COL severity: message [rule]`.
// Exits 1 when there are errors; warnings alone never fail. Usage: node scripts/lint-notes.ts [--no-cache]
// Each note's per-note results are kept in the lint cache (src/lib/lint-cache.ts, under the
// configured cache folder) and reused while their key is unchanged; `--no-cache` checks every
// note and leaves the cache as it was.
import '../src/lib/checks.ts';
import { lintVault } from '../src/lib/lint.ts';
import { lintCacheFile, openLintCache } from '../src/lib/lint-cache.ts';
import { formatProblem, sortProblems, summarize } from '../src/lib/problems.ts';
import { siteConfig } from '../src/lib/site-config.ts';
import { exitOnConfigError } from '../src/lib/config-error.ts';
import { scanVault } from '../src/lib/vault.ts';

const config = exitOnConfigError(siteConfig);
const { includeDrafts, notesDir, notesDisplayDir } = config;
const useCache = !process.argv.includes('--no-cache');
const vault = scanVault({ dir: notesDir, displayDir: notesDisplayDir, includeDrafts });
const start = performance.now();
const cache = useCache ? openLintCache(lintCacheFile(config), config, vault) : undefined;
const problems = sortProblems(await lintVault(vault, { cache }));
cache?.save();
// stdout, as the link graph's stage line: the lint's problems and summary go to stderr.
const from = cache ? `${cache.stats.hits} from the lint cache, ${cache.stats.misses} checked` : 'lint cache off';
console.log(`[stage] lint: ${Math.round(performance.now() - start)} ms (${vault.notes.length} notes: ${from})`);
for (const p of problems) console.error(formatProblem(p));
const { errors, warnings } = summarize(problems);
console.error(`notes: ${vault.notes.length} published, ${vault.excluded.length} left out, ${errors} errors, ${warnings} warnings`);
process.exitCode = errors > 0 ? 1 : 0;
