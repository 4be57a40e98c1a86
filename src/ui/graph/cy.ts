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
}

export interface GraphHandle {
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

/** Most zoom a fit may give: a graph of three nodes should not fill the screen with one label. */
const MAX_FIT_ZOOM = 1.6;

function fitView(cy: Core): void {
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

export function mountGraph(container: HTMLElement, style: StylesheetJson, events: GraphEvents): GraphHandle {
  claimStylesheetSlot();
  const cy = cytoscape({ container, style, boxSelectionEnabled: false, selectionType: 'single', wheelSensitivity: 0.3, minZoom: 0.05, maxZoom: 6 });
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
    if (autoFit) fitView(cy);
  });
  resize.observe(container);

  let running: cytoscape.Layouts | null = null;
  const stopAll = () => {
    running?.stop();
    running = null;
    cy.stop(true, false);
    cy.elements().stop(true, false);
  };
  const run = (name: LayoutName, root: string | null) => {
    autoFit = true;
    stopAll();
    cy.elements('.hidden').removeClass('hidden'); // a new layout places everything
    running = cy.layout(layoutOptions(cy, name, root));
    running.run();
    fitView(cy);
  };

  return {
    setElements(elements, layout, root) {
      cy.batch(() => {
        cy.elements().remove();
        cy.add(elements);
      });
      run(layout, root);
    },
    setStyle(next) {
      cy.style(next);
    },
    layout: run,
    fit() {
      fitView(cy);
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
      fitView(cy);
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
