// The search index: Pagefind over the built site, run by `scripts/build.ts` after Astro's process
// has exited, so Pagefind's peak memory no longer adds to Astro's (issue 15: at 10,000 notes
// `node astro` 3.2 GB plus `pagefind_extended` 1.8 GB at the same time when Starlight ran it at
// build end). Usage: node scripts/search-index.ts [DIR]   (default: the configured output folder)
//
// The index is built exactly as Starlight 0.42 built it (integrations/pagefind.ts): Pagefind's
// defaults, `addDirectory` over the whole output, written to `<dir>/pagefind/`. What is indexed and
// how it weighs is decided in the HTML (`data-pagefind-body`, `-weight`, `-meta`, `-filter`,
// `-ignore`); the ranking is a search-time option (src/lib/search-config.ts, passed by Search.astro).
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as pagefind from 'pagefind';

/** What one indexing run did. */
export interface IndexResult {
  pages: number;
  ms: number;
  errors: string[];
}

/**
 * Indexes every HTML file under `dir` into `dir/pagefind/`. Prints the same lines Starlight printed
 * ("Building search index with Pagefind...", "Finished building search index in …"), which the
 * bench reads as its Pagefind stage. Never throws for Pagefind's own errors: they are returned.
 */
export async function indexSite(dir: string, log: (line: string) => void = (l) => console.log(l)): Promise<IndexResult> {
  const start = performance.now();
  const errors: string[] = [];
  let pages = 0;
  log('[search-index] Building search index with Pagefind...');
  try {
    const created = await pagefind.createIndex();
    errors.push(...created.errors);
    if (created.index) {
      const added = await created.index.addDirectory({ path: dir });
      errors.push(...added.errors);
      pages = added.page_count;
      log(`[search-index] Found ${pages} HTML files.`);
      if (added.errors.length === 0) errors.push(...(await created.index.writeFiles({ outputPath: join(dir, 'pagefind') })).errors);
    }
  } catch (e) {
    errors.push(String(e));
  } finally {
    await pagefind.close();
  }
  const ms = performance.now() - start;
  if (errors.length === 0) log(`[search-index] Finished building search index in ${ms < 750 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(2)}s`}.`);
  return { pages, ms, errors };
}

// As a command: index the folder given, else the configured output folder.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { siteConfig } = await import('../src/lib/site-config.ts');
  const { exitOnConfigError } = await import('../src/lib/config-error.ts');
  const dir = process.argv[2] ? resolve(process.argv[2]) : exitOnConfigError(siteConfig).outDir;
  const { errors } = await indexSite(dir);
  for (const e of errors) console.error(`search index: ${e}`);
  process.exitCode = errors.length > 0 ? 1 : 0;
}
