/**
 * The render cache's keys: what one note's rendered HTML depends on besides its own file (which
 * Astro's glob() already compares). Astro keeps a rendered note while its file is unchanged; the
 * content loader drops the note from Astro's store when this key changes, so a cross-note change
 * (a new note, a renamed heading, a deleted or edited embedded note) re-renders exactly the notes
 * whose links or embeds now resolve differently, and nothing else.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { editorialPath } from './editorial.ts';
import { listFiles } from './list-files.ts';
import type { LinkGraph, Resolution } from './link-graph.ts';
import { perGraph } from './per-graph.ts';
import { siteConfig, type SiteConfig } from './site-config.ts';
import type { VaultNote } from './vault.ts';

/** Bump when what a key covers changes: every cached note is rendered again. */
const KEY_VERSION = 1;
/** Embeds inside embeds are rendered this deep at most (remark-wikilinks' maxEmbedDepth is 3). */
const MAX_DEPTH = 5;

/** Files whose contents decide how any note renders: the pipeline's code and the installed packages. */
const PIPELINE_SOURCES = ['src/syntax', 'src/plugins', 'src/lib', 'astro.config.mjs', 'package-lock.json'];

/**
 * Digest of what every note's HTML depends on: the pipeline's source and the locked packages
 * (a code change re-renders every note), the configuration that reaches pages, the unresolved-link
 * policy, the vault's attachments and the public folder's files (where images resolve).
 */
export function pipelineDigest(config: SiteConfig, graph: LinkGraph, root = process.cwd(), sources = PIPELINE_SOURCES): string {
  const hash = createHash('sha256');
  hash.update(`v${KEY_VERSION}\0${process.version}\0`);
  for (const source of sources) {
    for (const file of listFiles(resolve(root, source))) hash.update(`${relative(root, file)}\0`).update(readFileSync(file)).update('\0');
  }
  // Build folders and the Anki packages' time do not reach a note's HTML.
  const { outDir: _o, cacheDir: _c, sourceDateEpoch: _s, ...rest } = config;
  hash.update(JSON.stringify(rest));
  hash.update(`\0${graph.unresolvedPolicy}\0${graph.assets.join('\n')}\0`);
  for (const file of listFiles(config.publicDir)) hash.update(`${relative(config.publicDir, file)}\n`);
  return hash.digest('hex');
}

/** How one link resolved, as far as the page shows it (href, title, classes, embedded text). */
function describe(graph: LinkGraph, r: Resolution, embed: boolean, depth: number, seen: Set<string>): string {
  switch (r.kind) {
    case 'note': {
      const { note } = r;
      const head = `note ${note.id} ${note.path} ${r.anchor ?? ''} ${r.missingHeading ? 1 : 0} ${note.data.title}`;
      if (!embed || depth >= MAX_DEPTH || seen.has(note.id)) return `${head}${embed ? ' embed' : ''}`;
      // The embedded text is rendered into this page, with its own links resolved from its note.
      return `${head} embed ${note.data.titleSource}\n${note.body}\n${linksOf(graph, note, depth + 1, new Set([...seen, note.id]))}`;
    }
    case 'same-page':
      return `same ${r.anchor} ${r.missingHeading ? 1 : 0}`;
    case 'ambiguous':
      return `ambiguous ${r.notes.map((n) => `${n.id} ${n.file}`).join(' ')}`;
    case 'attachment':
      return `attachment ${r.media} ${r.path} ${r.missing ? 1 : 0}`;
    case 'unresolved': {
      const concept = graph.conceptsByKey.get(r.key);
      return `unresolved ${r.key} ${r.title} ${concept ? `${concept.slug} ${concept.title}` : ''}`;
    }
  }
}

function linksOf(graph: LinkGraph, note: VaultNote, depth: number, seen: Set<string>): string {
  return (graph.links.get(note.id) ?? []).map((link) => describe(graph, graph.resolve(link, note), Boolean(link.embed), depth, seen)).join('\n');
}

/**
 * Each published note's render key: the pipeline digest, how each of its links and embeds
 * resolves (with the embedded notes' text, recursively), and its editorial file; a note with an
 * editorial file also depends on every link target (its editor's notes may link anywhere).
 */
export function renderKeys(graph: LinkGraph, pipeline: string, notesDir: string, everyTarget: () => string): Map<string, string> {
  const keys = new Map<string, string>();
  for (const { note } of graph.notes.values()) {
    const hash = createHash('sha256').update(pipeline).update('\0');
    hash.update(linksOf(graph, note, 0, new Set([note.id])));
    const editorial = join(notesDir, editorialPath(note.path));
    if (existsSync(editorial)) hash.update(`\0editorial\0${readFileSync(editorial, 'utf8')}\0${everyTarget()}`);
    keys.set(note.id, hash.digest('hex'));
  }
  return keys;
}

/** Everything in the site's code decides how pages look (components, middleware, styles, data), and the locked packages. */
const PAGE_SOURCES = ['src', 'astro.config.mjs', 'package-lock.json'];

/**
 * Digest of what every page depends on besides its own data: the site's source and packages, the
 * configuration, the vault's attachments and public files (as the render cache's pipeline digest),
 * and the data files pages read from outside `src/` in tests (snippet results, timelines).
 */
export function pagesDigest(config: SiteConfig, graph: LinkGraph, root = process.cwd()): string {
  const data = [config.snippetResults, config.diagrams.file, config.diagrams.tracesDir].filter((path): path is string => Boolean(path));
  return pipelineDigest(config, graph, root, [...PAGE_SOURCES, ...data]);
}

/** This build's `pagesDigest`, computed once per link graph. */
export const sitePagesDigest = perGraph((graph) => pagesDigest(siteConfig(), graph));
