/**
 * Drawing a link graph with sigma (WebGL) and graphology, shared by the local graph under each note
 * and the global graph page. Loaded only when a graph is shown (dynamic import), so pages without
 * a visible graph never download sigma. Colours come from Starlight's theme variables and follow
 * the light/dark switch.
 */
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import Sigma from 'sigma';
import type { Settings } from 'sigma/settings';
import type { NodeDisplayData, PartialButFor } from 'sigma/types';

/** A node as the JSON files carry it (see src/lib/graph-data.ts). */
export interface NodeData {
  t: string;
  u: string;
  c?: 1;
  g?: number;
  d?: number;
  /** Position laid out at build time (global graph only, see src/lib/graph-layout.ts). */
  x?: number;
  y?: number;
}

export interface GraphJson {
  nodes: NodeData[];
  edges: number[];
}

/** Colours of the ten most used tags: distinct hues readable on light and dark backgrounds. */
export const TAG_COLOURS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#b07aa1', '#76b7b2', '#edc948', '#ff9da7', '#9c755f', '#8c8cd9'];

export interface ThemeColours {
  text: string;
  muted: string;
  accent: string;
  concept: string;
  edge: string;
  background: string;
}

/** Reads the page's current theme colours (Starlight CSS variables), resolved to `rgb()` for WebGL. */
export function themeColours(): ThemeColours {
  const probe = document.createElement('span');
  probe.hidden = true;
  document.body.append(probe);
  const v = (name: string, fallback: string) => {
    probe.style.color = fallback;
    probe.style.color = `var(${name}, ${fallback})`;
    return getComputedStyle(probe).color || fallback;
  };
  const colours = {
    text: v('--sl-color-white', '#17181c'),
    muted: v('--sl-color-gray-3', '#8b8d98'),
    accent: v('--sl-color-accent', '#4e79a7'),
    concept: v('--sl-color-orange', '#ea580c'),
    edge: v('--sl-color-gray-5', '#ccc'),
    background: v('--sl-color-bg', '#fff'),
  };
  probe.remove();
  return colours;
}

/**
 * Builds the graphology graph of a JSON file; node keys are the indexes as strings. Nodes keep the
 * positions the build laid out (`x`, `y`); nodes without them start on a golden-angle spiral, so
 * `layout` settles the same graph the same way.
 */
export function buildGraph(data: GraphJson): Graph {
  const graph = new Graph({ type: 'directed', multi: false, allowSelfLoops: false });
  const n = data.nodes.length;
  data.nodes.forEach((node, i) => {
    const r = Math.sqrt(i + 0.5) * 10;
    const a = i * 2.399963;
    const x = node.x ?? r * Math.cos(a);
    const y = node.y ?? r * Math.sin(a);
    graph.addNode(String(i), { x, y, size: 3, label: node.t, data: node });
  });
  for (let i = 0; i + 1 < data.edges.length; i += 2) {
    const s = String(data.edges[i]);
    const t = String(data.edges[i + 1]);
    // Keys are the edge's index, so a reducer can find its ends in a typed array (see `edgeEnds`).
    if (s !== t && !graph.hasEdge(s, t)) graph.addEdgeWithKey(String(graph.size), s, t, { size: n > 2000 ? 0.5 : 1 });
  }
  // Bigger nodes for notes many others link to.
  graph.forEachNode((key, attrs) => graph.setNodeAttribute(key, 'size', Math.min(14, (n > 2000 ? 1.5 : 4) + Math.sqrt(graph.inDegree(key)) * 1.5) * (attrs.data.c ? 0.8 : 1)));
  return graph;
}

/** Each edge's source and target node index, by edge key (`[s0, t0, s1, t1, …]`). */
export function edgeEnds(graph: Graph): Int32Array {
  const ends = new Int32Array(graph.size * 2);
  graph.forEachEdge((edge, _attrs, source, target) => {
    const k = Number(edge);
    ends[2 * k] = Number(source);
    ends[2 * k + 1] = Number(target);
  });
  return ends;
}

/**
 * Lays a local graph out with ForceAtlas2 before its first frame (at most `LOCAL_MAX_NODES`, 120
 * nodes: a few milliseconds). The global graph never calls this: the build lays it out.
 */
export function layout(graph: Graph): void {
  const settings = { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 500 };
  forceAtlas2.assign(graph, { iterations: graph.order < 200 ? 300 : 120, settings });
}

/** Hover label drawn in the theme's colours (sigma's default is a white box, unreadable in dark mode). */
function hoverDrawer(colours: () => ThemeColours): Settings['defaultDrawNodeHover'] {
  return (context, data: PartialButFor<NodeDisplayData, 'x' | 'y' | 'size' | 'label' | 'color'>, settings) => {
    const c = colours();
    const size = settings.labelSize;
    context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
    const label = data.label ?? '';
    const width = context.measureText(label).width + 8;
    context.fillStyle = c.background;
    context.strokeStyle = c.edge;
    context.beginPath();
    context.rect(data.x + data.size + 2, data.y - size / 2 - 4, width, size + 8);
    context.fill();
    context.stroke();
    context.fillStyle = c.text;
    context.fillText(label, data.x + data.size + 6, data.y + size / 3);
  };
}

export interface ViewOptions {
  /** Opens a node's page on click (default: follow its URL). */
  onClick?: (node: NodeData) => void;
  /** Extra sigma settings. */
  settings?: Partial<Settings>;
}

/** Renders `graph` into `container` and keeps its colours in step with the theme. */
export function createView(graph: Graph, container: HTMLElement, options: ViewOptions = {}): Sigma {
  let colours = themeColours();
  const renderer = new Sigma(graph, container, {
    allowInvalidContainer: true,
    labelFont: 'system-ui, sans-serif',
    labelSize: 12,
    labelColor: { color: colours.text },
    defaultEdgeColor: colours.edge,
    defaultNodeColor: colours.accent,
    defaultDrawNodeHover: hoverDrawer(() => colours),
    zIndex: true,
    ...options.settings,
  });
  renderer.on('clickNode', ({ node }) => {
    const data = graph.getNodeAttribute(node, 'data') as NodeData;
    if (options.onClick) options.onClick(data);
    else location.href = data.u;
  });
  renderer.on('enterNode', () => container.style.setProperty('cursor', 'pointer'));
  renderer.on('leaveNode', () => container.style.removeProperty('cursor'));
  const observer = new MutationObserver(() => {
    colours = themeColours();
    renderer.setSetting('labelColor', { color: colours.text });
    renderer.setSetting('defaultEdgeColor', colours.edge);
    renderer.refresh();
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  renderer.on('kill', () => observer.disconnect());
  // Reachable from the element for the browser tests and the benchmark (node positions, display data).
  Object.assign(container, { sigma: renderer });
  return renderer;
}

/** True when the browser can draw WebGL (sigma needs it). */
export function hasWebGL(): boolean {
  try {
    const canvas = document.createElement('canvas');
    return Boolean(canvas.getContext('webgl2') ?? canvas.getContext('webgl'));
  } catch {
    return false;
  }
}
