// What a translation may do beyond the default sandbox is granted by the maintainers' allow-list
// (permissions.json, reviewed like code), never by the translation's own `@allow` header.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Allow } from '../../src/lib/snippets/header.ts';

/** The committed allow-list. */
export const PERMISSIONS_FILE = fileURLToPath(new URL('./permissions.json', import.meta.url));

/** Grants by translation path (`notes/<note>/<name>.ts`). */
export type Grants = ReadonlyMap<string, readonly Allow[]>;

/** Reads an allow-list file: `{ "grants": { "<path>": ["worker", "child-process"] } }`. */
export function readGrants(file: string): Grants {
  const json = JSON.parse(readFileSync(file, 'utf8')) as { grants?: Record<string, unknown> };
  const grants = new Map<string, Allow[]>();
  for (const [path, list] of Object.entries(json.grants ?? {})) {
    if (!Array.isArray(list)) continue;
    grants.set(path, list.filter((a): a is Allow => a === 'worker' || a === 'child-process'));
  }
  return grants;
}

/** What is granted of what a translation asks for, and what is refused. */
export function decide(path: string, asked: readonly Allow[], grants: Grants): { granted: Allow[]; refused: Allow[] } {
  const allowed = grants.get(path) ?? [];
  return { granted: asked.filter((a) => allowed.includes(a)), refused: asked.filter((a) => !allowed.includes(a)) };
}
