import { existsSync, readdirSync, statSync } from 'node:fs';

/** The `.ts` files under a note's folder (translations and their helper modules), relative and sorted. */
export function listTranslationFiles(dir: string): string[] {
  return existsSync(dir) && statSync(dir).isDirectory()
    ? readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).sort()
    : [];
}
