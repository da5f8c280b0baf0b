import type { APIRoute, GetStaticPaths } from 'astro';
import { localGraphData } from '../../../lib/graph-data.ts';
import { siteLinkGraph } from '../../../lib/site-link-graph.ts';

/** One small JSON per note: its neighbourhood to depth 2, fetched when the note's local graph is shown. */
export const getStaticPaths = (() => [...siteLinkGraph().notes.keys()].map((id) => ({ params: { id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');
  return new Response(JSON.stringify(localGraphData(siteLinkGraph(), base, params.id!)), { headers: { 'content-type': 'application/json' } });
};
