// How Astro keeps the content store (src/lib/content-store.ts): one file for ordinary vaults,
// 20 MiB files once the Markdown is large enough to pass V8's longest string in one file.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { CHUNKED_FROM_BYTES, contentStorage } from '../src/lib/content-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'content-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('counts the Markdown of every folder, and nothing else', () => {
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'a.md'), 'x'.repeat(600));
  writeFileSync(join(dir, 'sub', 'b.md'), 'x'.repeat(600));
  writeFileSync(join(dir, 'picture.png'), 'x'.repeat(5000));
  expect(contentStorage(dir, 1000)).toBe('chunked');
  expect(contentStorage(dir, 1300)).toBe('single-file');
  // The seeds and any ordinary vault: one file.
  expect(contentStorage('notes')).toBe('single-file');
  expect(CHUNKED_FROM_BYTES).toBeGreaterThan(50 * 1024 * 1024);
});
