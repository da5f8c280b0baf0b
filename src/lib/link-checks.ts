import { buildLinkGraph } from './link-graph.ts';
import { registerCheck } from './lint.ts';

/**
 * Link problems of the whole vault, from the link graph (one parse per note):
 * `ambiguous-link` (error), `missing-heading` (warning), `unresolved-link` (error, only with
 * `UNRESOLVED_LINKS=error`), `embed-self` and `embed-cycle` (warnings).
 */
registerCheck((vault) => buildLinkGraph(vault).problems);
