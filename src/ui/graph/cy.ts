/**
 * The one module that talks to Cytoscape: element building, the style (from a palette), layouts,
 * view commands and image exports. Components use `GraphHandle` and never import cytoscape.
 * Labels are canvas text: names from logs are never parsed as markup here.
 */
import cytoscape, { type Core, type ElementDefinition, type LayoutOptions, type StylesheetJson } from 'cytoscape';
import type { Scene, SceneEdge, SceneNode } from './export';
import type { LayoutName } from './params';
import { nodeColours, nodeFont, nodeShape, type NodeKind, type Palette } from './palette';

export interface GraphNode {
  id: string;
  label: string;
  kind: NodeKind;
  admin: boolean;
  flagged: boolean;
  rank: number | null;
  /** The search root (§6.4): drawn with the root border. */
  root?: boolean;
  side?: 'a' | 'b' | 'both';
  /** A group node (see grouping.ts): how many nodes it stands for. */
  group?: number;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  label: string;
  kind: 'logon' | 'domain' | 'policy';
  side?: 'a' | 'b' | 'both';
}

export interface StyleOptions {
  rankSize: boolean;
  /** Diff graphs: borders and lines take the side's colour. */
  diff: boolean;
}

// Cytoscape prepends an inline <style> to <head> unless an element with this id exists. The CSP
// (style-src 'self') refuses inline styles, so an inert placeholder takes the id first and graph.css
// carries the one rule Cytoscape wanted (its container positioned relative).
const CYTOSCAPE_STYLESHEET_ID = '__________cytoscape_stylesheet';
function claimStylesheetSlot(): void {
  if (document.getElementById(CYTOSCAPE_STYLESHEET_ID)) return;
  const placeholder = document.createElement('meta');
  placeholder.id = CYTOSCAPE_STYLESHEET_ID;
  document.head.append(placeholder);
}

export function buildStyle(p: Palette, o: StyleOptions): StylesheetJson {
  const kinds: NodeKind[] = ['account', 'host', 'domain', 'policy'];
  const style: StylesheetJson = [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        width: 25,
        height: 25,
        'border-width': 3,
        'border-style': 'solid',
        'text-valign': 'center',
        'text-halign': 'center',
        'text-outline-width': 1,
        'text-wrap': 'ellipsis',
        'text-max-width': '160px',
        'min-zoomed-font-size': 6,
      },
    },
    ...kinds.map((k) => ({
      selector: `node[kind="${k}"]`,
      style: { shape: nodeShape(k, false), 'font-size': nodeFont(k), color: p[k === 'account' ? 'account' : k].text, 'background-color': nodeColours(p, k, false, false).fill, 'border-color': nodeColours(p, k, false, false).border, 'text-outline-color': nodeColours(p, k, false, false).fill },
    })),
    { selector: 'node[kind="account"][?admin]', style: { color: p.privileged.text, 'background-color': p.privileged.fill, 'border-color': p.privileged.border, 'text-outline-color': p.privileged.fill } },
    { selector: 'node[kind="account"][?flagged]', style: { shape: 'octagon', color: p.flaggedText } },
    { selector: 'node[?root]', style: { 'border-color': p.root } },
    // Group nodes: larger with the members they stand for, a double border, the label always legible.
    { selector: 'node[group > 0]', style: { width: 'mapData(group, 2, 2000, 32, 90)', height: 'mapData(group, 2, 2000, 32, 90)', 'border-style': 'double', 'border-width': 6, 'font-weight': 'bold', 'min-zoomed-font-size': 0 } },
    {
      selector: 'edge',
      style: {
        'curve-style': 'bezier',
        'target-arrow-shape': 'triangle',
        width: 2,
        'line-color': p.edgeLine,
        'target-arrow-color': p.edgeLine,
        label: 'data(label)',
        'font-size': 8,
        color: p.edgeLabel,
        'text-rotation': 'autorotate',
        'min-zoomed-font-size': 6,
      },
    },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': p.root } },
    { selector: 'edge:selected', style: { width: 4, 'line-color': p.root, 'target-arrow-color': p.root } },
    { selector: '.faded', style: { opacity: 0.12 } },
    { selector: '.hidden', style: { display: 'none' } },
  ];
  if (o.rankSize) style.splice(kinds.length + 1, 0, { selector: 'node[kind="account"][rank >= 0]', style: { width: 'mapData(rank, 0, 1, 20, 100)', height: 'mapData(rank, 0, 1, 20, 100)' } });
  if (o.diff) {
    for (const side of ['a', 'b', 'both'] as const) {
      const c = p.diff[side];
      style.push({ selector: `node[side="${side}"]`, style: { 'border-color': c, 'border-width': side === 'both' ? 3 : 5 } });
      style.push({ selector: `edge[side="${side}"]`, style: { 'line-color': c, 'target-arrow-color': c, 'line-style': side === 'b' ? 'dashed' : 'solid', width: side === 'both' ? 2 : 3 } });
    }
  }
  return style;
}

