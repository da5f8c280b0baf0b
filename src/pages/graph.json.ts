import type { APIRoute } from 'astro';
import { join } from 'node:path';
import { cachedEach } from '../lib/build-cache.ts';
import { globalGraphData } from '../lib/graph-data.ts';
import { layoutGraph, withLayout } from '../lib/graph-layout.ts';
import { sitePagesDigest } from '../lib/render-key.ts';
import { siteConfig } from '../lib/site-config.ts';
import { siteLinkGraph } from '../lib/site-link-graph.ts';

/**
 * The global graph's data with positions laid out here, once; fetched by /graph/ when it is shown (never
 * embedded in a page). The layout is kept in the cache folder while the graph's shape and the code are the same.
 */
export const GET: APIRoute = () => {
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');
  const graph = siteLinkGraph();
  const data = globalGraphData(graph, base);
  const file = join(siteConfig().cacheDir, 'graph-layout.json');
  const [xy] = cachedEach(file, sitePagesDigest(graph), [data], (d) => JSON.stringify([d.nodes.length, d.edges]), (d) => layoutGraph(d.nodes.length, d.edges)).values;
  return new Response(JSON.stringify(withLayout(data, {}, xy)), { headers: { 'content-type': 'application/json' } });
};
