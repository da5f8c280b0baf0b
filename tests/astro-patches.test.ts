// scripts/astro-patches: the faster chunk end of Astro's chunked content store gives the same chunks
// as Astro's own function, the installed Astro still has the function it replaces, and Node loads the
// patched file when the build passes `--import scripts/astro-patches/register.ts`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { expect, test } from 'vitest';
import { FAST_GET_CHUNK_END, originalGetChunkEnd, patchChunkWriter } from '../scripts/astro-patches/chunk-writer.ts';
import { mulberry32 } from '../src/lib/prng.ts';

type ChunkEnd = (str: string, startIndex: number, maxBytes: number) => { endIndex: number; bytes: number };

const astroDir = dirname(createRequire(import.meta.url).resolve('astro/package.json'));
const writerFile = join(astroDir, 'dist/content/data-store-writer.js');
const installed = readFileSync(writerFile, 'utf8');

const compile = (source: string): ChunkEnd => new Function(`const ENCODER = new TextEncoder();\n${source}\nreturn getChunkEnd;`)() as ChunkEnd;

test("the installed Astro has the function the patch replaces, and nothing else of the file changes", () => {
  const original = originalGetChunkEnd(installed);
  expect(original).toBeDefined();
  const patched = patchChunkWriter(installed);
  expect(patched).toBeDefined();
  expect(patched!.replace(FAST_GET_CHUNK_END, original!)).toBe(installed);
  // A file without that function (a newer Astro) is left to Astro.
  expect(patchChunkWriter(installed.replace('function getChunkEnd(', 'function chunkEnd('))).toBeUndefined();
  expect(patchChunkWriter(installed.replace('ENCODER.encode(str.slice(index, index + charLength)).length', 'byteLength(index)'))).toBeUndefined();
});

test("gives Astro's chunk end for every string, start and size: multi-byte text, surrogate pairs, lone surrogates", () => {
  const slow = compile(originalGetChunkEnd(installed)!);
  const fast = compile(FAST_GET_CHUNK_END);
  const random = mulberry32(7);
  // Units that encode to 1, 2, 3 and 4 (a pair) bytes, lone halves of a pair (3 bytes each, as U+FFFD).
  const pieces = ['a', '<p>', '"', 'é', 'Ω', '—', '“', '\u{1F600}', '\u{10348}', '\uD800', '\uDC00'];
  const text = (length: number, weights: number) => {
    let s = '';
    while (s.length < length) s += random() < weights ? 'x'.repeat(1 + Math.floor(random() * 300)) : pieces[Math.floor(random() * pieces.length)]!;
    return s;
  };
  let cases = 0;
  for (const weights of [0.9, 0.5, 0]) {
    for (let i = 0; i < 120; i++) {
      const s = text(1 + Math.floor(random() * 3000), weights);
      const start = Math.floor(random() * s.length);
      for (const max of [1, 2, 3, 4, 5, 64, 191, 192, 193, Math.floor(random() * 2000) + 1, Math.floor(random() * 12000) + 1, 20 * 1024 * 1024]) {
        expect(fast(s, start, max), `${JSON.stringify(s.slice(start, start + 40))}… from ${start}, ${max} bytes`).toEqual(slow(s, start, max));
        cases++;
      }
    }
  }
  // A chunk end right after the high half of a pair, for sizes around a run's end.
  const pairs = `${'a'.repeat(190)}\u{1F600}${'b'.repeat(400)}`;
  for (let max = 180; max < 700; max++) expect(fast(pairs, 0, max)).toEqual(slow(pairs, 0, max)), cases++;
  expect(cases).toBeGreaterThan(4500);
});

test('the build loads the patched writer through --import register.ts', () => {
  // A second hook, registered after ours, sees what ours returns for Astro's file.
  const probe = `
    import { registerHooks } from 'node:module';
    let seen = 'not loaded';
    registerHooks({ load(url, context, nextLoad) {
      const result = nextLoad(url, context);
      if (url.endsWith('/astro/dist/content/data-store-writer.js')) seen = String(result.source).includes('Patched by scripts/astro-patches/chunk-writer.ts') ? 'patched' : 'as installed';
      return result;
    } });
    const { chunkString } = await import(${JSON.stringify(new URL(`file://${writerFile}`).href)});
    console.log(JSON.stringify({ seen, chunks: chunkString('ab\u{1F600}cd'.repeat(3), 7).length }));`;
  const run = (args: string[]) => JSON.parse(execFileSync(process.execPath, [...args, '--input-type=module', '-e', probe], { encoding: 'utf8' })) as { seen: string; chunks: number };
  expect(run(['--import', './scripts/astro-patches/register.ts'])).toEqual({ seen: 'patched', chunks: 4 });
  expect(run([])).toEqual({ seen: 'as installed', chunks: 4 });
});
