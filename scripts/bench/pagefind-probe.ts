// What a visitor's first search transfers: loads dist/pagefind/pagefind.js in Node with `fetch`
// stubbed to read files from dist, runs one query, loads the first results, counts the bytes.
// CLI: node scripts/bench/pagefind-probe.ts DIST [WORD] (prints JSON); the bench runs it as a
// child process so each probe gets a fresh module and a fresh global `fetch`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Bytes a first query moved, by kind of file. */
export interface SearchProbe {
  query: string;
  results: number;
  /** Results whose fragment was loaded (Starlight's UI shows the first five). */
  loaded: number;
  /** Everything pagefind.js fetched: entry + meta + wasm + index chunk(s) + fragment(s). */
  first_query_bytes: number;
  by_kind: Record<string, number>;
  files: { file: string; bytes: number }[];
  /** pagefind.js itself, raw and gzipped (served before the query, not counted above). */
  pagefind_js_bytes: number;
  pagefind_js_gz_bytes: number;
}

const kindOf = (file: string) =>
  /pagefind-entry\.json$/.test(file) ? 'entry' : /\.pf_meta$/.test(file) ? 'meta' : /\.pagefind$/.test(file) ? 'wasm'
    : /\.pf_index$/.test(file) ? 'index' : /\.pf_fragment$/.test(file) ? 'fragment' : /\.pf_filter$/.test(file) ? 'filter' : 'other';

/** Runs `query` against the Pagefind index in `dist` and returns the bytes it fetched. */
export async function probeSearch(dist: string, query: string, firstResults = 5): Promise<SearchProbe> {
  const pagefindJs = join(dist, 'pagefind', 'pagefind.js');
  if (!existsSync(pagefindJs)) throw new Error(`no Pagefind bundle at ${pagefindJs}`);
  const files: { file: string; bytes: number }[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (input: string | URL | Request) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const clean = url.split(/[?#]/)[0]!;
    const path = clean.startsWith('file:') ? fileURLToPath(clean) : join(dist, clean);
    if (!existsSync(path)) return new Response('not found', { status: 404 });
    const body = readFileSync(path);
    files.push({ file: path.slice(dist.length), bytes: body.length });
    return new Response(body, { status: 200 });
  }) as typeof fetch;
  try {
    const pagefind = await import(pathToFileURL(pagefindJs).href);
    await pagefind.init();
    const search = await pagefind.search(query);
    const results = (search?.results ?? []) as { data: () => Promise<unknown> }[];
    const first = results.slice(0, firstResults);
    await Promise.all(first.map((r) => r.data()));
    const by_kind: Record<string, number> = {};
    for (const f of files) by_kind[kindOf(f.file)] = (by_kind[kindOf(f.file)] ?? 0) + f.bytes;
    const js = readFileSync(pagefindJs);
    await pagefind.destroy?.();
    return {
      query, results: results.length, loaded: first.length,
      first_query_bytes: files.reduce((n, f) => n + f.bytes, 0), by_kind, files,
      pagefind_js_bytes: js.length, pagefind_js_gz_bytes: gzipSync(js).length,
    };
  } finally {
    globalThis.fetch = realFetch;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dist, word = 'thread'] = process.argv.slice(2);
  if (!dist) {
    console.error('usage: node scripts/bench/pagefind-probe.ts DIST [WORD]');
    process.exitCode = 2;
  } else {
    console.log(JSON.stringify(await probeSearch(dist, word)));
  }
}
