/**
 * The site's instance of the link graph: built once per process and shared by the Markdown
 * pipeline, the pages and the build integration, rebuilt under `astro dev` when a note changes.
 * Also what the build log and Astro's render cache need to know about it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { editorialPath } from './editorial.ts';
import { buildLinkGraph, type LinkGraph } from './link-graph.ts';
import { siteConfig } from './site-config.ts';
import type { Problem } from './problems.ts';
import { scanVault, type Vault } from './vault.ts';

/** Where note parses are cached: beside Astro's own cache, so each test/bench build has its own. */
export function parseCacheFile(): string {
  return resolve(siteConfig().cacheDir, 'links-parse.json');
}

const CACHE = Symbol.for('pyconcurrency-notes.linkGraph');
type Cache = { graph: LinkGraph; vault: Vault; stamp: string; checked: number };

/** Cheap fingerprint of the notes folder (paths, sizes, mtimes): stats only, no reads. */
function folderStamp(dir: string): string {
  const hash = createHash('sha1');
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.md')) {
        const st = statSync(full);
        hash.update(`${full}\0${st.size}\0${st.mtimeMs}\n`);
      }
    }
  };
  walk(dir);
  return hash.digest('hex');
}

/**
 * The site's link graph, built once per process from `scanVault` and shared through `globalThis`,
 * so the Markdown pipeline (config context) and the pages (Vite SSR bundle, same process) use one
 * copy. Under `astro dev` it is rebuilt when a note file changes (checked at most twice a second).
 */
export function siteLinkGraph(): LinkGraph {
  const g = globalThis as typeof globalThis & { [CACHE]?: Cache };
  const cached = g[CACHE];
  const { includeDrafts, notesDir, notesDisplayDir, unresolvedLinks } = siteConfig();
  if (cached && !includeDrafts) return cached.graph;
  const now = Date.now();
  if (cached && now - cached.checked < 500) return cached.graph;
  const stamp = includeDrafts ? folderStamp(notesDir) : '';
  if (cached && cached.stamp === stamp) {
    cached.checked = now;
    return cached.graph;
  }
  const { graph, vault } = publishable(scanVault({ dir: notesDir, displayDir: notesDisplayDir, includeDrafts }), { cacheFile: parseCacheFile(), unresolved: unresolvedLinks });
  g[CACHE] = { graph, vault, stamp, checked: now };
  return graph;
}

/**
 * The notes the site publishes: the vault without the notes that have link errors (an ambiguous
 * link; an unresolved one with `UNRESOLVED_LINKS=error`), so one bad note never takes the others
 * down. Links to a left-out note then become unresolved, which can leave out more notes under the
 * `error` policy: repeat until no note has an error (each pass reuses the parse cache). The graph
 * keeps every problem found on the way, so each is still reported with its position.
 */
export function publishable(vault: Vault, options: Parameters<typeof buildLinkGraph>[1]): { graph: LinkGraph; vault: Vault } {
  let graph = buildLinkGraph(vault, options);
  const problems: Problem[] = [...graph.problems];
  const seen = new Set(problems.map((p) => `${p.file}:${p.line}:${p.column}:${p.ruleId}`));
  for (;;) {
    const bad = new Set(graph.problems.filter((p) => p.severity === 'error').map((p) => p.file));
    const leftOut = vault.notes.filter((n) => bad.has(n.file));
    if (leftOut.length === 0) break;
    vault = { ...vault, notes: vault.notes.filter((n) => !bad.has(n.file)), excluded: [...vault.excluded, ...leftOut.map((n) => n.path)] };
    graph = buildLinkGraph(vault, options);
    for (const p of graph.problems) {
      const key = `${p.file}:${p.line}:${p.column}:${p.ruleId}`;
      if (!seen.has(key)) seen.add(key), problems.push(p);
    }
  }
  return { graph: { ...graph, problems }, vault };
}

/** The vault as the site publishes it (see `publishable`), from the same build as `siteLinkGraph()`. */
export function siteVault(): Vault {
  siteLinkGraph();
  return (globalThis as typeof globalThis & { [CACHE]?: Cache })[CACHE]!.vault;
}

/**
 * What rendered note HTML depends on beyond the note's own file: every name, title, alias and
 * heading anchor and block id (link targets), every attachment path, the policy, the text of embedded
 * notes, and each note's editorial file (its editor's notes are rendered into the page). Astro caches rendered
 * notes by their own file contents; the render keys of notes with an editorial file include this (src/lib/render-key.ts).
 */
export function renderSignature(graph: LinkGraph, dir = siteConfig().notesDir): string {
  const hash = createHash('sha256');
  hash.update(graph.unresolvedPolicy);
  // Attachments decide where `![[x.png]]` points: adding or moving one changes other notes' HTML.
  hash.update(graph.assets.join('\n'));
  for (const { note, anchors, blockIds } of graph.notes.values()) {
    hash.update(`\n${note.id}\t${note.path}\t${note.data.title}\t${note.data.titleSource}\t${note.data.aliases.join('\t')}\t${[...anchors].join(' ')}\t${[...blockIds].join(' ')}`);
    if (graph.embedded.has(note.id)) hash.update(note.body);
    const editorial = join(dir, editorialPath(note.path));
    if (existsSync(editorial)) hash.update(`\n${editorial}\n${readFileSync(editorial, 'utf8')}`);
  }
  return hash.digest('hex');
}

/** One line for the build log, in the `[stage] <name>: <n> ms` form the benchmark reads. */
export function stageLine(name: string, graph: LinkGraph): string {
  const { notes, parsed, cached, ms } = graph.stats;
  return `[stage] ${name}: ${ms} ms (${notes} notes: ${parsed} parsed, ${cached} from cache)`;
}
