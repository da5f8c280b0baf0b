/**
 * Astro 7.3's chunked content store (`experimental.collectionStorage: 'chunked'`, which vaults past
 * 100 MB of Markdown use: src/lib/content-store.ts) ends each 20 MiB chunk with `getChunkEnd`, which
 * encodes the serialized store one character at a time: 0.25–1 µs a character, so each write of a
 * 50,000-note store (~500 million characters) spends minutes measuring it. Astro has no option for
 * this, and the writer is internal to its content layer; this swaps that one function, in the source
 * Node loads, for one that measures whole runs with Buffer.byteLength and walks characters only near a
 * chunk's end. It returns the same end and byte count for every input (tests/astro-patches.test.ts
 * checks it against the installed function), so the chunks are the same, byte for byte.
 */

/** Astro's file, as Node loads it. */
export const CHUNK_WRITER = /[\\/]astro[\\/]dist[\\/]content[\\/]data-store-writer\.js$/;

/** The function this replaces, from its signature to the closing brace at the start of a line. */
const ORIGINAL = /^function getChunkEnd\(str, startIndex, maxBytes\) \{\n[\s\S]*?\n\}\n/m;

/** What Astro's loop computes: the longest prefix from `startIndex` on code-point boundaries that fits in `maxBytes` (at least one code point). */
export const FAST_GET_CHUNK_END = `function getChunkEnd(str, startIndex, maxBytes) {
  // Patched by scripts/astro-patches/chunk-writer.ts: whole runs measured at once.
  let index = startIndex;
  let bytes = 0;
  for (;;) {
    // A UTF-16 unit is at most 3 bytes of UTF-8 (a surrogate pair is 4 for 2 units): this run fits.
    let end = Math.min(str.length, index + Math.floor((maxBytes - bytes) / 3));
    if (end < str.length) {
      const last = str.charCodeAt(end - 1);
      if (last >= 0xd800 && last <= 0xdbff) end--;
    }
    if (end - index < 64) break;
    bytes += Buffer.byteLength(str.slice(index, end), "utf8");
    index = end;
    if (index >= str.length) return { endIndex: index, bytes };
  }
  while (index < str.length) {
    const codePoint = str.codePointAt(index);
    const charLength = codePoint > 65535 ? 2 : 1;
    const charBytes = Buffer.byteLength(str.slice(index, index + charLength), "utf8");
    if (bytes + charBytes > maxBytes && index > startIndex) {
      break;
    }
    index += charLength;
    bytes += charBytes;
    if (bytes >= maxBytes) {
      break;
    }
  }
  return { endIndex: index, bytes };
}
`;

/** Astro's `getChunkEnd` source in `source`, or undefined when the file no longer has it. */
export function originalGetChunkEnd(source: string): string | undefined {
  return ORIGINAL.exec(source)?.[0];
}

/** `source` with the fast `getChunkEnd`, or undefined when Astro's function is not there to replace. */
export function patchChunkWriter(source: string): string | undefined {
  const original = originalGetChunkEnd(source);
  if (!original || !original.includes('ENCODER.encode(str.slice(index, index + charLength)).length')) return undefined;
  return source.replace(original, FAST_GET_CHUNK_END);
}
