import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { siteConfig } from './site-config.ts';

/** What a note's image URL points at. */
export type ImageTarget =
  | { kind: 'remote' }
  | { kind: 'blocked' }
  | { kind: 'unknown' }
  /** `byName`: not at the written path; found in the vault as Obsidian finds attachments. */
  | { kind: 'found'; path: string; byName?: boolean }
  | { kind: 'missing'; path: string };

/** The vault's attachments, for images not at their written path: its folder and a finder (`attachmentFinder`). */
export interface VaultAttachments {
  /** Absolute notes folder. */
  dir: string;
  /** Vault path of the attachment a target names, seen from the note at `fromPath` (vault-relative). */
  find: (target: string, fromPath?: string) => string | undefined;
}

/**
 * Resolves an image URL the way the built site will: `/x` against `public/`, a relative path
 * against the note's folder, and, when nothing is there and `vault` is given, by Obsidian's rules
 * (vault path, then the file name anywhere in the vault, nearest first); `http(s):` and `//host`
 * URLs are remote and not checked; any other scheme (`data:`, `javascript:`) is `blocked` (the
 * sanitizer would drop it and leave a broken `<img>`). `noteFile` is the note's absolute path;
 * without it relative paths are `unknown`.
 */
export function resolveImage(url: string, noteFile: string | undefined, root = siteConfig().publicDir, vault?: VaultAttachments): ImageTarget {
  if (/^https?:/i.test(url) || url.startsWith('//')) return { kind: 'remote' };
  if (/^[a-z][a-z\d+.-]*:/i.test(url.replace(/[\u0000-\u0020]/g, ''))) return { kind: 'blocked' };
  const clean = safeDecode(url.replace(/[?#].*$/, ''));
  if (clean === '') return { kind: 'unknown' };
  let path: string;
  if (clean.startsWith('/')) path = join(root, clean);
  else if (noteFile) path = resolve(dirname(noteFile), clean);
  else return { kind: 'unknown' };
  if (existsSync(path) && statSync(path).isFile()) return { kind: 'found', path };
  const fromPath = vault && noteFile ? relative(vault.dir, noteFile).split(sep).join('/') : undefined;
  const hit = vault && fromPath !== undefined && !fromPath.startsWith('..') ? vault.find(clean, fromPath) : undefined;
  return hit ? { kind: 'found', path: join(vault!.dir, hit), byName: true } : { kind: 'missing', path };
}

function safeDecode(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}
