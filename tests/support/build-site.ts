import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Result of building a vault with the project's real `npm run build` (lint + astro build). */
export interface BuiltSite {
  outDir: string;
  status: number;
  output: string;
}

const root = resolve(import.meta.dirname, '../..');

/** A fresh folder inside the project, where a build may write (see `buildSite`). */
export function scratchDir(prefix: string): string {
  const scratch = join(root, 'node_modules', '.cache', 'site-builds');
  mkdirSync(scratch, { recursive: true });
  return mkdtempSync(join(scratch, prefix));
}

/**
 * Builds the site for `notesDir` into a fresh folder with its own Astro cache, so test files
 * can build different vaults side by side without touching `dist/`. The folder must be inside
 * the project: for an `outDir` outside the working directory Astro writes its prerender bundle
 * to the shared `./.astro/.prerender`, and concurrent builds then overwrite each other.
 */
export function buildSite(notesDir: string, env: Record<string, string> = {}): BuiltSite {
  const work = scratchDir('build-');
  // A caller's OUT_DIR (rebuilds into one folder) must be inside the project too.
  const outDir = env.OUT_DIR ?? join(work, 'dist');
  // Vitest sets NODE_ENV=test and puts Vite's BASE_URL, MODE, DEV, PROD and SSR into process.env.
  // Inherited, they make Astro ignore SITE_BASE and build Starlight's search box without Pagefind:
  // the child builds as `npm run build` would from a shell.
  const { BASE_URL: _b, MODE: _m, DEV: _d, PROD: _p, SSR: _s, NODE_ENV: _n, ...inherited } = process.env;
  const result = spawnSync(process.execPath, ['scripts/build.ts'], {
    cwd: root,
    env: { ...inherited, NOTES_DIR: resolve(notesDir), ASTRO_CACHE_DIR: join(work, 'cache'), ASTRO_TELEMETRY_DISABLED: '1', ...env, OUT_DIR: outDir },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0 && !env.EXPECT_FAILURE) throw new Error(`build of ${notesDir} failed:\n${output}`);
  if (result.status === 0 && !existsSync(join(outDir, 'index.html'))) throw new Error(`build of ${notesDir} wrote no index.html:\n${output}`);
  return { outDir, status: result.status ?? 1, output };
}
