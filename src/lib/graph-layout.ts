/**
 * Positions for the global graph, computed once at build time so the browser draws at once with
 * no layout of its own (issue #11: at 10,000 notes the in-browser ForceAtlas2 worker took 25 s to
 * a first frame and drew at 0 fps while it settled).
 *
 * ForceAtlas2 (graphology-layout-forceatlas2) run synchronously in Node, deterministic: seeded
 * initial positions, a fixed iteration count that falls with the graph's size, Barnes-Hut above
 * `BARNES_HUT_FROM` nodes. Coordinates are scaled to `0..SPAN` and rounded to integers to keep
 * `/graph.json` compact (sigma rescales to the viewport anyway).
 */
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { GlobalGraphData, GraphNodeData } from './graph-data.ts';
import { mulberry32 } from './prng.ts';

/** Options of `layoutGraph`; every one has a default. */
export interface LayoutOptions {
  /** Seed of the initial positions (default 1). */
  seed?: number;
  /** ForceAtlas2 iterations (default: `iterationsFor(nodes)`). */
  iterations?: number;
}

/** Width and height of the box the positions are scaled into (integers 0..SPAN). */
export const SPAN = 10_000;
/** Barnes-Hut approximation from this many nodes on (O(n log n) repulsion instead of O(n²)). */
export const BARNES_HUT_FROM = 1000;

/** Iterations for a graph of `nodes` nodes: many for small graphs, fewer (each costs more) for large ones. */
export function iterationsFor(nodes: number): number {
  if (nodes <= 200) return 500;
  if (nodes <= 2000) return 300;
  return 150;
}

/**
 * ForceAtlas2 positions of `count` nodes linked by `edges` (index pairs flattened, as in
 * `/graph.json`): `[x0, y0, x1, y1, …]`, integers in `0..SPAN`. Same input and options, same output.
 */
export function layoutGraph(count: number, edges: readonly number[], options: LayoutOptions = {}): number[] {
  const { seed = 1, iterations = iterationsFor(count) } = options;
  if (count === 0) return [];
  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  const random = mulberry32(seed);
  // Random start in a square whose area grows with the graph (FA2 only refines what it is given).
  const side = Math.sqrt(count) * 10;
  for (let i = 0; i < count; i++) graph.addNode(i, { x: random() * side, y: random() * side });
  for (let i = 0; i + 1 < edges.length; i += 2) {
    const s = edges[i]!;
    const t = edges[i + 1]!;
    if (s !== t && !graph.hasEdge(s, t)) graph.addEdge(s, t);
  }
  const big = count >= BARNES_HUT_FROM;
  // Small graphs: stronger gravity than inferSettings' 0.05, which let unlinked parts drift to the
  // edges of the box (links fixture: extent 5.6 edge lengths at 0.05, 2.7 at 1).
  const settings = { ...forceAtlas2.inferSettings(count), barnesHutOptimize: big, ...(big ? {} : { gravity: 1 }) };
  const positions = forceAtlas2(graph, { iterations, settings });
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < count; i++) {
    const { x, y } = positions[i]!;
    minX = Math.min(minX, x); maxX = Math.max(maxX, x);
    minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  }
  // One scale for both axes keeps the shape; a single node (extent 0) sits at the origin.
  const scale = SPAN / (Math.max(maxX - minX, maxY - minY) || 1);
  const out = new Array<number>(count * 2);
  for (let i = 0; i < count; i++) {
    const { x, y } = positions[i]!;
    out[2 * i] = Math.round((x - minX) * scale);
    out[2 * i + 1] = Math.round((y - minY) * scale);
  }
  return out;
}

/** A node of `/graph.json` with its position. */
export interface PositionedNode extends GraphNodeData {
  x: number;
  y: number;
}

/** `/graph.json`: the global graph with every node positioned. */
export interface PositionedGraphData extends Omit<GlobalGraphData, 'nodes'> {
  nodes: PositionedNode[];
}

/** The global graph with each node's position (`x`, `y`) added: laid out here, or the `xy` of an earlier `layoutGraph` of the same graph. */
export function withLayout(data: GlobalGraphData, options: LayoutOptions = {}, xy = layoutGraph(data.nodes.length, data.edges, options)): PositionedGraphData {
  return { ...data, nodes: data.nodes.map((node, i) => ({ ...node, x: xy[2 * i]!, y: xy[2 * i + 1]! })) };
}
