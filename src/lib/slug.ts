import { slug as githubSlug } from 'github-slugger';

/**
 * Slug of one path segment or heading, exactly as github-slugger (and so Starlight's
 * heading anchors) computes it: lower case, punctuation dropped, spaces to hyphens.
 */
export function slugify(text: string): string {
  return githubSlug(text);
}

/**
 * URL paths the site itself owns. A note published there would be hidden by the site's page
 * (Astro only warns), so such a note gets `-note` appended: `tags.md` -> `/tags-note/`.
 * `index` is reserved at every depth: Starlight would route `a/index` to `/a/`.
 */
const RESERVED_FIRST = new Set(['index', 'notes', 'tags', 'concepts', 'study', '404', '_astro', 'pagefind', 'og', 'translations']);

/** Slugs of a note path's segments, before reserved names are moved aside. */
function plainSegments(relativePath: string): string[] {
  return relativePath
    .replace(/\\/g, '/')
    .replace(/\.md$/i, '')
    .split('/')
    .map((segment) => slugify(segment) || '-');
}

/**
 * The id (and URL path) of a note from its path relative to `notes/`:
 * `Concurrency Options.md` -> `concurrency-options`, `a/B c.md` -> `a/b-c`, `tags.md` -> `tags-note`.
 */
export function noteIdFromPath(relativePath: string): string {
  return plainSegments(relativePath)
    .map((segment, i) => ((i === 0 && RESERVED_FIRST.has(segment)) || segment === 'index' ? `${segment}-note` : segment))
    .join('/');
}

/** True when a note's natural URL belongs to the site, so `noteIdFromPath` moved it. */
export function isReservedNotePath(relativePath: string): boolean {
  return plainSegments(relativePath).join('/') !== noteIdFromPath(relativePath);
}

/**
 * Key under which a link target is looked up, the way Obsidian matches names:
 * case-insensitive, and spaces, underscores and hyphens are the same character.
 * `computer_network` and `Computer network` share the key `computer-network`.
 */
export function linkKey(name: string): string {
  return name
    .normalize('NFC')
    .trim()
    .replace(/\.md$/i, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, '-');
}

/** Turns a link target such as `computer_science` into a readable title: "Computer science". */
export function prettifyTarget(target: string): string {
  const base = target.split('/').pop() ?? target;
  const words = base.replace(/\.md$/i, '').replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (!words) return target;
  // Keep words that carry their own capitals (`GIL`, `asyncio.Task`) as written.
  return words.charAt(0).toUpperCase() + words.slice(1);
}
