import type { Problem } from './problems.ts';
import type { Vault } from './vault.ts';

/**
 * A check over the whole vault, run once by `npm run lint` and before every build.
 * Per-note facts are collected while parsing; checks that need every note (links,
 * headings, images) report here, never from render plugins, so each problem is found
 * once and always carries `notes/FILE.md:LINE:COL`.
 */
export type VaultCheck = (vault: Vault) => Problem[] | Promise<Problem[]>;

/** Checks registered by features (wikilinks, images, ...), run in order after the vault scan. */
const checks: VaultCheck[] = [];

/** Adds a whole-vault check; features call this from their own module. */
export function registerCheck(check: VaultCheck): void {
  checks.push(check);
}

/** Every problem in the vault: frontmatter and file problems first, then the registered checks. */
export async function lintVault(vault: Vault): Promise<Problem[]> {
  const problems = [...vault.problems];
  for (const check of checks) problems.push(...(await check(vault)));
  return problems;
}