export function toElements(nodes: GraphNode[], edges: GraphEdge[]): ElementDefinition[] {
  return [
    ...nodes.map((n) => ({ group: 'nodes' as const, data: { ...n, rank: n.rank ?? -1 } })),
    ...edges.map((e) => ({ group: 'edges' as const, data: { ...e } })),
  ];
}

export interface GraphEvents {
  /** A node or edge id was tapped (or chosen); null: the background. */
  onSelect(id: string | null): void;
  onHover(hover: { id: string; x: number; y: number } | null): void;
  /** A layout computed off the page's thread started (true) or ended (false). */
  onLayoutRunning?(running: boolean): void;
}

/**
 * Graphs with more elements (nodes + edges) than this are drawn in big-graph mode: the WebGL renderer
 * where the browser has WebGL 2 on a GPU (else the canvas with textures during pan and zoom), no edge labels,
 * node labels only once zoomed in, straight edges, and the force layout computed in a worker.
 */
export const BIG_GRAPH = 3000;

export type Renderer = 'canvas' | 'webgl' | 'canvas-big';

let webgl2: { available: boolean; software: boolean } | null = null;
/**
 * Whether this browser gives WebGL 2 contexts, and whether they are drawn in software (SwiftShader,
 * llvmpipe: Chromium without a GPU). Checked once.
 */
function webgl2Support(): { available: boolean; software: boolean } {
  if (webgl2 === null) {
    try {
      const gl = document.createElement('canvas').getContext('webgl2');
      const info = gl?.getExtension('WEBGL_debug_renderer_info');
      const name = gl ? String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER)) : '';
      webgl2 = { available: gl !== null, software: /swiftshader|llvmpipe|softpipe|software/i.test(name) };
      gl?.getExtension('WEBGL_lose_context')?.loseContext();
    } catch {
      webgl2 = { available: false, software: false };
    }
  }
  return webgl2;
}

/** The big-graph mode's additions to the style: cheap to draw 40,000 edges and 10,000 labels. */
function bigStyle(r: Renderer): StylesheetJson {
  if (r === 'canvas') return [];
  return [
    { selector: 'node', style: { 'min-zoomed-font-size': 11, 'text-outline-width': 0 } },
    {
      selector: 'edge',
      style: {
        label: '',
        width: 1,
        // Haystack edges are the canvas renderer's fastest (no arrows); WebGL draws straight ones with arrows.
        'curve-style': r === 'webgl' ? 'straight' : 'haystack',
        'target-arrow-shape': r === 'webgl' ? 'triangle' : 'none',
        'arrow-scale': 0.6,
      },
    },
    { selector: 'edge:selected', style: { width: 3 } },
    { selector: 'node[group > 0]', style: { 'min-zoomed-font-size': 0 } },
  ];
}

