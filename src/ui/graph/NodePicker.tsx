import { useId } from 'react';
import type { GraphNode } from './cy';

/** Selecting a node without a pointer: every drawn node in a list (the canvas itself is not focusable). */
export function NodePicker({ nodes, selected, onSelect }: { nodes: GraphNode[]; selected: string | null; onSelect(id: string | null): void }) {
  const id = useId();
  const sorted = [...nodes].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return (
    <div className="graph-node-picker">
      <label htmlFor={id}>Select node</label>{' '}
      <select id={id} value={selected !== null && nodes.some((n) => n.id === selected) ? selected : ''} onChange={(e) => onSelect(e.target.value || null)} data-testid="graph-node-picker">
        <option value="">(none)</option>
        {sorted.map((n) => (
          <option key={n.id} value={n.id}>
            {n.label} — {n.kind}
          </option>
        ))}
      </select>
    </div>
  );
}
