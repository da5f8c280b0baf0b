// Loaded into Astro's build process with `node --import` (scripts/build.ts): swaps in the patches of
// this folder as Node loads Astro's files. A patch whose target changed (a newer Astro) is not
// applied; the build goes on with Astro's own code and says so. Node before 22.15 has no
// synchronous hooks: Astro runs as it is there.
import * as nodeModule from 'node:module';
import { CHUNK_WRITER, patchChunkWriter } from './chunk-writer.ts';

nodeModule.registerHooks?.({
  load(url, context, nextLoad) {
    const result = nextLoad(url, context);
    if (!CHUNK_WRITER.test(url) || result.source === undefined) return result;
    const source = typeof result.source === 'string' ? result.source : Buffer.from(result.source as Uint8Array).toString('utf8');
    const patched = patchChunkWriter(source);
    if (patched === undefined) {
      console.warn("build: Astro's chunked content store writer changed; it is used as it is (slower past 100 MB of Markdown). Update scripts/astro-patches/chunk-writer.ts.");
      return result;
    }
    return { ...result, source: patched };
  },
});