/**
 * Above this many edges, edges take no pointer events: Cytoscape tests every interactive element under
 * the pointer on each move, measuring each one's bounds (~110 ms a move on the full bench graph of
 * 11,000 nodes and 9,800 lines). Their details stay reachable from the selected node's edge list.
 */
const INERT_EDGES = 5000;
const inertEdges: StylesheetJson = [{ selector: 'edge', style: { events: 'no' } }];

export interface GraphHandle {
  /** How this graph is drawn: the ordinary canvas, or big-graph mode with WebGL or with the canvas. */
  readonly renderer: Renderer;
  setElements(elements: ElementDefinition[], layout: LayoutName, root: string | null): void;
  setStyle(style: StylesheetJson): void;
  layout(name: LayoutName, root: string | null): void;
  fit(): void;
  select(id: string | null): void;
  /** Fades everything but the node and its neighbours, and fits to them. */
  focus(id: string): void;
  hide(id: string): void;
  showAll(): void;
  hiddenCount(): number;
  png(bg: string): Promise<Blob>;
  jpg(bg: string): Promise<Blob>;
  /** What is drawn (visible elements), for the SVG export. */
  scene(p: Palette, o: StyleOptions): Scene;
  destroy(): void;
}

const FORCE_IN_WORKER = 300;

/** Most zoom a fit may give: a graph of three nodes should not fill the screen with one label. */
const MAX_FIT_ZOOM = 1.6;

/**
 * Fits a big graph from node centres alone: Cytoscape's fit measures every label and edge, seconds
 * on 50,000 elements.
 */
function fitNodeCentres(cy: Core, nodes: cytoscape.NodeCollection, padding: number): void {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  nodes.forEach((n) => {
    const p = n.position();
    if (p.x < x1) x1 = p.x;
    if (p.x > x2) x2 = p.x;
    if (p.y < y1) y1 = p.y;
    if (p.y > y2) y2 = p.y;
  });
  if (!Number.isFinite(x1)) return;
  const margin = 20; // about a node's half size
  const w = x2 - x1 + 2 * margin;
  const h = y2 - y1 + 2 * margin;
  const zoom = Math.max(cy.minZoom(), Math.min(MAX_FIT_ZOOM, (cy.width() - 2 * padding) / w, (cy.height() - 2 * padding) / h));
  cy.viewport({ zoom, pan: { x: cy.width() / 2 - zoom * (x1 + x2) / 2, y: cy.height() / 2 - zoom * (y1 + y2) / 2 } });
}

/** A square grid in element order, spaced for the node size: what Cytoscape's grid does, without measuring labels. */
function gridPositions(nodes: cytoscape.NodeCollection): void {
  const cols = Math.max(1, Math.ceil(Math.sqrt(nodes.length)));
  const spacing = 70;
  nodes.positions((_n, i) => ({ x: (i % cols) * spacing, y: Math.floor(i / cols) * spacing }));
}

/**
 * From this many elements, fits and the grid use node centres only: measuring every label and edge
 * (Cytoscape's fit and grid) took a second on a grouped 10,000-node view of 2,800 elements.
 */
const MANY = 1000;

function fitView(cy: Core, big = false): void {
  if (big || cy.elements().length > MANY) return fitNodeCentres(cy, cy.nodes(':visible'), 30);
  const visible = cy.elements(':visible');
  cy.fit(visible, 30);
  if (cy.zoom() > MAX_FIT_ZOOM) {
    cy.zoom(MAX_FIT_ZOOM);
    cy.center(visible);
  }
}

function layoutOptions(cy: Core, name: LayoutName, root: string | null): LayoutOptions {
  // Not animated: an animated layout races the fits below (and cose's frame loop outlives stop()).
  const base = { padding: 30, animate: false, fit: false };
  switch (name) {
    case 'breadthfirst':
      return { ...base, name, directed: false, ...(root && cy.getElementById(root).nonempty() ? { roots: cy.getElementById(root) } : {}) };
    case 'concentric':
      // Higher rank nearer the centre, as the rank lists read.
      return { ...base, name, concentric: (n) => Number(n.data('rank')) + 1, levelWidth: () => 0.2, minNodeSpacing: 10 };
    case 'cose':
      return { ...base, name, nodeRepulsion: () => 8000, idealEdgeLength: () => 80, numIter: 1000 };
    default:
      return { ...base, name };
  }
}

