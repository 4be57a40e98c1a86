import { formatShifted } from '../../core/logon';
import type { SearchTerm } from '../../core/case/views';
import type { CaseClient } from '../cases/case-client';
import { formatCount } from '../format';
import { useLoad } from '../analysis/use-load';

const MAX_ROWS = 50;
const fixed = (n: number | null, digits = 4) => (n === null ? '–' : n.toFixed(digits));

/** A node's properties, ranks, ChangeFinder/HMM results and detections (§6.5 tooltips, expanded). */
export function NodeDetails({ client, id, onSearch, onFocus, onHide }: { client: CaseClient; id: string; onSearch(t: SearchTerm): void; onFocus(): void; onHide(): void }) {
  const info = useLoad(() => client.nodeInfo(id), id);
  if (info.status === 'loading') return <p className="muted" role="status">Loading node…</p>;
  if (info.status === 'failed') return <p role="alert" className="notice notice-error">{info.error}</p>;
  const n = info.value;
  if (!n) return <p className="muted">This node is not in the case any more.</p>;
  return (
    <section className="graph-node-details" aria-label="Node details" data-testid="node-details" data-node-id={n.id}>
      <h3>
        <span className="detail-kind">{n.kind}</span> <span data-testid="node-name">{n.name}</span>
      </h3>
      <div className="detail-actions">
        {(n.kind === 'account' || n.kind === 'host') && (
          <button type="button" onClick={() => onSearch({ field: n.kind === 'account' ? 'account' : 'host', value: n.name, join: 'and' })}>
            Search from this node
          </button>
        )}
        <button type="button" onClick={onFocus}>
          Focus
        </button>
        <button type="button" onClick={onHide}>
          Hide
        </button>
      </div>
      <table className="detail-props">
        <tbody>
          {n.properties.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>{v}</td>
            </tr>
          ))}
          {n.rank !== null && (
            <tr>
              <th scope="row">LogonTracer rank</th>
              <td data-testid="node-rank">{fixed(n.rank)}</td>
            </tr>
          )}
          {n.standardRank !== null && (
            <tr>
              <th scope="row">Standard PageRank</th>
              <td>{fixed(n.standardRank, 6)}</td>
            </tr>
          )}
          {n.changeFinderMax !== null && (
            <tr>
              <th scope="row">ChangeFinder max</th>
              <td data-testid="node-changefinder">{fixed(n.changeFinderMax, 2)}</td>
            </tr>
          )}
          {n.hmm !== null && (
            <tr>
              <th scope="row">HMM flag</th>
              <td data-testid="node-hmm">{n.hmm ? 'flagged' : 'no'}</td>
            </tr>
          )}
        </tbody>
      </table>
      {(n.kind === 'account' || n.kind === 'host') && (
        <>
          <h4>
            Detections <span className="muted">({formatCount(n.detectionsTotal)})</span>
          </h4>
          {n.detections.length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <table className="detail-table" data-testid="node-detections">
              <thead>
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col">Time</th>
                  <th scope="col">Events</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {n.detections.slice(0, MAX_ROWS).map((d, i) => (
                  <tr key={i}>
                    <td>{d.kind}</td>
                    <td>{formatShifted(d.time)}</td>
                    <td>{formatCount(d.count)}</td>
                    <td>{Object.entries(d.details).map(([k, v]) => `${k}: ${v}`).join('; ') || (d.host && d.account ? `${d.account} @ ${d.host}` : '')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {n.detectionsTotal > MAX_ROWS && <p className="muted">First {MAX_ROWS} shown; the Detections view lists them all.</p>}
        </>
      )}
    </section>
  );
}
