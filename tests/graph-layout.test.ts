import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { globalGraphData } from '../src/lib/graph-data.ts';
import { BARNES_HUT_FROM, layoutGraph, SPAN, withLayout } from '../src/lib/graph-layout.ts';
import { buildLinkGraph } from '../src/lib/link-graph.ts';
import { scanVault } from '../src/lib/vault.ts';

/** `clusters` groups of `size` nodes, each a ring with chords, the groups joined by one edge each. */
function clustered(clusters: number, size: number): { count: number; edges: number[] } {
  const edges: number[] = [];
  for (let c = 0; c < clusters; c++) {
    const first = c * size;
    for (let i = 0; i < size; i++) {
      edges.push(first + i, first + ((i + 1) % size));
      edges.push(first + i, first + ((i * 7 + 3) % size));
    }
    if (c > 0) edges.push(first, first - size);
  }
  return { count: clusters * size, edges };
}

const distance = (xy: number[], a: number, b: number) => Math.hypot(xy[2 * a]! - xy[2 * b]!, xy[2 * a + 1]! - xy[2 * b + 1]!);

/** Mean length of the edges over the mean distance between any two nodes (below 1: linked nodes are closer). */
function edgeToPairRatio(xy: number[], count: number, edges: number[]): number {
  let linked = 0;
  for (let i = 0; i < edges.length; i += 2) linked += distance(xy, edges[i]!, edges[i + 1]!);
  linked /= edges.length / 2;
  let all = 0;
  let pairs = 0;
  for (let a = 0; a < count; a++) for (let b = a + 1; b < count; b++, pairs++) all += distance(xy, a, b);
  return linked / (all / pairs);
}

describe('graph layout at build time (ForceAtlas2 in Node)', () => {
  const small = clustered(6, 30);

  test('the same graph and seed give the same positions; another seed gives others', () => {
    const a = layoutGraph(small.count, small.edges);
    expect(layoutGraph(small.count, small.edges)).toEqual(a);
    expect(layoutGraph(small.count, small.edges, { seed: 2 })).not.toEqual(a);
  });

  test('every node gets a finite integer position inside 0..SPAN, and the box is used', () => {
    const xy = layoutGraph(small.count, small.edges);
    expect(xy).toHaveLength(small.count * 2);
    expect(xy.every((v) => Number.isInteger(v) && v >= 0 && v <= SPAN)).toBe(true);
    // Scaled to the box: one axis spans it all.
    const xs = xy.filter((_, i) => i % 2 === 0);
    const ys = xy.filter((_, i) => i % 2 === 1);
    expect(Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys))).toBe(SPAN);
  });

  test('linked nodes end up closer than random pairs (small graph, exact repulsion)', () => {
    const xy = layoutGraph(small.count, small.edges);
    expect(edgeToPairRatio(xy, small.count, small.edges)).toBeLessThan(0.5);
  });

  test('a graph of Barnes-Hut size is laid out the same way twice, every node finite, linked nodes close', () => {
    const big = clustered(Math.ceil(BARNES_HUT_FROM / 50), 50);
    expect(big.count).toBeGreaterThanOrEqual(BARNES_HUT_FROM);
    // Fewer iterations than the build's default keep the test fast; the properties are the same.
    const xy = layoutGraph(big.count, big.edges, { iterations: 60 });
    expect(layoutGraph(big.count, big.edges, { iterations: 60 })).toEqual(xy);
    expect(xy.every(Number.isFinite)).toBe(true);
    expect(edgeToPairRatio(xy, big.count, big.edges)).toBeLessThan(0.5);
  });

  test('empty, single and unlinked graphs still get positions', () => {
    expect(layoutGraph(0, [])).toEqual([]);
    expect(layoutGraph(1, [])).toEqual([0, 0]);
    const xy = layoutGraph(5, []);
    expect(xy).toHaveLength(10);
    expect(xy.every(Number.isFinite)).toBe(true);
  });

  test('the global graph of a vault carries x and y on every node, nothing else changed', () => {
    const graph = buildLinkGraph(scanVault({ dir: join(import.meta.dirname, 'fixtures/links-vault') }), { unresolved: 'concept' });
    const data = globalGraphData(graph, '');
    const laid = withLayout(data);
    expect(laid.edges).toEqual(data.edges);
    expect(laid.tags).toEqual(data.tags);
    expect(laid.nodes.map(({ x: _x, y: _y, ...rest }) => rest)).toEqual(data.nodes);
    expect(laid.nodes.every((n) => Number.isInteger(n.x) && Number.isInteger(n.y))).toBe(true);
    expect(withLayout(data)).toEqual(laid);
  });
});
