import type { LinkGraph } from './link-graph.ts';

/**
 * `compute(graph)` once per link graph: a graph is built once per build (and again under
 * `astro dev` when a note changes), so what is derived from it is derived once too.
 */
export function perGraph<T>(compute: (graph: LinkGraph) => T): (graph: LinkGraph) => T {
  const values = new WeakMap<LinkGraph, T>();
  return (graph) => {
    if (!values.has(graph)) values.set(graph, compute(graph));
    return values.get(graph)!;
  };
}
