// Python originals are identified by their hash, so their output under a given interpreter, time
// scale and fixture web does not change: the check reuses it (node_modules/.cache) unless told not to.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FIXTURE_PAGES } from './fixture-web.ts';
import type { PythonRunResult } from './python-runner.ts';
import { SITECUSTOMIZE_DIR } from './python-runner.ts';

/** A JSON file of Python results keyed by block hash and run conditions. */
export class PythonCache {
  readonly file: string;
  readonly salt: string;
  private entries: Record<string, PythonRunResult>;
  private readonly fresh: boolean;
  hits = 0;

  /** Opens the cache under `root/node_modules/.cache/check-snippets/`; `fresh` ignores stored entries. */
  constructor(root: string, conditions: Record<string, unknown>, fresh: boolean) {
    this.file = join(root, 'node_modules', '.cache', 'check-snippets', 'python-runs.json');
    // The Python runtime and the sandbox it runs in: a change to either reruns every block.
    const runtime = ['python/sitecustomize.py', 'jail.ts', 'python-runner.ts']
      .map((f) => readFileSync(join(SITECUSTOMIZE_DIR, '..', f), 'utf8')).join('\n');
    this.salt = createHash('sha256').update(JSON.stringify({ conditions, runtime, FIXTURE_PAGES })).digest('hex').slice(0, 16);
    this.fresh = fresh;
    this.entries = {};
    // Loaded even when `fresh`: other blocks' entries are kept when the cache is saved.
    try { this.entries = JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, PythonRunResult>; } catch { /* none yet */ }
  }

  /** Returns the stored result for a block, or runs it and stores a completed result. */
  async get(hash: string, run: () => Promise<PythonRunResult>): Promise<PythonRunResult> {
    const key = `${hash}:${this.salt}`;
    const hit = this.fresh ? undefined : this.entries[key];
    if (hit) {
      this.hits++;
      return { ...hit, cached: true };
    }
    const result = await run();
    if (!result.timedOut && result.exitCode !== null) {
      delete this.entries[key]; // re-inserted last: newest
      this.entries[key] = result;
    }
    return result;
  }

  /** Writes the cache back, keeping entries of other conditions (the newest 500 in all). */
  save(): void {
    const kept = Object.fromEntries(Object.entries(this.entries).slice(-500));
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileSync(this.file, JSON.stringify(kept));
    } catch { /* read-only checkout: run without a cache */ }
  }
}
