import { defaultSchema, type Options as Schema } from 'rehype-sanitize';

/**
 * The allow-list applied to every note's HTML (raw HTML included) before the site's own
 * rehype plugins run. Notes arrive through strangers' pull requests, so anything not listed
 * here is removed: `<script>`, `<style>`, `<iframe>`, `<object>`, `<embed>`, `<form>`,
 * `<base>`, `<meta>`, SVG and MathML, every `on*` handler, `style` and `srcdoc` attributes,
 * and URLs whose scheme is not http(s)/mailto (`javascript:`, `data:`, `vbscript:`, however
 * they are spelled: parse5 decodes entities and the check rejects any unknown scheme).
 *
 * It extends GitHub's schema (hast-util-sanitize `defaultSchema`). To allow something new,
 * add one entry below with a comment saying which plugin emits it.
 *
 * Ids and id references get GitHub's `user-content-` prefix (DOM clobbering); the sanitize
 * plugin then folds the double prefix that remark-rehype's footnote ids would get, so
 * `#user-content-fn-1` links keep working. Markdown heading ids are set later (Astro's
 * rehypeHeadingIds), so they stay the plain slugs Starlight expects.
 */

/** Attributes allowed on every element: what the site's plugins use for styling and a11y. */
const GENERIC_ATTRIBUTES = [
  'className',
  'data*', // hast-util-sanitize wildcard: every data-* attribute
  'role',
  'tabIndex',
  'hidden',
  'title',
  'id',
  'ariaLabel',
  'ariaLabelledBy',
  'ariaDescribedBy',
  'ariaHidden',
  'ariaExpanded',
  'ariaControls',
  'ariaCurrent',
  'ariaSelected',
  'ariaLive',
  'ariaDetails',
] as const;

/** Elements added to GitHub's list: the brief's inline extras and what our plugins emit. */
const EXTRA_TAGS = [
  'mark', // ==highlights== and raw <mark>
  'cite', // `— <cite>Source</cite>` under quotes
  'abbr',
  'small',
  'u',
  'figure', // image placeholders (remark-images)
  'figcaption',
  'code-tabs', // Python / TypeScript tabs around each Python block (remark-code-tabs)
] as const;

/** Classes of <a> from remark-wikilinks (src/plugins/remark-wikilinks.ts) and remark-tags. */
const LINK_CLASSES = ['wikilink', 'wikilink-concept', 'wikilink-missing-heading', 'wikilink-ambiguous', 'wikilink-embed-skipped', 'wikilink-embed-link', 'wikilink-attachment', 'tag'];

/** Elements removed together with their content (their text would otherwise leak as text). */
const STRIP_WITH_CONTENT = [
  'script',
  'style',
  'template',
  'noscript',
  'iframe',
  'object',
  'embed',
  'textarea',
  'title',
  'svg',
  'math',
  'xmp',
  'noembed',
  'noframes',
  'plaintext',
] as const;

/** Properties whose values are ids or id references: prefixed consistently, never half of them. */
export const CLOBBER_PREFIX = 'user-content-';
const CLOBBER = ['id', 'name', 'ariaDescribedBy', 'ariaLabelledBy', 'ariaControls', 'ariaDetails', 'htmlFor'];

const defaults = defaultSchema.attributes ?? {};

/** The schema used by `rehypeSanitizeNotes`. */
export const sanitizeSchema: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), ...EXTRA_TAGS],
  strip: [...STRIP_WITH_CONTENT],
  attributes: {
    ...defaults,
    '*': [...(defaults['*'] ?? []), ...GENERIC_ATTRIBUTES],
    // GitHub's schema allows one class on <a>; add the classes remark-wikilinks and remark-tags emit.
    a: [...(defaults.a ?? []).filter((d) => !(Array.isArray(d) && d[0] === 'className')), 'hrefLang', ['className', 'data-footnote-backref', ...LINK_CLASSES]],
    img: [...(defaults.img ?? []), 'alt', 'loading', 'decoding'],

    // `language-math math-inline` (remark-math) is covered by the generic className.
  },
  protocols: {
    ...defaultSchema.protocols,
    // No `data:` images: `data:image/svg+xml` can carry script when opened directly.
    src: ['http', 'https'],
  },
  clobber: CLOBBER,
  clobberPrefix: CLOBBER_PREFIX,
};
