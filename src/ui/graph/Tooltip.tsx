import { useT } from '../i18n/i18n';
import { formatCount } from '../format';
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
            {t(node.kind === 'account' ? (node.admin ? 'graph.tip.admin' : 'graph.tip.account') : node.kind === 'host' ? 'graph.tip.host' : node.kind === 'domain' ? 'graph.tip.domain' : 'graph.tip.policy')}
            {node.flagged ? t('graph.tip.hasStatus') : ''}
          </div>
          {node.rank !== null && <div>{t('graph.tip.rank', { rank: node.rank.toFixed(3) })}</div>}
        </>
      )}
      {edge && (
        <>
          <strong>{edge.kind === 'domain' ? t('graph.tip.domainGroup') : edge.kind === 'policy' ? t('graph.tip.policy') : (EVENT_TITLES[edge.eventId ?? 0] ? t(EVENT_TITLES[edge.eventId ?? 0]!) : String(edge.eventId))}</strong>
          <div>
            {names.get(edge.source) ?? edge.source} → {names.get(edge.target) ?? edge.target}
          </div>
          {edge.kind === 'logon' && (
            <div>
              {t('graph.tip.logon', { count: formatCount(edge.count), type: edge.logonType ?? '', package: edge.authPackage ?? t('graph.tip.noPackage') })}
              {edge.status ? t('graph.tip.status', { status: edge.status }) : ''}
            </div>
          )}
        </>
      )}
    </div>
  );
}
