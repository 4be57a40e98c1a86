import { memo, useId, useMemo, useState } from 'react';
import type { GraphNode } from './cy';
import { useT } from '../i18n/i18n';

/**
 * Above this many nodes the options are made when the list is first used (focus or press): 10,000
 * options cost the opening of a big graph several hundred milliseconds of DOM work otherwise.
 */
const LAZY_OPTIONS = 2000;

/**
 * Selecting a node without a pointer: every drawn node in a list (the canvas itself is not focusable).
 * Memoised: a big graph's list (10,000 options) is not rebuilt when only the hover changes.
 */
export const NodePicker = memo(function NodePicker({ nodes, selected, onSelect }: { nodes: GraphNode[]; selected: string | null; onSelect(id: string | null): void }) {
  const t = useT();
  const id = useId();
  const [wanted, setWanted] = useState(false);
  const all = wanted || nodes.length <= LAZY_OPTIONS;
  const sorted = useMemo(() => (all ? [...nodes].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)) : []), [nodes, all]);
  const current = useMemo(() => nodes.find((n) => n.id === selected) ?? null, [nodes, selected]);
  const shown = all ? sorted : current ? [current] : [];
  return (
    <div className="graph-node-picker">
      <label htmlFor={id}>{t('graph.pick')}</label>{' '}
      <select
        id={id}
        value={current ? current.id : ''}
        onChange={(e) => onSelect(e.target.value || null)}
        onFocus={() => setWanted(true)}
        onPointerDown={() => setWanted(true)}
        data-testid="graph-node-picker"
      >
        <option value="">{t('graph.pickNone')}</option>
        {shown.map((n) => (
          <option key={n.id} value={n.id}>
            {n.label} — {t(`graph.kind.${n.kind}`)}
          </option>
        ))}
      </select>
    </div>
  );
});
