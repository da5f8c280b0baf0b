// `npm run build`: lint the notes and build the site. A note with an error is reported as
// `notes/FILE.md:LINE:COL` by the lint and left out of the site; every other note is built into
// dist/, and the exit status is still 1, so CI fails. The lint runs beside Astro (two cores: Astro's
// content sync and page rendering keep one busy); neither reads what the other writes, except
// Mermaid drawings, so a vault with a diagram not drawn yet is linted first (the lint draws it
// once, the build reads it). Pagefind indexes dist/ once Astro's process has exited
// (scripts/search-index.ts), so the two peaks never add. `--preview` (npm start) then serves dist/.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { exitOnConfigError } from '../src/lib/config-error.ts';
import { listFiles } from '../src/lib/list-files.ts';
import { mermaidAllDrawn } from '../src/lib/mermaid-checks.ts';
import { siteConfig } from '../src/lib/site-config.ts';
import { scanVault } from '../src/lib/vault.ts';
import { indexSite } from './search-index.ts';

/**
 * Runs a node script; resolves to its exit status. `relay`: its output is passed on whole line by
 * line (each line one write), so a script running beside another never cuts into a line of its.
 */
function run(args: string[], relay = false): Promise<number> {
  const child = spawn(process.execPath, args, { stdio: relay ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
  if (relay) {
    const pass = (from: NodeJS.ReadableStream, to: NodeJS.WriteStream) => createInterface({ input: from, crlfDelay: Infinity }).on('line', (line) => to.write(`${line}\n`));
    pass(child.stdout!, process.stdout);
    pass(child.stderr!, process.stderr);
  }
  return new Promise((resolve) => {
    child.on('error', (e) => { console.error(`build: cannot start ${args.find((a) => !a.startsWith('--'))}: ${e.message}`); resolve(1); });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

const preview = process.argv.includes('--preview');
// `--no-cache`: check every note (no lint cache) and render every note and page (Astro's `--force`
// clears its content cache, where the render cache lives, and ignores the page cache).
const noCache = process.argv.includes('--no-cache');
const args = process.argv.slice(2).filter((a) => a !== '--preview' && a !== '--no-cache');
const config = exitOnConfigError(siteConfig);
const { outDir } = config;

const lintArgs = ['scripts/lint-notes.ts', ...(noCache ? ['--no-cache'] : [])];
// Node caps its heap at ~4 GB whatever the machine has; Astro's process holds every rendered note
// (at 50,000 notes it died of "heap out of memory" at 4 GB on a 24 GB machine). Give it three
// quarters of the memory, or this process's own limit (NODE_OPTIONS) if that is larger.
const heapMiB = Math.floor(Math.max(getHeapStatistics().heap_size_limit, totalmem() * 0.75) / 2 ** 20);
const heap = [`--max-old-space-size=${heapMiB}`];
// Patches to Astro's own code, as Node loads it (scripts/astro-patches/: each says why).
const patches = ['--import', new URL('./astro-patches/register.ts', import.meta.url).href];
const astroArgs = [...heap, ...patches, 'node_modules/astro/bin/astro.mjs', 'build', ...(noCache ? ['--force'] : []), ...args];
// Reading the files is enough to know most vaults have no diagram at all; only one that mentions
// Mermaid is scanned (50,000 notes: ~3 s to read, ~10 s more to scan).
const mentionsMermaid = listFiles(config.notesDir).some((f) => f.endsWith('.md') && /mermaid/i.test(readFileSync(f, 'utf8')));
const drawn = !mentionsMermaid || mermaidAllDrawn(scanVault({ dir: config.notesDir, displayDir: config.notesDisplayDir, includeDrafts: config.includeDrafts }).notes);
let lint: number;
let astro: number;
if (drawn) {
  [lint, astro] = await Promise.all([run(lintArgs, true), run(astroArgs)]);
} else {
  console.log('build: new Mermaid diagrams: the lint draws them before the build starts');
  lint = await run(lintArgs);
  astro = await run(astroArgs);
}
const built = existsSync(join(outDir, 'index.html'));
// A site left with errors (astro exits 1 after writing every other page) is still searchable.
const search = built ? await indexSite(outDir) : { errors: [] };
for (const e of search.errors) console.error(`search index: ${e}`);
const searchStatus = search.errors.length > 0 ? 1 : 0;
if (lint !== 0 || astro !== 0 || searchStatus !== 0) {
  console.error(
    built
      ? `build: notes with errors (above) are left out; every other note is in ${outDir}. Fix the errors: the build exits 1.`
      : 'build failed: see the messages above',
  );
}
process.exitCode = lint || astro || searchStatus;
if (preview && built) await run(['node_modules/astro/bin/astro.mjs', 'preview']);
