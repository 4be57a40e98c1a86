import { memo, useId, useMemo } from 'react';
import type { GraphNode } from './cy';
import { useT } from '../i18n/i18n';

/**
 * Selecting a node without a pointer: every drawn node in a list (the canvas itself is not focusable).
 * Memoised: a big graph's list (10,000 options) is not rebuilt when only the hover changes.
 */
export const NodePicker = memo(function NodePicker({ nodes, selected, onSelect }: { nodes: GraphNode[]; selected: string | null; onSelect(id: string | null): void }) {
  const t = useT();
  const id = useId();
  const sorted = useMemo(() => [...nodes].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)), [nodes]);
  const ids = useMemo(() => new Set(nodes.map((n) => n.id)), [nodes]);
  return (
    <div className="graph-node-picker">
      <label htmlFor={id}>{t('graph.pick')}</label>{' '}
      <select id={id} value={selected !== null && ids.has(selected) ? selected : ''} onChange={(e) => onSelect(e.target.value || null)} data-testid="graph-node-picker">
        <option value="">{t('graph.pickNone')}</option>
        {sorted.map((n) => (
          <option key={n.id} value={n.id}>
            {n.label} — {t(`graph.kind.${n.kind}`)}
          </option>
        ))}
      </select>
    </div>
  );
});
