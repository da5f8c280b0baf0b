/**
 * The site's instance of the link graph: built once per process and shared by the Markdown
 * pipeline, the pages and the build integration, rebuilt under `astro dev` when a note changes.
 * Also what the build log and Astro's render cache need to know about it.
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildLinkGraph, type LinkGraph } from './link-graph.ts';
import { includeDrafts, notesDir, notesDisplayDir } from './site-config.ts';
import { scanVault } from './vault.ts';

/** Where note parses are cached: beside Astro's own cache, so each test/bench build has its own. */
export const parseCacheFile = resolve(process.env.ASTRO_CACHE_DIR ?? 'node_modules/.astro', 'links-parse.json');

const CACHE = Symbol.for('pyconcurrency-notes.linkGraph');
type Cache = { graph: LinkGraph; stamp: string; checked: number };

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
  if (cached && !includeDrafts) return cached.graph;
  const now = Date.now();
  if (cached && now - cached.checked < 500) return cached.graph;
  const stamp = includeDrafts ? folderStamp(notesDir) : '';
  if (cached && cached.stamp === stamp) {
    cached.checked = now;
    return cached.graph;
  }
  const graph = buildLinkGraph(scanVault({ dir: notesDir, displayDir: notesDisplayDir, includeDrafts }), { cacheFile: parseCacheFile });
  g[CACHE] = { graph, stamp, checked: now };
  return graph;
}

/**
 * What rendered note HTML depends on beyond the note's own file: every name, title, alias and
 * heading anchor and block id (link targets), every attachment path, the policy, and the text of embedded notes. Astro caches rendered
 * notes by their own file contents; when this changes, the cache must go (see link-report).
 */
export function renderSignature(graph: LinkGraph): string {
  const hash = createHash('sha256');
  hash.update(graph.unresolvedPolicy);
  // Attachments decide where `![[x.png]]` points: adding or moving one changes other notes' HTML.
  hash.update(graph.assets.join('\n'));
  for (const { note, anchors, blockIds } of graph.notes.values()) {
    hash.update(`\n${note.id}\t${note.path}\t${note.data.title}\t${note.data.titleSource}\t${note.data.aliases.join('\t')}\t${[...anchors].join(' ')}\t${[...blockIds].join(' ')}`);
    if (graph.embedded.has(note.id)) hash.update(note.body);
  }
  return hash.digest('hex');
}

/** One line for the build log, in the `[stage] <name>: <n> ms` form the benchmark reads. */
export function stageLine(name: string, graph: LinkGraph): string {
  const { notes, parsed, cached, ms } = graph.stats;
  return `[stage] ${name}: ${ms} ms (${notes} notes: ${parsed} parsed, ${cached} from cache)`;
}
