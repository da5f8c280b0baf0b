import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { globalGraphData, localGraphData } from '../src/lib/graph-data.ts';
import { buildLinkGraph } from '../src/lib/link-graph.ts';
import { readingNeighbours } from '../src/lib/reading-order.ts';
import { textFragment } from '../src/lib/text-fragment.ts';
import { scanVault } from '../src/lib/vault.ts';

const graph = buildLinkGraph(scanVault({ dir: join(import.meta.dirname, 'fixtures/links-vault') }), { unresolved: 'concept' });
const titles = (nodes: Array<{ t: string }>) => nodes.map((n) => n.t);

describe('graph data for the graph views', () => {
  test('the global graph has every note and concept, links as index pairs, concepts marked', () => {
    const data = globalGraphData(graph, '/base');
    expect(titles(data.nodes).sort()).toEqual(['Alpha Note', 'Beta Note', 'Delta', 'Epsilon', 'Gamma', 'Go', 'Unwritten idea']);
    const byTitle = (t: string) => data.nodes.findIndex((n) => n.t === t);
    const pairs = new Set(Array.from({ length: data.edges.length / 2 }, (_, i) => `${data.nodes[data.edges[2 * i]!]!.t} -> ${data.nodes[data.edges[2 * i + 1]!]!.t}`));
    expect(pairs).toContain('Beta Note -> Alpha Note');
    expect(pairs).toContain('Gamma -> Go');
    expect(pairs).toContain('Delta -> Epsilon');
    // Self links (Beta links to itself by three names; Gamma embeds itself) are not edges.
    expect([...pairs].filter((p) => p.split(' -> ')[0] === p.split(' -> ')[1])).toEqual([]);
    expect(data.nodes[byTitle('Go')]).toEqual({ t: 'Go', u: '/base/concepts/go/', c: 1 });
    expect(data.nodes[byTitle('Alpha Note')]!.u).toBe('/base/alpha/');
  });

  test('tags are ranked by use and each note is coloured by its most used tag', () => {
    const data = globalGraphData(graph, '');
    expect(data.tags[0]).toBe('python');
    expect(data.nodes.find((n) => n.t === 'Beta Note')!.g).toBe(0);
    expect(data.nodes.find((n) => n.t === 'Delta')!.g).toBeUndefined();
  });

  test('a local graph holds the note, its neighbours at depth 1 and theirs at depth 2', () => {
    const data = localGraphData(graph, '', 'alpha');
    expect(data.nodes[0]).toEqual({ t: 'Alpha Note', u: '/alpha/', d: 0 });
    expect(Object.fromEntries(data.nodes.map((n) => [n.t, n.d]))).toEqual({ 'Alpha Note': 0, 'Beta Note': 1, Gamma: 1, 'Unwritten idea': 1, Go: 2 });
    // Every edge joins kept nodes.
    expect(data.edges.every((i) => i >= 0 && i < data.nodes.length)).toBe(true);
    expect(data.edges.length).toBeGreaterThan(0);
  });

  test('a local graph is capped, depth 1 first', () => {
    const data = localGraphData(graph, '', 'alpha', 3);
    expect(data.nodes).toHaveLength(3);
    expect(data.nodes.every((n) => (n.d ?? 0) <= 1)).toBe(true);
  });

  test('a note without links has a local graph of itself; an unknown id has an empty one', () => {
    expect(titles(localGraphData(graph, '', 'epsilon').nodes)).toEqual(['Epsilon', 'Delta']);
    expect(localGraphData(graph, '', 'nope')).toEqual({ nodes: [], edges: [] });
  });
});

describe('reading order', () => {
  test('previous and next follow order, then title, as the notes list', () => {
    const order = readingNeighbours([...graph.notes.values()].map((f) => f.note));
    const seq: string[] = [];
    let id: string | undefined = [...order].find(([, n]) => !n.prev)![0];
    while (id) {
      seq.push(id);
      id = order.get(id)!.next?.id;
    }
    expect(seq).toEqual(['alpha', 'beta_note', 'delta', 'epsilon', 'gamma']);
    expect(order.get('alpha')!.prev).toBeUndefined();
    expect(order.get('gamma')!.next).toBeUndefined();
  });
});

describe('text fragments of backlinks', () => {
  test.each([
    [{ before: 'It links to ', match: 'beta_note', after: ' and to its own Usage Notes.' }, '#:~:text=It%20links%20to-,beta_note,-and%20to%20its'],
    [{ before: '', match: 'Go', after: '' }, '#:~:text=Go'],
    [{ before: '…a long sentence, with a comma ', match: 'x-y', after: ' & more' }, '#:~:text=with%20a%20comma-,x%2Dy,-%26%20more'],
  ])('%o -> %s', (context, expected) => {
    expect(textFragment(context)).toBe(expected);
  });
  test('an empty match gives no fragment', () => {
    expect(textFragment({ before: 'a', match: ' ', after: 'b' })).toBe('');
  });
});
