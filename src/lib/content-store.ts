/**
 * How Astro keeps the content store between builds (`experimental.collectionStorage`). Astro writes
 * the one-file store as one string, and V8's longest string (~536 million characters) is reached at
 * about 3.3 characters of store per byte of Markdown: 50,000 generated notes (173 MB) failed with
 * "Invalid string length" in serializeDataStore, bare Starlight too. The chunked store (20 MiB
 * files) has no such limit, but Astro's writer measures every character on its own, about 1 µs each
 * (2,000 notes: content sync 21 s -> 53 s), so only vaults past {@link CHUNKED_FROM_BYTES} of
 * Markdown use it; `npm run build` also swaps that measuring for a faster one with the same chunks
 * (scripts/astro-patches/chunk-writer.ts).
 */
import { statSync } from 'node:fs';
import { listFiles } from './list-files.ts';

/** 100 MB of Markdown: ~330 MB of store, well under the limit for notes of ordinary HTML weight. */
export const CHUNKED_FROM_BYTES = 100 * 1024 * 1024;

/** `single-file` for vaults under `from` bytes of Markdown, else `chunked`. */
export function contentStorage(notesDir: string, from = CHUNKED_FROM_BYTES): 'single-file' | 'chunked' {
  let bytes = 0;
  for (const file of listFiles(notesDir)) {
    if (!file.endsWith('.md')) continue;
    bytes += statSync(file).size;
    if (bytes >= from) return 'chunked';
  }
  return 'single-file';
}