/** Cytoscape's renderer options for big graphs: WebGL when the browser has it, else canvas short cuts. */
/**
 * `localStorage['logonlens.graphRenderer']` = `canvas` or `webgl` chooses the big-graph renderer by
 * hand (where WebGL is emulated on the CPU, the canvas can be the faster one); anything else: automatic.
 */
function preferredRenderer(): 'canvas' | 'webgl' | null {
  try {
    const v = localStorage.getItem('logonlens.graphRenderer');
    return v === 'canvas' || v === 'webgl' ? v : null;
  } catch {
    return null;
  }
}

function rendererOptions(big: boolean): { renderer: Renderer; options: cytoscape.CytoscapeOptions } {
  if (!big) return { renderer: 'canvas', options: {} };
  const common = { motionBlur: false, pixelRatio: 1, hideEdgesOnViewport: true } as const;
  // WebGL on a GPU draws 40,000 edges smoothly; emulated on the CPU it is several times slower than the
  // canvas with its viewport short cuts (bench/graph-browser.ts measures both), so it is only used on a GPU.
  const gl = webgl2Support();
  const preferred = preferredRenderer();
  if (gl.available && (preferred === 'webgl' || (preferred === null && !gl.software))) return { renderer: 'webgl', options: { ...common, hideEdgesOnViewport: false, webgl: true, webglTexSize: 4096, webglBatchSize: 4096, webglTexRows: 24 } as cytoscape.CytoscapeOptions };
  // A pixel ratio of exactly 1 makes Cytoscape draw its pan/zoom texture at twice the scale, so every
  // node's cached bitmap is drawn again at another level on each stroke (2 s on 11,000 nodes here);
  // just above 1 it draws at the scale of the screen and reuses them (in back-to-back runs on the full
  // bench graph: more frames and shorter worst frames in both pan and zoom; no texture was worse still).
  return { renderer: 'canvas-big', options: { ...common, pixelRatio: 1.01, textureOnViewport: true, hideLabelsOnViewport: true } };
}

/**
 * Cytoscape's WebGL mode raises the canvas layer count on the renderer's shared prototype, so every
 * later graph (WebGL or not) would get an extra WebGL context: put the shared default back; the
 * WebGL graph keeps its own count.
 */
function restoreCanvasLayers(cy: Core): void {
  const r = (cy as unknown as { renderer(): object }).renderer();
  const proto = Object.getPrototypeOf(r) as { CANVAS_LAYERS?: number } | null;
  if (proto && proto.CANVAS_LAYERS === 4) proto.CANVAS_LAYERS = 3;
}

/** Runs the force layout of force-layout.ts in a worker; resolves with positions, or null if stopped. */
function forceInWorker(cy: Core): { done: Promise<Map<string, { x: number; y: number }> | null>; stop(): void } {
  const nodes = cy.nodes();
  const index = new Map<string, number>();
  nodes.forEach((n, i) => void index.set(n.id(), i));
  const edges = cy.edges();
  const pairs = new Uint32Array(edges.length * 2);
  edges.forEach((e, i) => {
    pairs[2 * i] = index.get(e.source().id()) ?? 0;
    pairs[2 * i + 1] = index.get(e.target().id()) ?? 0;
  });
  const worker = new Worker(new URL('./force.worker.ts', import.meta.url), { type: 'module', name: 'force-layout' });
  let settle: (v: Map<string, { x: number; y: number }> | null) => void = () => undefined;
  const done = new Promise<Map<string, { x: number; y: number }> | null>((resolve) => (settle = resolve));
  worker.onmessage = (e: MessageEvent<Float32Array>) => {
    const pos = e.data;
    const out = new Map<string, { x: number; y: number }>();
    nodes.forEach((n, i) => void out.set(n.id(), { x: pos[2 * i]!, y: pos[2 * i + 1]! }));
    worker.terminate();
    settle(out);
  };
  worker.onerror = (e) => {
    e.preventDefault();
    console.error('force layout failed', e.message);
    worker.terminate();
    settle(null);
  };
  worker.postMessage({ n: nodes.length, edges: pairs }, [pairs.buffer]);
  return {
    done,
    stop() {
      worker.terminate();
      settle(null);
    },
  };
}

