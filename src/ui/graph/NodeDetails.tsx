import { formatShifted } from '../../core/logon';
import type { SearchTerm } from '../../core/case/views';
import type { CaseClient } from '../cases/case-client';
import { formatCount } from '../format';
import { useLoad } from '../analysis/use-load';
import { type MessageKey, useT } from '../i18n/i18n';
import { en } from '../i18n/messages';

const MAX_ROWS = 50;
const fixed = (n: number | null, digits = 4) => (n === null ? '–' : n.toFixed(digits));
/** The worker's English words (property labels, a few values, detection kinds) by key when this build has one; else as sent. */
const word = (t: (k: MessageKey) => string, key: string, fallback: string) => (Object.hasOwn(en, key) ? t(key as MessageKey) : fallback);

/** A node's properties, ranks, ChangeFinder/HMM results and detections (§6.5 tooltips, expanded). */
export function NodeDetails({ client, id, onSearch, onFocus, onHide }: { client: CaseClient; id: string; onSearch(t: SearchTerm): void; onFocus(): void; onHide(): void }) {
  const info = useLoad(() => client.nodeInfo(id), id);
  const t = useT();
  if (info.status === 'loading') return <p className="muted" role="status">{t('graph.node.loading')}</p>;
  if (info.status === 'failed') return <p role="alert" className="notice notice-error">{info.error}</p>;
  const n = info.value;
  if (!n) return <p className="muted">{t('graph.node.gone')}</p>;
  return (
    <section className="graph-node-details" aria-label={t('graph.node.details')} data-testid="node-details" data-node-id={n.id}>
      <h3>
        <span className="detail-kind">{t(`graph.kind.${n.kind}`)}</span> <span data-testid="node-name">{n.name}</span>
      </h3>
      <div className="detail-actions">
        {(n.kind === 'account' || n.kind === 'host') && (
          <button type="button" onClick={() => onSearch({ field: n.kind === 'account' ? 'account' : 'host', value: n.name, join: 'and' })}>
            {t('graph.node.searchFrom')}
          </button>
        )}
        <button type="button" onClick={onFocus}>
          {t('graph.node.focus')}
        </button>
        <button type="button" onClick={onHide}>
          {t('graph.node.hide')}
        </button>
      </div>
      <table className="detail-props">
        <tbody>
          {n.properties.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{word(t, `graph.prop.${k}`, k)}</th>
              <td>{word(t, `graph.value.${k}.${v}`, v)}</td>
            </tr>
          ))}
          {n.rank !== null && (
            <tr>
              <th scope="row">{t('graph.node.rank')}</th>
              <td data-testid="node-rank">{fixed(n.rank)}</td>
            </tr>
          )}
          {n.standardRank !== null && (
            <tr>
              <th scope="row">{t('graph.node.stdRank')}</th>
              <td>{fixed(n.standardRank, 6)}</td>
            </tr>
          )}
          {n.changeFinderMax !== null && (
            <tr>
              <th scope="row">{t('graph.node.cf')}</th>
              <td data-testid="node-changefinder">{fixed(n.changeFinderMax, 2)}</td>
            </tr>
          )}
          {n.hmm !== null && (
            <tr>
              <th scope="row">{t('graph.node.hmm')}</th>
              <td data-testid="node-hmm">{n.hmm ? t('graph.node.flagged') : t('graph.node.no')}</td>
            </tr>
          )}
        </tbody>
      </table>
      {(n.kind === 'account' || n.kind === 'host') && (
        <>
          <h4>
            {t('graph.node.detections')} <span className="muted">({formatCount(n.detectionsTotal)})</span>
          </h4>
          {n.detections.length === 0 ? (
            <p className="muted">{t('common.none')}</p>
          ) : (
            <table className="detail-table" data-testid="node-detections">
              <thead>
                <tr>
                  <th scope="col">{t('graph.node.col.kind')}</th>
                  <th scope="col">{t('graph.node.col.time')}</th>
                  <th scope="col">{t('graph.node.col.events')}</th>
                  <th scope="col">{t('graph.node.col.details')}</th>
                </tr>
              </thead>
              <tbody>
                {n.detections.slice(0, MAX_ROWS).map((d, i) => (
                  <tr key={i}>
                    <td>{word(t, `kind.${d.kind}`, d.kind)}</td>
                    <td>{formatShifted(d.time)}</td>
                    <td>{formatCount(d.count)}</td>
                    <td>{Object.entries(d.details).map(([k, v]) => `${k}: ${v}`).join('; ') || (d.host && d.account ? `${d.account} @ ${d.host}` : '')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {n.detectionsTotal > MAX_ROWS && <p className="muted">{t('graph.node.firstShown', { count: formatCount(MAX_ROWS) })}</p>}
        </>
      )}
    </section>
  );
}
