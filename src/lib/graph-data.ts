/**
 * The link graph as the graph views draw it: notes and concepts as nodes, links as edges, in two
 * static JSON shapes emitted at build time and fetched only when a graph is shown:
 * - the global graph (`/graph.json`): every node and edge, tags for colouring;
 * - a local graph per note (`/graph/local/<id>.json`): its neighbours to depth 2, capped, so its
 *   size follows the note's own links, never the vault.
 */
import { conceptHref, noteHref } from './link-paths.ts';
import { noteKey, type LinkGraph } from './link-graph.ts';

/** A node: title, URL, concept flag (`c: 1`), tag colour index (`g`, -1 for none) or depth (`d`). */
export interface GraphNodeData {
  t: string;
  u: string;
  c?: 1;
  g?: number;
  d?: number;
}

/** The whole vault: `edges` holds node index pairs flattened (`[s0, t0, s1, t1, …]`), source links to target. */
export interface GlobalGraphData {
  tags: string[];
  nodes: GraphNodeData[];
  edges: number[];
}

/** One note's neighbourhood; node 0 is the note itself. */
export interface LocalGraphData {
  nodes: GraphNodeData[];
  edges: number[];
}

/** Tags that get a colour in the global graph (the most used ones); the rest are grey. */
export const COLOURED_TAGS = 10;
/** Nodes of a local graph at most: all of depth 1 first, then depth 2 in link order. */
export const LOCAL_MAX_NODES = 120;

interface Indexed {
  keys: string[];
  index: Map<string, number>;
  nodes: Array<{ title: string; href: string; concept: boolean; tags: string[] }>;
  /** Directed edges as index pairs, each pair once. */
  edges: Array<[number, number]>;
  /** Undirected neighbours by index, in edge order. */
  neighbours: number[][];
  /** Link targets by source index. */
  targets: number[][];
}

const cache = new WeakMap<LinkGraph, Map<string, Indexed>>();

/** Nodes and edges of the link graph, indexed once per graph and base. */
function indexGraph(graph: LinkGraph, base: string): Indexed {
  let byBase = cache.get(graph);
  if (!byBase) cache.set(graph, (byBase = new Map()));
  const hit = byBase.get(base);
  if (hit) return hit;
  const keys: string[] = [];
  const index = new Map<string, number>();
  const nodes: Indexed['nodes'] = [];
  for (const { note, tags } of graph.notes.values()) {
    index.set(noteKey(note.id), keys.length);
    keys.push(noteKey(note.id));
    nodes.push({ title: note.data.title, href: noteHref(base, note.id), concept: false, tags });
  }
  for (const concept of graph.concepts.values()) {
    const key = `concept:${concept.slug}`;
    index.set(key, keys.length);
    keys.push(key);
    nodes.push({ title: concept.title, href: conceptHref(base, concept.slug), concept: true, tags: [] });
  }
  const edges: Array<[number, number]> = [];
  const neighbours: number[][] = keys.map(() => []);
  const targets: number[][] = keys.map(() => []);
  for (const [target, backlinks] of graph.linkedFrom) {
    const t = index.get(target);
    if (t === undefined) continue;
    for (const { source } of backlinks) {
      const s = index.get(noteKey(source.id));
      if (s === undefined || s === t) continue;
      edges.push([s, t]);
      targets[s]!.push(t);
      neighbours[s]!.push(t);
      neighbours[t]!.push(s);
    }
  }
  const indexed = { keys, index, nodes, edges, neighbours, targets };
  byBase.set(base, indexed);
  return indexed;
}

/** The global graph: every note and concept, every link, tags ranked by use for colouring. */
export function globalGraphData(graph: LinkGraph, base: string): GlobalGraphData {
  const { nodes, edges } = indexGraph(graph, base);
  const uses = new Map<string, number>();
  for (const n of nodes) for (const tag of n.tags) uses.set(tag, (uses.get(tag) ?? 0) + 1);
  const tags = [...uses].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, COLOURED_TAGS).map(([tag]) => tag);
  const rank = new Map(tags.map((tag, i) => [tag, i]));
  return {
    tags,
    nodes: nodes.map((n) => {
      const g = Math.min(...n.tags.map((tag) => rank.get(tag) ?? Infinity));
      return { t: n.title, u: n.href, ...(n.concept ? { c: 1 as const } : {}), ...(Number.isFinite(g) ? { g } : {}) };
    }),
    edges: edges.flat(),
  };
}

/** A note's neighbours to depth 2 (breadth first, at most `LOCAL_MAX_NODES`) and the links among them. */
export function localGraphData(graph: LinkGraph, base: string, id: string, max = LOCAL_MAX_NODES): LocalGraphData {
  const { index, nodes, neighbours, targets } = indexGraph(graph, base);
  const start = index.get(noteKey(id));
  if (start === undefined) return { nodes: [], edges: [] };
  const depth = new Map<number, number>([[start, 0]]);
  const order = [start];
  for (let i = 0; i < order.length && order.length < max; i++) {
    const from = order[i]!;
    const d = depth.get(from)!;
    if (d >= 2) break;
    for (const to of neighbours[from]!) {
      if (depth.has(to)) continue;
      depth.set(to, d + 1);
      order.push(to);
      if (order.length >= max) break;
    }
  }
  const local = new Map(order.map((n, i) => [n, i]));
  // Only edges among the kept nodes; found from each kept node's own neighbours (no scan of the vault).
  const out: number[] = [];
  for (const n of order) {
    for (const t of targets[n]!) if (local.has(t)) out.push(local.get(n)!, local.get(t)!);
  }
  return {
    nodes: order.map((n) => ({ t: nodes[n]!.title, u: nodes[n]!.href, ...(nodes[n]!.concept ? { c: 1 as const } : {}), d: depth.get(n)! })),
    edges: out,
  };

}