export function mountGraph(container: HTMLElement, style: StylesheetJson, events: GraphEvents, big = false): GraphHandle {
  claimStylesheetSlot();
  const { renderer, options } = rendererOptions(big);
  const extra = bigStyle(renderer);
  let inert = false;
  let current = style;
  const withExtra = (s: StylesheetJson): StylesheetJson => [...s, ...extra, ...(inert ? inertEdges : [])];
  const cy = cytoscape({ container, style: withExtra(style), boxSelectionEnabled: false, selectionType: 'single', wheelSensitivity: 0.3, minZoom: 0.02, maxZoom: 6, ...options });
  if (renderer === 'webgl') restoreCanvasLayers(cy);
  container.dataset['renderer'] = renderer;
  cy.on('tap', (e) => events.onSelect(e.target === cy ? null : (e.target.id() as string)));
  cy.on('mouseover', 'node, edge', (e) => {
    const pos = e.target.isNode() ? e.target.renderedPosition() : e.target.renderedMidpoint();
    events.onHover({ id: e.target.id() as string, x: pos.x, y: pos.y });
  });
  cy.on('mouseout', 'node, edge', () => events.onHover(null));
  cy.on('viewport', () => events.onHover(null));

  // The container's size settles after mount (panels, fonts) and changes with the window: keep the
  // canvas matched, and re-fit until the user pans or zooms.
  let autoFit = true;
  const userMoved = () => {
    autoFit = false;
  };
  container.addEventListener('wheel', userMoved, { passive: true });
  container.addEventListener('pointerdown', userMoved);
  let destroyed = false;
  const resize = new ResizeObserver(() => {
    if (destroyed) return;
    cy.resize();
    if (autoFit) fitView(cy, big);
  });
  resize.observe(container);

  let running: cytoscape.Layouts | null = null;
  let force: ReturnType<typeof forceInWorker> | null = null;
  const stopAll = () => {
    running?.stop();
    running = null;
    if (force) {
      force.stop();
      force = null;
      events.onLayoutRunning?.(false);
    }
    cy.stop(true, false);
    cy.elements().stop(true, false);
  };
  const run = (name: LayoutName, root: string | null) => {
    autoFit = true;
    stopAll();
    cy.elements('.hidden').removeClass('hidden'); // a new layout places everything
    // cose is quadratic and synchronous (seconds at a thousand nodes): from FORCE_IN_WORKER nodes the
    // force layout runs in a worker, over a grid meanwhile.
    if ((name === 'grid' && (big || cy.elements().length > MANY)) || (name === 'cose' && (big || cy.nodes().length > FORCE_IN_WORKER))) {
      cy.batch(() => gridPositions(cy.nodes()));
      fitView(cy, big);
      if (name === 'grid') return;
      const job = forceInWorker(cy);
      force = job;
      events.onLayoutRunning?.(true);
      void job.done.then((positions) => {
        if (destroyed || force !== job) return;
        force = null;
        events.onLayoutRunning?.(false);
        if (!positions) return;
        cy.batch(() => cy.nodes().positions((n) => positions.get(n.id()) ?? n.position()));
        if (autoFit) fitView(cy, big);
      });
      return;
    }
    running = cy.layout(layoutOptions(cy, name, root));
    running.run();
    fitView(cy, big);
  };

  return {
    renderer,
    setElements(elements, layout, root) {
      // User Timing marks (graph:add, graph:layout): how long a big graph keeps the page busy (the bench reads them).
      const t0 = performance.now();
      const manyEdges = elements.reduce((n, e) => n + (e.group === 'edges' ? 1 : 0), 0) > INERT_EDGES;
      if (manyEdges !== inert) {
        inert = manyEdges;
        cy.style(withExtra(current));
      }
      cy.batch(() => {
        cy.elements().remove();
        cy.add(elements);
      });
      const t1 = performance.now();
      performance.measure('graph:add', { start: t0, end: t1 });
      run(layout, root);
      performance.measure('graph:layout', { start: t1, end: performance.now() });
    },
    setStyle(next) {
      current = next;
      cy.style(withExtra(next));
    },
    layout: run,
    fit() {
      fitView(cy, big);
    },
    select(id) {
      cy.elements(':selected').unselect();
      if (id === null) return;
      const el = cy.getElementById(id);
      if (el.nonempty()) {
        el.select();
        // Chosen from the list while out of sight: bring it into view (a click needs no move).
        const at = el.isNode() ? el.renderedPosition() : null;
        if (at && (at.x < 0 || at.y < 0 || at.x > cy.width() || at.y > cy.height())) cy.animate({ center: { eles: el } }, { duration: 200 });
      }
    },
    focus(id) {
      const el = cy.getElementById(id);
      if (el.empty()) return;
      const hood = el.isNode() ? el.closedNeighborhood() : cy.getElementById(id).edges().union(cy.getElementById(id).edges().connectedNodes());
      cy.batch(() => {
        cy.elements().addClass('faded');
        hood.removeClass('faded');
      });
      cy.fit(hood, 40);
    },
    hide(id) {
      cy.getElementById(id).addClass('hidden');
    },
    showAll() {
      cy.elements().removeClass('hidden faded');
      fitView(cy, big);
    },
    hiddenCount: () => cy.nodes('.hidden').length,
    png: (bg) => cy.png({ output: 'blob-promise', bg, full: true, scale: 2, maxWidth: 8000, maxHeight: 8000 }),
    // JPEG has no transparency: the background is always painted (the reference exported PNG data here).
    jpg: (bg) => cy.jpg({ output: 'blob-promise', bg, full: true, scale: 2, quality: 0.92, maxWidth: 8000, maxHeight: 8000 }),
    scene(p, o) {
      const nodes: SceneNode[] = cy.nodes(':visible').map((n) => {
        const d = n.data() as GraphNode & { rank: number };
        const pos = n.position();
        const colours = nodeColours(p, d.kind, d.admin, d.flagged);
        const border = o.diff && d.side ? p.diff[d.side] : d.root ? p.root : colours.border;
        return { id: d.id, label: d.label, x: pos.x, y: pos.y, width: n.width(), height: n.height(), shape: nodeShape(d.kind, d.flagged), colours: { ...colours, border }, borderWidth: o.diff && d.side && d.side !== 'both' ? 5 : 3, fontSize: nodeFont(d.kind) };
      });
      const edges: SceneEdge[] = cy.edges(':visible').map((e) => {
        const d = e.data() as GraphEdge;
        const line = o.diff && d.side ? p.diff[d.side] : p.edgeLine;
        return { id: d.id, label: d.label, source: d.source, target: d.target, line, labelColour: p.edgeLabel, width: o.diff && d.side !== 'both' ? 3 : 2 };
      });
      return { nodes, edges, background: p.background };
    },
    destroy() {
      // Animated layouts and observers call back into Cytoscape later: stop them first.
      destroyed = true;
      stopAll();
      resize.disconnect();
      container.removeEventListener('wheel', userMoved);
      container.removeEventListener('pointerdown', userMoved);
      cy.destroy();
    },
  };
}
