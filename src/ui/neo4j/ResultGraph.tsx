import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { useEffect, useRef } from 'react';
import type { ConsoleGraph, PlainNode, PlainValue } from '../../core/neo4j/plain';
import { formatCount } from '../format';
import { useT } from '../i18n/i18n';

/** Drawn at most; a console query can return far more. */
export const MAX_GRAPH_NODES = 500;

// Cytoscape prepends an inline <style> unless an element with this id exists; the CSP refuses
// inline styles, so an inert placeholder takes the id first (as src/ui/graph does) and neo4j.css
// carries the one rule Cytoscape wanted.
const CYTOSCAPE_STYLESHEET_ID = '__________cytoscape_stylesheet';
function claimStylesheetSlot(): void {
  if (document.getElementById(CYTOSCAPE_STYLESHEET_ID)) return;
  const placeholder = document.createElement('meta');
  placeholder.id = CYTOSCAPE_STYLESHEET_ID;
  document.head.append(placeholder);
}

const NAME_KEYS = ['user', 'IP', 'domain', 'name', 'id', 'date'];

function text(v: PlainValue | undefined): string {
  return v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** A node's caption: LogonTracer's key property for its label, else a usual name property. */
export function nodeCaption(n: PlainNode): string {
  for (const k of NAME_KEYS) if (n.properties[k] !== undefined) return text(n.properties[k]);
  return n.labels[0] ?? n.id;
}

const COLOURS: Record<string, string> = { Username: '#2563eb', IPAddress: '#dc2626', Domain: '#16a34a', ID: '#9333ea', Date: '#64748b', Deletetime: '#ea580c' };

/** The nodes and relationships of a console result as a small Cytoscape graph (labels are canvas text). */
export function ResultGraph({ graph }: { graph: ConsoleGraph }) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  useEffect(() => {
    if (!box.current) return;
    claimStylesheetSlot();
    const nodes = graph.nodes.slice(0, MAX_GRAPH_NODES);
    const ids = new Set(nodes.map((n) => n.id));
    const elements: ElementDefinition[] = [
      ...nodes.map((n) => ({ group: 'nodes' as const, data: { id: `n${n.id}`, label: nodeCaption(n), colour: COLOURS[n.labels[0] ?? ''] ?? '#475569' } })),
      ...graph.relationships
        .filter((r) => ids.has(r.start) && ids.has(r.end))
        .map((r) => ({
          group: 'edges' as const,
          data: { id: `r${r.id}`, source: `n${r.start}`, target: `n${r.end}`, label: r.type === 'Event' ? `${text(r.properties.id)}${r.properties.count !== undefined ? ` ×${text(r.properties.count)}` : ''}` : r.type },
        })),
    ];
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    cy.current = cytoscape({
      container: box.current,
      elements,
      style: [
        { selector: 'node', style: { label: 'data(label)', 'background-color': 'data(colour)', width: 18, height: 18, 'font-size': 10, color: dark ? '#e3e7ec' : '#1b1f24', 'text-valign': 'bottom', 'text-margin-y': 3 } },
        { selector: 'edge', style: { label: 'data(label)', width: 1.5, 'font-size': 8, 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'line-color': '#94a3b8', 'target-arrow-color': '#94a3b8', color: dark ? '#9aa4b1' : '#5b6470' } },
      ],
      layout: { name: elements.length > 1 ? 'cose' : 'grid', animate: false },
      wheelSensitivity: 0.3,
    });
    return () => {
      cy.current?.destroy();
      cy.current = null;
    };
  }, [graph]);
  return (
    <div className="neo4j-graph-wrap">
      <div ref={box} className="neo4j-graph" data-testid="console-graph" data-nodes={Math.min(graph.nodes.length, MAX_GRAPH_NODES)} data-edges={graph.relationships.length} />
      {graph.nodes.length > MAX_GRAPH_NODES && <p className="muted">{t('neo4j.graphCut', { max: formatCount(MAX_GRAPH_NODES), count: formatCount(graph.nodes.length) })}</p>}
    </div>
  );
}
