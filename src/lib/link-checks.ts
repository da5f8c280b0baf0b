import { buildLinkGraph } from './link-graph.ts';
import { parseCacheFile, stageLine } from './site-link-graph.ts';
import { registerCheck } from './lint.ts';
import { siteConfig } from './site-config.ts';

/**
 * Link problems of the whole vault, from the link graph (one parse per note):
 * `ambiguous-link` (error), `missing-heading` (warning), `unresolved-link` (error, only with
 * `UNRESOLVED_LINKS=error`), `embed-self` and `embed-cycle` (warnings).
 */
// The parse cache is shared with the `astro build` that follows lint: each note is parsed once.
registerCheck((vault) => {
  const graph = buildLinkGraph(vault, { cacheFile: parseCacheFile(), unresolved: siteConfig().unresolvedLinks });
  // stdout: the lint's problems and summary go to stderr.
  console.log(stageLine('link graph lint', graph));
  return graph.problems;
});
