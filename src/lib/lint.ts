import type { LintCache } from './lint-cache.ts';
import type { Problem } from './problems.ts';
import type { Vault, VaultNote } from './vault.ts';

/**
 * A check over the whole vault, run once by `npm run lint` and before every build.
 * Per-note facts are collected while parsing; checks that need every note (links,
 * headings, images) report here, never from render plugins, so each problem is found
 * once and always carries `notes/FILE.md:LINE:COL`.
 */
export type VaultCheck = (vault: Vault) => Problem[] | Promise<Problem[]>;

/**
 * A check of one note that reads only that note (its text and editorial file), the vault's
 * attachments and the configuration: its problems are kept in the lint cache (lint-cache.ts)
 * and reused while none of those change.
 */
export type NoteCheck = (note: VaultNote, vault: Vault) => Problem[] | Promise<Problem[]>;

/** Checks registered by features (wikilinks, images, ...), run in order after the vault scan. */
const checks: VaultCheck[] = [];
const noteChecks: NoteCheck[] = [];

/** Adds a whole-vault check; features call this from their own module. */
export function registerCheck(check: VaultCheck): void {
  checks.push(check);
}

/** Adds a per-note check (cached per note); features call this from their own module. */
export function registerNoteCheck(check: NoteCheck): void {
  noteChecks.push(check);
}

/** Options of a lint run. */
export interface LintOptions {
  /** Per-note results from earlier runs (`openLintCache`); none: every note is checked. */
  cache?: LintCache;
}

/**
 * Every problem in the vault: frontmatter and file problems first, then each note's per-note
 * checks (from the cache where its key is unchanged; one note at a time, so one note's trees are
 * alive at once), then the whole-vault checks.
 */
export async function lintVault(vault: Vault, { cache }: LintOptions = {}): Promise<Problem[]> {
  const problems = [...vault.problems];
  for (const note of vault.notes) {
    const cached = cache?.get(note);
    if (cached) {
      problems.push(...cached);
      continue;
    }
    const found: Problem[] = [];
    for (const check of noteChecks) found.push(...(await check(note, vault)));
    cache?.set(note, found);
    problems.push(...found);
  }
  for (const check of checks) problems.push(...(await check(vault)));
  return problems;
}
