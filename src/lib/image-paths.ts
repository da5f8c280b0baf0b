import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { siteConfig } from './site-config.ts';

/** What a note's image URL points at. */
export type ImageTarget =
  | { kind: 'remote' }
  | { kind: 'blocked' }
  | { kind: 'unknown' }
  | { kind: 'found'; path: string }
  | { kind: 'missing'; path: string };

/**
 * Resolves an image URL the way the built site will: `/x` against `public/`, a relative path
 * against the note's folder; `http(s):` and `//host` URLs are remote and not checked; any other
 * scheme (`data:`, `javascript:`) is `blocked` (the sanitizer would drop it and leave a broken
 * `<img>`). `noteFile` is the note's absolute path; without it relative paths are `unknown`.
 */
export function resolveImage(url: string, noteFile: string | undefined, root = siteConfig().publicDir): ImageTarget {
  if (/^https?:/i.test(url) || url.startsWith('//')) return { kind: 'remote' };
  if (/^[a-z][a-z\d+.-]*:/i.test(url.replace(/[\u0000-\u0020]/g, ''))) return { kind: 'blocked' };
  const clean = safeDecode(url.replace(/[?#].*$/, ''));
  if (clean === '') return { kind: 'unknown' };
  let path: string;
  if (clean.startsWith('/')) path = join(root, clean);
  else if (noteFile) path = resolve(dirname(noteFile), clean);
  else return { kind: 'unknown' };
  return existsSync(path) && statSync(path).isFile() ? { kind: 'found', path } : { kind: 'missing', path };
}

function safeDecode(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}
