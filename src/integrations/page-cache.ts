// Rebuild only the pages that changed: Astro's incremental build (`experimental.incrementalBuild`)
// skips a page whose `cacheKey` and route code match the last build and copies its last output. Our
// own routes return keys through `keyed()` (src/lib/page-keys.ts). The note pages come from the
// route Starlight injects (`[...slug]`), which returns Starlight's paths without keys (Starlight
// 0.42 has no option for it, and an integration cannot replace an injected route), so this Vite
// plugin loads that route with one change: its paths pass through `withNotePageKeys`. If Starlight
// changes the route's text, the build stops with this file's name rather than silently rendering
// every page (tests/page-keys.test.ts checks the installed route too).
import { readFileSync } from 'node:fs';
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

/** Page keys for Starlight's note route; enable `experimental.incrementalBuild` in the Astro config to use them. */
export function pageCache(): AstroIntegration {
  return {
    name: 'page-cache',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
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
