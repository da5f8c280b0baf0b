import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { searchRanking } from '../../src/lib/search-config.ts';

/** A search over a built site's Pagefind index, run in Node: returns the URLs of the results. */
export type SiteSearch = (query: string) => Promise<string[]>;

/** One result as the search dialog shows it: page URL (site-relative), title, excerpts, metadata. */
export interface SearchResult {
  url: string;
  title: string;
  /** Pagefind's excerpt HTML, with `<mark>` around matched words. */
  excerpt: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  subResults: { url: string; title: string; excerpt: string }[];
}

/** Searches with Pagefind's JS API; `filters` as Pagefind takes them (`{ kind: 'Concept' }`). */
export type DetailedSearch = (query: string, filters?: Record<string, string | string[]>) => Promise<SearchResult[]>;

let loads = 0;

const siteUrl = (url: string) => url.replace(/^.*\/dist\//, '/');

/**
 * Loads `dist/pagefind/pagefind.js` in Node with `fetch` answering from the files of `dist`
 * (as a static host would), with the site's own ranking options (src/lib/search-config.ts, as
 * Starlight passes them in the browser), runs `use`, then restores `fetch`.
 */
export async function withPagefind<T>(dist: string, use: (search: DetailedSearch) => Promise<T>): Promise<T> {
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
    await pagefind.options({ ranking: searchRanking });
    await pagefind.init();
    const search: DetailedSearch = async (query, filters) => {
      const found = await pagefind.search(query, filters ? { filters } : undefined);
      return Promise.all(
        found.results.map(async (r: { data: () => Promise<PagefindData> }) => {
          const d = await r.data();
          return {
            url: siteUrl(d.url),
            title: d.meta.title ?? '',
            excerpt: d.excerpt,
            meta: d.meta,
            filters: d.filters,
            subResults: d.sub_results.map((s) => ({ url: siteUrl(s.url), title: s.title, excerpt: s.excerpt })),
          };
        }),
      );
    };
    const result = await use(search);
    await pagefind.destroy?.();
    return result;
  } finally {
    globalThis.fetch = realFetch;
  }
}

interface PagefindData {
  url: string;
  excerpt: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  sub_results: { url: string; title: string; excerpt: string }[];
}

/** {@link withPagefind}, for tests that only need the URLs of the results, in rank order. */
export function withSiteSearch<T>(dist: string, use: (search: SiteSearch) => Promise<T>): Promise<T> {
  return withPagefind(dist, (search) => use(async (query) => (await search(query)).map((r) => r.url)));
}
