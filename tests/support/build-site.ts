import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Result of building a vault with the project's real `npm run build` (lint + astro build). */
export interface BuiltSite {
  outDir: string;
  status: number;
  output: string;
}

/**
 * Builds the site for `notesDir` into a fresh temp folder with its own Astro cache, so
 * test files can build different vaults side by side without touching `dist/`.
 */
export function buildSite(notesDir: string, env: Record<string, string> = {}): BuiltSite {
  const work = mkdtempSync(join(tmpdir(), 'notes-site-'));
  const outDir = join(work, 'dist');
  const result = spawnSync(process.execPath, ['scripts/build.ts'], {
    cwd: resolve(import.meta.dirname, '../..'),
    env: { ...process.env, NOTES_DIR: resolve(notesDir), OUT_DIR: outDir, ASTRO_CACHE_DIR: join(work, 'cache'), ASTRO_TELEMETRY_DISABLED: '1', ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0 && !env.EXPECT_FAILURE) throw new Error(`build of ${notesDir} failed:\n${output}`);
  if (result.status === 0 && !existsSync(join(outDir, 'index.html'))) throw new Error(`build of ${notesDir} wrote no index.html:\n${output}`);
  return { outDir, status: result.status ?? 1, output };
}
