// Values computed from notes and kept between builds in one JSON file each, under the build's cache
// folder (safe to delete): the link graph's parses, note summaries, study cards, the graph layout.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * `compute(item)` for each item, reusing the values stored in `file` under the same `version` and
 * the same key (`keyOf(item)`, hashed). The file is rewritten with this call's values only (so it
 * never grows with old entries) when any was computed or dropped; without a file nothing is stored.
 */
export function cachedEach<I, T>(file: string | undefined, version: string | number, items: readonly I[], keyOf: (item: I) => string, compute: (item: I) => T): { values: T[]; computed: number } {
  type CacheFile = { version: string | number; entries: Record<string, T> };
  let cached: Record<string, T> = {};
  if (file && existsSync(file)) {
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
      if (data.version === version) cached = data.entries;
    } catch {
      // A torn or foreign file: compute everything again.
    }
  }
  const used: Record<string, T> = {};
  let computed = 0;
  const values = items.map((item) => {
    const key = createHash('sha1').update(keyOf(item)).digest('base64url');
    // Values are JSON: an `undefined` would not survive the file, so it is computed again each time.
    let value: T;
    if (Object.hasOwn(cached, key) && cached[key] !== undefined) value = cached[key];
    else {
      value = compute(item);
      computed++;
    }
    used[key] = value;
    return value;
  });
  if (file && (computed > 0 || Object.keys(cached).length !== Object.keys(used).length)) {
    try {
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ version, entries: used } satisfies CacheFile));
      renameSync(tmp, file);
    } catch {
      // The cache is an optimisation: a read-only folder only costs the work next time.
    }
  }
  return { values, computed };
}
