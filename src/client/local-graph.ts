/**
 * `<local-graph data-src data-title>`: the note's neighbours to depth 1 or 2, drawn with sigma when
 * the element scrolls into view (its JSON, then sigma, are fetched only then), plus the same nodes
 * as a list of links for keyboard and screen-reader users. Click a node to open it.
 */
import type { GraphJson, NodeData } from './graph-view.ts';

class LocalGraph extends HTMLElement {
  #data?: GraphJson;
  #kill?: () => void;

  connectedCallback(): void {
    const io = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      io.disconnect();
      void this.#load();
    }, { rootMargin: '200px' });
    io.observe(this);
    this.querySelectorAll<HTMLInputElement>('input[name="local-graph-depth"]').forEach((input) =>
      input.addEventListener('change', () => void this.#draw()));
  }

  disconnectedCallback(): void {
    this.#kill?.();
  }

  get #depth(): number {
    return Number(this.querySelector<HTMLInputElement>('input[name="local-graph-depth"]:checked')?.value ?? 1);
  }

  async #load(): Promise<void> {
    this.dataset.state = 'loading';
    try {
      const res = await fetch(this.dataset.src!);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      this.#data = (await res.json()) as GraphJson;
    } catch {
      this.dataset.state = 'error';
      this.#status('The graph could not be loaded.');
      return;
    }
    await this.#draw();
  }

  /** The nodes and edges up to the chosen depth (node 0 is this note). */
  #subset(): GraphJson {
    const data = this.#data!;
    const depth = this.#depth;
    const keep = new Map<number, number>();
    data.nodes.forEach((n, i) => (n.d ?? 0) <= depth && keep.set(i, keep.size));
    const edges: number[] = [];
    for (let i = 0; i + 1 < data.edges.length; i += 2) {
      const s = keep.get(data.edges[i]!);
      const t = keep.get(data.edges[i + 1]!);
      if (s !== undefined && t !== undefined) edges.push(s, t);
    }
    return { nodes: data.nodes.filter((n) => (n.d ?? 0) <= depth), edges };
  }

  #status(text: string): void {
    const status = this.querySelector('.local-graph-status');
    if (status) status.textContent = text;
  }

  async #draw(): Promise<void> {
    if (!this.#data) return;
    const data = this.#subset();
    this.#list(data);
    const canvas = this.querySelector<HTMLElement>('.local-graph-canvas')!;
    this.#kill?.();
    if (data.nodes.length <= 1) {
      this.#status('No links to or from this note yet.');
      this.dataset.state = 'empty';
      return;
    }
    const view = await import('./graph-view.ts');
    if (!view.hasWebGL()) {
      this.#status('This browser cannot draw the graph (no WebGL); its notes are listed below.');
      this.dataset.state = 'no-webgl';
      return;
    }
    const graph = view.buildGraph(data);
    const colours = view.themeColours();
    graph.forEachNode((key, attrs) => {
      const node = attrs.data as NodeData;
      if (key === '0') graph.mergeNodeAttributes(key, { color: colours.accent, size: 10, forceLabel: true, zIndex: 2 });
      else graph.mergeNodeAttributes(key, { color: node.c ? colours.concept : view.TAG_COLOURS[0], size: node.c ? 4 : node.d === 1 ? 6 : 4 });
    });
    view.layout(graph);
    const renderer = view.createView(graph, canvas, { settings: { labelRenderedSizeThreshold: 0, renderEdgeLabels: false } });
    this.#kill = () => renderer.kill();
    const n = data.nodes.length - 1;
    this.#status(`${n} note${n === 1 ? '' : 's'} and concept${n === 1 ? '' : 's'} within ${this.#depth === 1 ? 'one link' : 'two links'}.`);
    this.dataset.state = 'ready';
  }

  /** The list equivalent: links out, links in, then two steps away. */
  #list(data: GraphJson): void {
    const list = this.querySelector('.local-graph-list ul');
    if (!list) return;
    const out = new Set<number>();
    const inbound = new Set<number>();
    for (let i = 0; i + 1 < data.edges.length; i += 2) {
      if (data.edges[i] === 0) out.add(data.edges[i + 1]!);
      if (data.edges[i + 1] === 0) inbound.add(data.edges[i]!);
    }
    const groups: Array<[string, number[]]> = [
      ['Links to', [...out]],
      ['Linked from', [...inbound].filter((i) => !out.has(i))],
      ['Two links away', data.nodes.map((_, i) => i).filter((i) => data.nodes[i]!.d === 2)],
    ];
    const items: HTMLElement[] = [];
    for (const [label, indexes] of groups) {
      if (indexes.length === 0) continue;
      const li = document.createElement('li');
      const title = document.createElement('span');
      title.className = 'local-graph-group';
      title.textContent = label;
      const ul = document.createElement('ul');
      for (const i of indexes) {
        const node = data.nodes[i]!;
        const item = document.createElement('li');
        const a = document.createElement('a');
        a.href = node.u;
        a.textContent = node.t;
        if (node.c) a.className = 'wikilink wikilink-concept';
        item.append(a);
        if (node.c) item.append(' (not written yet)');
        ul.append(item);
      }
      li.append(title, ul);
      items.push(li);
    }
    list.replaceChildren(...items);
  }
}

customElements.define('local-graph', LocalGraph);
