import { useT } from '../i18n/i18n';
import type { ViewEdge } from '../../core/case/views';
import type { GraphNode } from './cy';
import { EVENT_TITLES } from './graph-model';
import type { Hover } from './GraphCanvas';

/** The hover card (the reference's qTip, §6.5), as React text: names are never markup. */
export function Tooltip({ hover, node, edge, names }: { hover: Hover; node?: GraphNode; edge?: ViewEdge; names: Map<string, string> }) {
  const t = useT();
  if (!node && !edge) return null;
  return (
    <div className="graph-tooltip" role="tooltip" style={{ left: hover.x + 12, top: hover.y + 12 }}>
      {node && (
        <>
          <strong>{node.label}</strong>
          {node.group !== undefined && <div>{t('graph.groupTip')}</div>}
          <div>
            {node.kind === 'account' ? (node.admin ? 'Account, SYSTEM privileges' : 'Account') : node.kind === 'host' ? 'Host' : node.kind === 'domain' ? 'Domain' : 'Audit policy change'}
            {node.flagged ? ', has status' : ''}
          </div>
          {node.rank !== null && <div>Rank {node.rank.toFixed(3)}</div>}
        </>
      )}
      {edge && (
        <>
          <strong>{edge.kind === 'domain' ? 'Domain group' : edge.kind === 'policy' ? 'Audit policy change' : (EVENT_TITLES[edge.eventId ?? 0] ?? String(edge.eventId))}</strong>
          <div>
            {names.get(edge.source) ?? edge.source} → {names.get(edge.target) ?? edge.target}
          </div>
          {edge.kind === 'logon' && (
            <div>
              Count {edge.count}, type {edge.logonType}, {edge.authPackage ?? 'no package'}
              {edge.status ? `, status ${edge.status}` : ''}
            </div>
          )}
        </>
      )}
    </div>
  );
}
