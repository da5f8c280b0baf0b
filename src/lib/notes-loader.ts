import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { glob as globLoader, Loader } from 'astro/loaders';
import { formatProblem, sortProblems } from './problems.ts';
import { PYTHON_LANGS } from './python-blocks.ts';
import { editBaseUrl, siteConfig } from './site-config.ts';
import { calendarDate, lastCommitDates } from './git-dates.ts';
import { renderKeys, pipelineDigest } from './render-key.ts';
import { renderSignature, siteLinkGraph, siteVault } from './site-link-graph.ts';
import { listTranslationFiles } from './snippets/files.ts';
import { noteIdFromPath } from './slug.ts';

/**
 * Starlight's `docs` collection read from `notes/`. Wraps Astro's `glob()` (which keeps
 * incremental sync and `deferRender`) and replaces each note's raw frontmatter, whatever its
 * dialect, with the mapped data from `scanVault`. Files with errors (and notes with link errors,
 * see `publishable`) are left out of the glob, so one bad note never takes the others down; the
 * link-report integration fails `astro build` on them once `dist/` holds the rest.
 */
export function notesLoader(glob: typeof globLoader): Loader {
  return {
    name: 'notes-loader',
    async load(context) {
      const config = siteConfig();
      const { notesDir, notesDisplayDir } = config;
      // "Edit page": the note's file in the repository (its path there, not on this disk); none without a repository.
      const editBase = editBaseUrl(config);
      const editUrl = (path: string) => (editBase && config.repository ? `${editBase}${config.repository.notesPath ? `${config.repository.notesPath}/` : ''}${path}` : false);
      const vault = siteVault();
      // "Last updated": the note's own date as the calendar day its author wrote, else its last commit.
      const committed = lastCommitDates(notesDir);
      const byId = new Map(vault.notes.map((n) => [n.id, n]));
      // The render cache: Astro keeps each rendered note in its data store (ASTRO_CACHE_DIR, safe to
      // delete) and renders it again only when its own file changes. What else its HTML depends on
      // is the note's render key (src/lib/render-key.ts: the pipeline, how its links and embeds
      // resolve, the embedded text, its editorial file), plus its mapped data (dates from git, edit
      // link) and, for notes with Python blocks, the translations and the last snippet check's
      // results. When that changes, drop the stored entry: exactly those notes are rendered again.
      const graph = siteLinkGraph();
      const snippets = snippetsDigest(notesDir, config.snippetResults);
      let signature: string | undefined;
      const keys = renderKeys(graph, pipelineDigest(config, graph), notesDir, () => (signature ??= renderSignature(graph, notesDir)));
      const mappedData = (note: (typeof vault.notes)[number]) => {
        const { data } = note;
        return {
          ...data.starlight,
          title: data.title,
          titleSource: data.titleSource,
          description: data.description,
          date: data.date,
          dateLabel: data.dateLabel,
          lastUpdated: data.lastUpdated === data.date && data.dateLabel ? calendarDate(data.dateLabel) : (data.lastUpdated ?? committed.get(note.path)),
          tags: data.tags,
          aliases: data.aliases,
          order: data.order,
          draft: data.draft,
          sourcePath: note.file,
          editUrl: editUrl(note.path),
          ...(data.order === undefined ? {} : { sidebar: { order: data.order } }),
        };
      };
      let stale = 0;
      for (const note of vault.notes) {
        const key = createHash('sha256').update(keys.get(note.id) ?? '').update('\0').update(JSON.stringify(mappedData(note)))
          .update(hasPythonFence(note.body) ? `\0${snippets}` : '').digest('hex');
        if (context.meta.get(`render:${note.id}`) === key) continue;
        if (context.store.has(note.id)) context.store.delete(note.id), stale++;
        context.meta.set(`render:${note.id}`, key);
      }
      if (stale) context.logger.info(`render cache: ${stale} stored note(s) rendered again (what they link to or embed, the pipeline or their data changed)`);
      const problems = sortProblems(vault.problems);
      for (const p of problems) context.logger[p.severity === 'error' ? 'error' : 'warn'](formatProblem(p));
      const inner = glob({
        base: notesDir,
        pattern: ['**/*.md', ...vault.excluded.map((f) => `!${f}`)],
        generateId: ({ entry }) => noteIdFromPath(entry),
        deferRender: config.deferRender,
        // Pages read the vault's own copy of each note's text: the store keeps only what renders.
        retainBody: false,
      });
      // glob() only logs a note that fails to render and carries on, so `astro build` would exit 0
      // with a broken page. Record those failures and fail the build on them, without a stack trace.
      const renderFailures: string[] = [];
      const logger = Object.create(context.logger) as typeof context.logger;
      logger.error = (message: string) => {
        const failed = /^Error rendering (.+?): ([\s\S]*)$/.exec(message);
        if (failed) renderFailures.push(`${notesDisplayDir}/${failed[1]}:1:1 error: the note could not be rendered: ${failed[2]!.split('\n').filter(Boolean).at(-1) ?? 'unknown error'} [render-failed]`);
        else context.logger.error(message);
      };
      await inner.load({
        ...context,
        logger,
        parseData: async (entry) => {
          const note = byId.get(entry.id);
          if (!note) return context.parseData(entry);
          const mapped = mappedData(note);
          // The glob loader types `data` as the raw frontmatter; ours is the mapped shape the schema validates.
          return context.parseData({ ...entry, data: mapped as unknown as typeof entry.data });
        },
      });
      for (const failure of renderFailures) context.logger.error(failure);
      recordNoteErrors([...problems.filter((p) => p.severity === 'error').map(formatProblem), ...renderFailures]);
    },
  };
}

const ERRORS = Symbol.for('pyconcurrency-notes.noteErrors');

/** Note errors of this content sync (left-out notes, render failures), for the end of the build. */
function recordNoteErrors(lines: string[]): void {
  (globalThis as typeof globalThis & { [ERRORS]?: string[] })[ERRORS] = lines;
}

/** The note errors the last content sync found (empty before any sync). */
export function noteErrors(): string[] {
  return (globalThis as typeof globalThis & { [ERRORS]?: string[] })[ERRORS] ?? [];
}

/** A fenced code block in a Python language (the blocks that get translation tabs). */
function hasPythonFence(body: string): boolean {
  for (const m of body.matchAll(/^[ \t>]*(?:`{3,}|~{3,})[ \t]*([\w-]+)/gm)) if (PYTHON_LANGS.has(m[1]!.toLowerCase())) return true;
  return false;
}

/** Digest of what Python notes render besides their text: the results file and every translation. */
function snippetsDigest(notesDir: string, resultsFile: string): string {
  const hash = createHash('sha256');
  hash.update(existsSync(resultsFile) ? readFileSync(resultsFile) : 'none');
  for (const f of listTranslationFiles(notesDir)) hash.update(`\0${f}\0`).update(readFileSync(join(notesDir, f)));
  return hash.digest('hex').slice(0, 16);
}
