/**
 * `<global-graph data-src>` on /graph/: every note and concept, coloured by tag, drawn with sigma
 * (WebGL) from a static JSON fetched when the page is shown, at the positions the build laid out. Typing in the search box highlights
 * the matching nodes and lists them as links; a tag in the legend highlights its notes; a click on
 * a node opens it. Load time and node counts are written to `data-*` attributes for the benchmark.
 */
import { NodePointProgram } from 'sigma/rendering';
import type { NodeData } from './graph-view.ts';

/** Matches listed under the search box at most. */
const LISTED = 20;

class GlobalGraph extends HTMLElement {
  async connectedCallback(): Promise<void> {
    const started = performance.now();
    const status = this.querySelector('.graph-status')!;
    let json: { tags: string[]; nodes: NodeData[]; edges: number[] };
    try {
      const res = await fetch(this.dataset.src!);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      json = await res.json();
    } catch {
      status.textContent = 'The graph could not be loaded.';
      this.dataset.state = 'error';
      return;
    }
    const fetched = performance.now();
    const view = await import('./graph-view.ts');
    const notes = json.nodes.filter((n) => !n.c).length;
    const summary = `${notes} notes, ${json.nodes.length - notes} concepts, ${json.edges.length / 2} links.`;
    this.#legend(json.tags, view.TAG_COLOURS);
    if (!view.hasWebGL()) {
      status.textContent = `${summary} This browser cannot draw the graph (no WebGL); search still lists the notes.`;
      this.#search(json.nodes, () => {});
      this.dataset.state = 'no-webgl';
      return;
    }
    const graph = view.buildGraph(json);
    let colours = view.themeColours();
    graph.forEachNode((key, attrs) => {
      const node = attrs.data as NodeData;
      graph.setNodeAttribute(key, 'color', node.c ? colours.concept : node.g !== undefined ? view.TAG_COLOURS[node.g]! : colours.muted);
    });
    const large = graph.order > 2000;
    // The build lays the global graph out (src/lib/graph-layout.ts); only a JSON without positions
    // (an older build) is laid out here, before the first frame.
    if (json.nodes.some((n) => n.x === undefined || n.y === undefined)) view.layout(graph);
    // Highlight state read by the reducers: one flag per node index, no graph change, so a search
    // costs one pass of sigma's reducers and one frame.
    const lit = new Uint8Array(graph.order);
    const ends = view.edgeEnds(graph);
    let highlight: Set<string> | undefined;
    const renderer = view.createView(graph, this.querySelector<HTMLElement>('.graph-canvas')!, {
      settings: {
        // Large graphs: labels only for big nodes, and no edges or labels while the camera moves
        // (software WebGL draws 80,000 edges at a few frames per second).
        labelRenderedSizeThreshold: large ? 9 : 5,
        labelDensity: large ? 0.5 : 1,
        hideEdgesOnMove: large,
        hideLabelsOnMove: large,
        // Large graphs draw nodes as GL points (one vertex each) instead of circles (a quad each).
        ...(large ? { defaultNodeType: 'point', nodeProgramClasses: { point: NodePointProgram } } : {}),
        // Labels are drawn to the right of their node: room for a short one at the right edge.
        stagePadding: 60,
        nodeReducer: (node, attrs) => {
          if (!highlight) return attrs;
          return lit[Number(node)] ? { ...attrs, forceLabel: highlight.size <= 30, zIndex: 1, size: attrs.size * 1.4 } : { ...attrs, color: colours.edge, label: null, zIndex: 0 };
        },
        edgeReducer: (edge, attrs) => {
          if (!highlight) return attrs;
          const k = Number(edge);
          return lit[ends[2 * k]!] || lit[ends[2 * k + 1]!] ? attrs : { ...attrs, hidden: true };
        },
      },
    });
    new MutationObserver(() => (colours = view.themeColours())).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const apply = (set: Set<string> | undefined) => {
      highlight = set;
      lit.fill(0);
      for (const key of set ?? []) lit[Number(key)] = 1;
      renderer.refresh({ skipIndexation: true });
    };
    this.#search(json.nodes, (set) => apply(set));
    this.querySelectorAll<HTMLButtonElement>('.graph-tag').forEach((button) =>
      button.addEventListener('click', () => {
        const on = button.getAttribute('aria-pressed') !== 'true';
        this.querySelectorAll('.graph-tag').forEach((b) => b.setAttribute('aria-pressed', 'false'));
        button.setAttribute('aria-pressed', String(on));
        const g = Number(button.dataset.tag);
        apply(on ? new Set(json.nodes.flatMap((n, i) => (n.g === g ? [String(i)] : []))) : undefined);
      }));
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const drawn = performance.now();
    status.textContent = summary;
    Object.assign(this.dataset, {
      state: 'ready',
      nodes: String(graph.order),
      edges: String(graph.size),
      fetchMs: String(Math.round(fetched - started)),
      loadMs: String(Math.round(drawn - started)),
    });
  }

  #legend(tags: string[], colours: string[]): void {
    const legend = this.querySelector('.graph-legend');
    if (!legend) return;
    legend.replaceChildren(...tags.map((tag, i) => {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'graph-tag';
      button.dataset.tag = String(i);
      button.setAttribute('aria-pressed', 'false');
      const swatch = document.createElement('span');
      swatch.className = 'graph-swatch';
      swatch.style.background = colours[i]!;
      button.append(swatch, `#${tag}`);
      li.append(button);
      return li;
    }));
  }

  #search(nodes: NodeData[], highlight: (set: Set<string> | undefined) => void): void {
    const input = this.querySelector<HTMLInputElement>('.graph-search input')!;
    const results = this.querySelector('.graph-matches')!;
    const count = this.querySelector('.graph-match-count')!;
    const lower = nodes.map((n) => n.t.toLowerCase());
    input.addEventListener('input', () => {
      const q = input.value.trim().toLowerCase();
      this.querySelectorAll('.graph-tag').forEach((b) => b.setAttribute('aria-pressed', 'false'));
      if (!q) {
        highlight(undefined);
        results.replaceChildren();
        count.textContent = '';
        return;
      }
      const found: number[] = [];
      lower.forEach((t, i) => t.includes(q) && found.push(i));
      highlight(new Set(found.map(String)));
      count.textContent = `${found.length} match${found.length === 1 ? '' : 'es'}${found.length > LISTED ? `, first ${LISTED} listed` : ''}.`;
      results.replaceChildren(...found.slice(0, LISTED).map((i) => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = nodes[i]!.u;
        a.textContent = nodes[i]!.t;
        if (nodes[i]!.c) a.className = 'wikilink wikilink-concept';
        li.append(a);
        return li;
      }));
    });
  }
}

customElements.define('global-graph', GlobalGraph);
