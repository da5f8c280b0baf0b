import type { Root } from 'hast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import type { Options as Schema } from 'rehype-sanitize';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { CLOBBER_PREFIX, sanitizeSchema } from '../lib/sanitize-schema.ts';

export interface SanitizeNotesOptions {
  /** Allow-list to apply; default `sanitizeSchema` from `src/lib/sanitize-schema.ts`. */
  schema?: Schema;
}

/**
 * Parses the raw HTML of a note into real elements (rehype-raw) and removes everything the
 * allow-list does not name (rehype-sanitize). Must be the FIRST rehype plugin: the site's own
 * plugins (KaTeX, footnote popovers, Starlight, Expressive Code) run after it and may emit
 * markup a note may not (inline styles, scripts). Problems are reported by the vault check in
 * `src/lib/html-check.ts`, not here, so each is reported once.
 */
export function rehypeSanitizeNotes(options: SanitizeNotesOptions = {}) {
  const schema = options.schema ?? sanitizeSchema;
  const parseRaw = rehypeRaw();
  const sanitize = rehypeSanitize(schema);
  const prefixed = new Set(schema.clobber ?? []);
  return (tree: Root, file: VFile): Root => {
    stashCodeMeta(tree);
    const parsed = parseRaw(tree, file) as Root;
    const clean = (sanitize(parsed) ?? parsed) as Root;
    if (schema.clobberPrefix === CLOBBER_PREFIX) foldDoublePrefix(clean, prefixed);
    restoreCodeMeta(clean);
    return clean;
  };
}

/** Attribute that carries a code fence's meta (` ```ts title="x.ts" {2} `) through raw + sanitize. */
const META_PROPERTY = 'dataNotesCodeMeta';

/**
 * hast-util-raw and hast-util-sanitize rebuild nodes without their `data`, which is where
 * remark-rehype keeps a fence's meta; Expressive Code reads titles, `wrap` and line marks from it.
 * Carry it in a data attribute (allowed as `data*`) and put it back afterwards.
 */
function stashCodeMeta(tree: Root): void {
  visit(tree, 'element', (node) => {
    const meta = (node.data as { meta?: unknown } | undefined)?.meta;
    if (node.tagName === 'code' && typeof meta === 'string' && meta) node.properties[META_PROPERTY] = meta;
  });
}

function restoreCodeMeta(tree: Root): void {
  visit(tree, 'element', (node) => {
    const meta = node.properties[META_PROPERTY];
    if (meta === undefined) return;
    delete node.properties[META_PROPERTY];
    if (node.tagName === 'code' && typeof meta === 'string') node.data = { ...node.data, meta };
  });
}

/**
 * remark-rehype already writes footnote ids as `user-content-fn-1` (and links to them);
 * the sanitizer would prefix them again and break the links. Fold `user-content-user-content-`.
 */
function foldDoublePrefix(tree: Root, keys: ReadonlySet<string>): void {
  const twice = CLOBBER_PREFIX + CLOBBER_PREFIX;
  const fold = (v: unknown) => (typeof v === 'string' && v.startsWith(twice) ? v.slice(CLOBBER_PREFIX.length) : v);
  visit(tree, 'element', (node) => {
    for (const key of keys) {
      const value = node.properties[key];
      if (value === undefined) continue;
      node.properties[key] = (Array.isArray(value) ? value.map(fold) : fold(value)) as typeof value;
    }
  });
}
