import { resolve } from 'node:path';
import { z } from 'astro/zod';

/** Where notes are read from: `notes/` unless `NOTES_DIR` points elsewhere (tests, benchmarks). */
export const notesDir = resolve(process.env.NOTES_DIR ?? 'notes');

/** The snippet check's results the site shows (env `SNIPPET_RESULTS`, for tests): `src/data/snippet-results.json`. */
export const snippetResultsFile = resolve(process.env.SNIPPET_RESULTS ?? 'src/data/snippet-results.json');

/** How the notes folder is named in messages (`notes/FILE.md:LINE:COL`). */
export const notesDisplayDir = process.env.NOTES_DISPLAY_DIR ?? 'notes';

/** Drafts are published only by `astro dev`. */
export const includeDrafts = process.argv.includes('dev');

/**
 * What a `[[link]]` to a note that does not exist becomes (env `UNRESOLVED_LINKS`):
 * `concept` (default) a "not written yet" page at /concepts/<slug>/ listing every mention,
 * `text` plain text styled as unresolved, `error` a lint error that stops the build.
 */
export const unresolvedLinks = z
  .enum(['concept', 'text', 'error'])
  .default('concept')
  .parse(process.env.UNRESOLVED_LINKS || undefined, { error: () => 'UNRESOLVED_LINKS must be concept, text or error' });

/** The repository the site is built from: "Write this note" links open a new file there. */
export const repository = z
  .object({ owner: z.string().min(1), name: z.string().min(1), branch: z.string().min(1), notesPath: z.string() })
  .parse({
    owner: process.env.REPO_OWNER ?? 'pyconcurrency',
    name: process.env.REPO_NAME ?? 'notes',
    branch: process.env.REPO_BRANCH ?? 'main',
    notesPath: 'notes',
  });

/** URL prefix of the site without a trailing slash (`''` at the domain root); must match Astro's `base`. */
export const siteBase = (process.env.SITE_BASE ?? '').replace(/\/+$/, '');
