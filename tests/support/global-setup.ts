import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSite } from './build-site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `dist` of the real `notes/` site, built once per test run. */
    siteDir: string;
  }
}

/** Removes test builds left by earlier runs (older than an hour, so a concurrent run keeps its own). */
function pruneOldBuilds(): void {
  const scratch = resolve(import.meta.dirname, '../../node_modules/.cache/site-builds');
  let entries: string[] = [];
  try {
    entries = readdirSync(scratch);
  } catch {
    return;
  }
  const cutoff = Date.now() - 60 * 60 * 1000;
  for (const name of entries) {
    const dir = join(scratch, name);
    if (statSync(dir).mtimeMs < cutoff) rmSync(dir, { recursive: true, force: true });
  }
}

const BUILT = Symbol.for('pyconcurrency-notes.testSiteDir');

/**
 * Builds the real notes once per run for every test file that asserts on the built site; the
 * `site` and `browser` projects share the one build (their setups run in the same process).
 */
export default function setup(project: TestProject): void {
  const g = globalThis as typeof globalThis & { [BUILT]?: string };
  if (!g[BUILT]) {
    pruneOldBuilds();
    g[BUILT] = buildSite('notes').outDir;
  }
  project.provide('siteDir', g[BUILT]);
}
