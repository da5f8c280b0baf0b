import type { AstroIntegration } from 'astro';
import { siteLinkGraph, stageLine } from '../lib/site-link-graph.ts';
import { formatProblem, sortProblems } from '../lib/problems.ts';
import { noteErrors } from '../lib/notes-loader.ts';
import { siteConfig } from '../lib/site-config.ts';

/** How many unresolved targets the summary names before "and N more". */
const SHOWN = 8;

/**
 * Link report of `astro build`: fails the build on note errors (invalid frontmatter, binary files,
 * ambiguous links; unresolved links with `UNRESOLVED_LINKS=error`) even when `astro build` runs
 * without the lint step — after `dist/` holds every other note, since those notes are left out. Prints a
 * one-line summary of unresolved targets at the end.
 */
export function linkReport(): AstroIntegration {
  return {
    name: 'link-report',
    hooks: {
      'astro:config:setup': ({ logger }) => {
        // Astro's content cache is kept: the content loader drops exactly the notes whose links,
        // embeds or pipeline changed (their render keys, src/lib/render-key.ts).
        logger.info(stageLine('link graph build', siteLinkGraph()));
      },
      'astro:build:done': ({ logger }) => {
        const graph = siteLinkGraph();
        report(graph, logger);
        const linkErrors = sortProblems(graph.problems.filter((p) => p.severity === 'error')).map(formatProblem);
        const errors = [...new Set([...noteErrors(), ...linkErrors])];
        if (errors.length === 0 || siteConfig().includeDrafts) return;
        for (const line of linkErrors) logger.error(line);
        // Thrown last: dist/ keeps every other note (scripts/build.ts still indexes it); only the exit status fails.
        const error = new Error(`${errors.length} note error(s), ${linkErrors.length} of them link error(s): the notes named above are left out of the site; every other note is in dist/`);
        error.stack = error.message;
        throw error;
      },
    },
  };
}

/** One line naming the unresolved link targets, most linked first. */
function report(graph: ReturnType<typeof siteLinkGraph>, logger: { info: (m: string) => void }): void {
  const list = [...graph.unresolved.values()].sort((a, b) => b.notes - a.notes || a.title.localeCompare(b.title));
  if (list.length === 0) return logger.info('every [[link]] resolves to a note');
  const names = list.slice(0, SHOWN).map((u) => `${u.title} (${u.notes})`).join(', ');
  const more = list.length > SHOWN ? `, and ${list.length - SHOWN} more` : '';
  const fate = { concept: 'concept pages under /concepts/', text: 'plain text', error: 'errors' }[graph.unresolvedPolicy];
  logger.info(`${list.length} unresolved link target(s) rendered as ${fate}: ${names}${more}`);
}
