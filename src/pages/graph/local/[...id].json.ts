import type { APIRoute, GetStaticPaths } from 'astro';
import { localGraphData } from '../../../lib/graph-data.ts';
import { keyed } from '../../../lib/page-keys.ts';
import { siteLinkGraph } from '../../../lib/site-link-graph.ts';

const base = () => import.meta.env.BASE_URL.replace(/\/$/, '');

/**
 * One small JSON per note: its neighbourhood to depth 2, fetched when the note's local graph is shown.
 * Keyed by that data, so a rebuild writes only the neighbourhoods that changed (src/lib/page-keys.ts).
 */
export const getStaticPaths = (() => {
  const graph = siteLinkGraph();
  return keyed([...graph.notes.keys()].map((id) => ({ params: { id } })), ({ params }) => localGraphData(graph, base(), params.id));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  return new Response(JSON.stringify(localGraphData(siteLinkGraph(), base(), params.id!)), { headers: { 'content-type': 'application/json' } });
};
