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

/** Builds the real notes once for every test file that asserts on the built site. */
export default function setup(project: TestProject): void {
  pruneOldBuilds();
  const site = buildSite('notes');
  project.provide('siteDir', site.outDir);
}
