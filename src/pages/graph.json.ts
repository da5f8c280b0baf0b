import type { APIRoute } from 'astro';
import { globalGraphData } from '../lib/graph-data.ts';
import { withLayout } from '../lib/graph-layout.ts';
import { siteLinkGraph } from '../lib/site-link-graph.ts';

/** The global graph's data with positions laid out here, once; fetched by /graph/ when it is shown (never embedded in a page). */
export const GET: APIRoute = () => {
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');
  return new Response(JSON.stringify(withLayout(globalGraphData(siteLinkGraph(), base))), { headers: { 'content-type': 'application/json' } });
};
