import { useState } from 'react';
import { formatShifted } from '../../core/logon';
import type { ViewEdge } from '../../core/case/views';
import type { CaseClient, } from '../cases/case-client';
import type { RawRecord } from '../../../workers/case-api';
import { formatCount } from '../format';
import { EVENT_TITLES } from './graph-model';
import { useLoad } from '../analysis/use-load';
import { useT } from '../i18n/i18n';

const ROWS = 200;

function RawRecordView({ client, source, recordId }: { client: CaseClient; source: string; recordId: number }) {
  const raw = useLoad<RawRecord>(() => client.rawRecord(source, recordId), `${source}\u0000${recordId}`);
  const t = useT();
  if (raw.status === 'loading') return <p className="muted" role="status">{t('graph.edge.reading', { id: recordId, file: source })}</p>;
  if (raw.status === 'failed') return <p role="alert" className="notice notice-error">{raw.error}</p>;
  if (!raw.value.available) return <p className="notice" data-testid="raw-unavailable">{raw.value.reason}</p>;
  return (
    <pre className="raw-record" data-testid="raw-record" tabIndex={0} aria-label={t('graph.edge.record', { id: recordId })}>
      {raw.value.text}
    </pre>
  );
}

/** An edge's aggregation key and the events behind it (time, record id, file), with the raw record on demand. */
export function EdgeDetails({ client, edge, names }: { client: CaseClient; edge: ViewEdge; names: Map<string, string> }) {
  const [raw, setRaw] = useState<{ source: string; recordId: number } | null>(null);
  const events = useLoad(() => (edge.edge >= 0 ? client.edgeEvents(edge.edge, ROWS) : Promise.resolve(null)), `${edge.edge}`);
  const t = useT();
  const title = edge.kind === 'domain' ? t('graph.edge.domain') : edge.kind === 'policy' ? t('graph.edge.policy') : (EVENT_TITLES[edge.eventId ?? 0] ? t(EVENT_TITLES[edge.eventId ?? 0]!) : t('graph.event.other', { id: String(edge.eventId) }));
  return (
    <section className="graph-edge-details" aria-label={t('graph.edge.details')} data-testid="edge-details">
      <h3>{title}</h3>
      <table className="detail-props">
        <tbody>
          <tr>
            <th scope="row">{t('graph.edge.from')}</th>
            <td>{names.get(edge.source) ?? edge.source}</td>
          </tr>
          <tr>
            <th scope="row">{t('graph.edge.to')}</th>
            <td>{names.get(edge.target) ?? edge.target}</td>
          </tr>
          {edge.kind === 'logon' && (
            <>
              <tr>
                <th scope="row">{t('graph.edge.eventId')}</th>
                <td>{edge.eventId}</td>
              </tr>
              <tr>
                <th scope="row">{t('graph.edge.logonType')}</th>
                <td>{edge.logonType}</td>
              </tr>
              <tr>
                <th scope="row">{t('graph.edge.status')}</th>
                <td>{edge.status ?? '–'}</td>
              </tr>
              <tr>
                <th scope="row">{t('graph.edge.package')}</th>
                <td>{edge.authPackage ?? '–'}</td>
              </tr>
              <tr>
                <th scope="row">{t('graph.edge.inWindow')}</th>
                <td>{formatCount(edge.count)}</td>
              </tr>
            </>
          )}
        </tbody>
      </table>
      {edge.edge < 0 ? null : events.status === 'loading' ? (
        <p className="muted" role="status">{t('graph.edge.loading')}</p>
      ) : events.status === 'failed' ? (
        <p role="alert" className="notice notice-error">{events.error}</p>
      ) : (
        events.value && (
          <>
            <h4>
              {t('graph.edge.events')} <span className="muted">{t('graph.edge.eventsCount', { total: formatCount(events.value.total), first: events.value.total > events.value.rows.length ? t('graph.edge.eventsFirst', { count: formatCount(events.value.rows.length) }) : '' })}</span>
            </h4>
            <div className="detail-scroll">
              <table className="detail-table" data-testid="edge-events">
                <thead>
                  <tr>
                    <th scope="col">{t('graph.edge.col.time')}</th>
                    <th scope="col">{t('graph.edge.col.id')}</th>
                    <th scope="col">{t('graph.edge.col.type')}</th>
                    <th scope="col">{t('graph.edge.col.record')}</th>
                    <th scope="col">{t('graph.edge.col.file')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('graph.edge.col.raw')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {events.value.rows.map((r, i) => (
                    <tr key={i} aria-selected={raw?.recordId === r.recordId && raw?.source === r.source}>
                      <td>{formatShifted(r.time)}</td>
                      <td>{r.eventId}</td>
                      <td>{r.logonType}</td>
                      <td>{r.recordId ?? '–'}</td>
                      <td>{r.source}</td>
                      <td>
                        {r.recordId !== null && (
                          <button type="button" onClick={() => setRaw({ source: r.source, recordId: r.recordId! })} aria-label={t('graph.edge.showRaw', { id: r.recordId })} data-testid="edge-event-raw">
                            {t('graph.edge.raw')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )
      )}
      {raw && <RawRecordView client={client} source={raw.source} recordId={raw.recordId} />}
    </section>
  );
}
