// Rebuild only the pages that changed: Astro's incremental build (`experimental.incrementalBuild`)
// skips a page whose `cacheKey` and route code match the last build and copies its last output. Our
// own routes return keys through `keyed()` (src/lib/page-keys.ts). The note pages come from the
// route Starlight injects (`[...slug]`), which returns Starlight's paths without keys (Starlight
// 0.42 has no option for it, and an integration cannot replace an injected route), so this Vite
// plugin loads that route with one change: its paths pass through `withNotePageKeys`. If Starlight
// changes the route's text, the build stops with this file's name rather than silently rendering
// every page (tests/page-keys.test.ts checks the installed route too).
//
// The output folder is no longer emptied before a build: a skipped page whose file is still there
// is left as it is (emptying it, then copying the page back from the cache, was a third of a no-op
// rebuild's page phase at 1,000 notes). After the build, every file this build neither wrote nor
// kept is removed (`staleOutputs`), so dist/ holds exactly what a build from nothing would.
import { mkdirSync, readdirSync, readFileSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** Starlight's prerendered page route, as Vite loads it. */
const STARLIGHT_ROUTE = /[\\/]@astrojs[\\/]starlight[\\/]dist[\\/]routes[\\/]static[\\/]index\.astro$/;
/** The two lines of that route this changes: its first import, and its `getStaticPaths` body. */
const IMPORT = "import { paths } from '../../utils/routing';";
const RETURN = 'return paths;';

const pageKeys = fileURLToPath(new URL('../lib/page-keys.ts', import.meta.url));

/** Starlight's route source with its paths keyed; throws when the route is not the one this knows. */
export function keyStarlightRoute(source: string, keysModule = pageKeys): string {
  if (source.split(IMPORT).length !== 2 || source.split(RETURN).length !== 2) {
    throw new Error(`src/integrations/page-cache.ts: Starlight's page route changed (no single "${IMPORT}" and "${RETURN}"); update the page keys for the new route`);
  }
  return source
    .replace(IMPORT, `${IMPORT}\nimport { getCollection } from 'astro:content';\nimport { withNotePageKeys } from ${JSON.stringify(keysModule)};`)
    .replace(RETURN, "return withNotePageKeys(paths, await getCollection('docs'));");
}

/** Where Astro's incremental build records the pages it keyed (Astro 7's `incremental-build.json`, version 1). */
const MANIFEST = 'incremental-build.json';

/**
 * Files under `outDir` that are stale after a build that started at `since`: not written since then
 * (by Astro, Vite or an integration), and not a page the build kept from the last one (the keyed
 * pages of `manifestFile`). Without a manifest (a first build, or no incremental build) every file
 * older than the build is stale, as if the folder had been emptied.
 */
export function staleOutputs(outDir: string, manifestFile: string, since: number): string[] {
  const kept = new Set<string>();
  let manifest: { version?: number; routes?: Record<string, { paths: Record<string, { outputFile: string }> }> } | undefined;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch {
    // None: nothing was kept.
  }
  if (manifest) {
    if (manifest.version !== 1 || !manifest.routes) throw new Error(`src/integrations/page-cache.ts: Astro's ${MANIFEST} is not the version 1 this reads; update staleOutputs`);
    // Astro records each output as a URL path (`caf%C3%A9/index.html`); the folder holds `café/index.html`.
    for (const route of Object.values(manifest.routes)) for (const path of Object.values(route.paths)) kept.add(decodeURI(path.outputFile));
  }
  const stale: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.git') walk(full);
      } else if (statSync(full).mtimeMs < since && !kept.has(relative(outDir, full).split('\\').join('/'))) stale.push(full);
    }
  };
  walk(outDir);
  return stale;
}

/** Removes `files`, then the folders under `root` they leave empty. */
function removeWithEmptyFolders(root: string, files: string[]): void {
  const folders = new Set<string>();
  for (const file of files) {
    unlinkSync(file);
    for (let dir = join(file, '..'); dir.startsWith(root) && dir !== root; dir = join(dir, '..')) folders.add(dir);
  }
  // Deepest first; a folder that still holds files stays.
  for (const dir of [...folders].sort((a, b) => b.length - a.length)) {
    if (readdirSync(dir).length === 0) rmdirSync(dir);
  }
}

/** Page keys for Starlight's note route; enable `experimental.incrementalBuild` in the Astro config to use them. */
export function pageCache(): AstroIntegration {
  let cacheDir = '';
  let started = 0;
  return {
    name: 'page-cache',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = fileURLToPath(config.cacheDir);
      },
      'astro:build:start': () => {
        // The start on the file system's own clock (file times can lag Date.now() by a tick).
        const marker = join(cacheDir, 'build-start');
        mkdirSync(cacheDir, { recursive: true });
        writeFileSync(marker, '');
        started = statSync(marker).mtimeMs;
      },
      'astro:build:done': ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const stale = staleOutputs(outDir, join(cacheDir, MANIFEST), started);
        removeWithEmptyFolders(outDir, stale);
        if (stale.length > 0) logger.info(`removed ${stale.length} file(s) of earlier builds that this one no longer has`);
      },
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            // Astro empties the output folder unless this is false; `astro:build:done` above removes what is stale.
            build: { emptyOutDir: false },
            plugins: [
              {
                name: 'notes:starlight-route-keys',
                enforce: 'pre',
                load(id) {
                  if (!STARLIGHT_ROUTE.test(id)) return undefined;
                  return keyStarlightRoute(readFileSync(id, 'utf8'));
                },
              },
            ],
          },
        });
      },
    },
  };
}
