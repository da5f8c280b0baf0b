import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A search over a built site's Pagefind index, run in Node: returns the URLs of the results. */
export type SiteSearch = (query: string) => Promise<string[]>;

let loads = 0;

/**
 * Loads `dist/pagefind/pagefind.js` in Node with `fetch` answering from the files of `dist`
 * (as a static host would), runs `use`, then restores `fetch`.
 */
export async function withSiteSearch<T>(dist: string, use: (search: SiteSearch) => Promise<T>): Promise<T> {
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (input: string | URL | Request) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const clean = url.split(/[?#]/)[0]!;
    const path = clean.startsWith('file:') ? fileURLToPath(clean) : join(dist, clean);
    return existsSync(path) ? new Response(readFileSync(path)) : new Response('not found', { status: 404 });
  }) as typeof fetch;
  try {
    // A query string makes each load a fresh module instance, so two sites never share one index.
    const pagefind = await import(`${pathToFileURL(join(dist, 'pagefind', 'pagefind.js')).href}?site=${++loads}`);
    await pagefind.init();
    const search: SiteSearch = async (query) => {
      const found = await pagefind.search(query);
      return Promise.all(found.results.map(async (r: { data: () => Promise<{ url: string }> }) => (await r.data()).url.replace(/^.*\/dist\//, '/')));
    };
    const result = await use(search);
    await pagefind.destroy?.();
    return result;
  } finally {
    globalThis.fetch = realFetch;
  }
}
