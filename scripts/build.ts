// `npm run build`: lint the notes, then build the site. A note with an error is reported as
// `notes/FILE.md:LINE:COL` by the lint and left out of the site; every other note is built into
// dist/, and the exit status is still 1, so CI fails. Pagefind indexes dist/ once Astro's process
// has exited (scripts/search-index.ts), so the two peaks never add. `--preview` (npm start) then
// serves dist/.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { exitOnConfigError } from '../src/lib/config-error.ts';
import { siteConfig } from '../src/lib/site-config.ts';
import { indexSite } from './search-index.ts';

const step = (args: string[]) => spawnSync(process.execPath, args, { stdio: 'inherit' }).status ?? 1;
const preview = process.argv.includes('--preview');
// `--no-cache`: check every note (no lint cache) and render every note (Astro's `--force` clears
// its content cache, where the render cache lives).
const noCache = process.argv.includes('--no-cache');
const args = process.argv.slice(2).filter((a) => a !== '--preview' && a !== '--no-cache');
const { outDir } = exitOnConfigError(siteConfig);

const lint = step(['scripts/lint-notes.ts', ...(noCache ? ['--no-cache'] : [])]);
const astro = step(['node_modules/astro/bin/astro.mjs', 'build', ...(noCache ? ['--force'] : []), ...args]);
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
if (preview && built) step(['node_modules/astro/bin/astro.mjs', 'preview']);
