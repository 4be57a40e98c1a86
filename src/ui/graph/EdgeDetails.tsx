import { useState } from 'react';
import { formatShifted } from '../../core/logon';
import type { ViewEdge } from '../../core/case/views';
import type { CaseClient, } from '../cases/case-client';
import type { RawRecord } from '../../../workers/case-api';
import { formatCount } from '../format';
import { EVENT_TITLES } from './graph-model';
import { useLoad } from '../analysis/use-load';

const ROWS = 200;

function RawRecordView({ client, source, recordId }: { client: CaseClient; source: string; recordId: number }) {
  const raw = useLoad<RawRecord>(() => client.rawRecord(source, recordId), `${source}\u0000${recordId}`);
  if (raw.status === 'loading') return <p className="muted" role="status">Reading record {recordId} from {source}…</p>;
  if (raw.status === 'failed') return <p role="alert" className="notice notice-error">{raw.error}</p>;
  if (!raw.value.available) return <p className="notice" data-testid="raw-unavailable">{raw.value.reason}</p>;
  return (
    <pre className="raw-record" data-testid="raw-record" tabIndex={0} aria-label={`Record ${recordId}`}>
      {raw.value.text}
    </pre>
  );
}

/** An edge's aggregation key and the events behind it (time, record id, file), with the raw record on demand. */
export function EdgeDetails({ client, edge, names }: { client: CaseClient; edge: ViewEdge; names: Map<string, string> }) {
  const [raw, setRaw] = useState<{ source: string; recordId: number } | null>(null);
  const events = useLoad(() => (edge.edge >= 0 ? client.edgeEvents(edge.edge, ROWS) : Promise.resolve(null)), `${edge.edge}`);
  const title = edge.kind === 'domain' ? 'Domain membership' : edge.kind === 'policy' ? 'Audit policy change' : (EVENT_TITLES[edge.eventId ?? 0] ?? `Event ${edge.eventId}`);
  return (
    <section className="graph-edge-details" aria-label="Edge details" data-testid="edge-details">
      <h3>{title}</h3>
      <table className="detail-props">
        <tbody>
          <tr>
            <th scope="row">From</th>
            <td>{names.get(edge.source) ?? edge.source}</td>
          </tr>
          <tr>
            <th scope="row">To</th>
            <td>{names.get(edge.target) ?? edge.target}</td>
          </tr>
          {edge.kind === 'logon' && (
            <>
              <tr>
                <th scope="row">Event id</th>
                <td>{edge.eventId}</td>
              </tr>
              <tr>
                <th scope="row">Logon type</th>
                <td>{edge.logonType}</td>
              </tr>
              <tr>
                <th scope="row">Status</th>
                <td>{edge.status ?? '–'}</td>
              </tr>
              <tr>
                <th scope="row">Package</th>
                <td>{edge.authPackage ?? '–'}</td>
              </tr>
              <tr>
                <th scope="row">Events in window</th>
                <td>{formatCount(edge.count)}</td>
              </tr>
            </>
          )}
        </tbody>
      </table>
      {edge.edge < 0 ? null : events.status === 'loading' ? (
        <p className="muted" role="status">Loading events…</p>
      ) : events.status === 'failed' ? (
        <p role="alert" className="notice notice-error">{events.error}</p>
      ) : (
        events.value && (
          <>
            <h4>
              Events <span className="muted">({formatCount(events.value.total)} in the case{events.value.total > events.value.rows.length ? `, first ${events.value.rows.length}` : ''})</span>
            </h4>
            <div className="detail-scroll">
              <table className="detail-table" data-testid="edge-events">
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    <th scope="col">Id</th>
                    <th scope="col">Type</th>
                    <th scope="col">Record</th>
                    <th scope="col">File</th>
                    <th scope="col">
                      <span className="visually-hidden">Raw record</span>
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
                          <button type="button" onClick={() => setRaw({ source: r.source, recordId: r.recordId! })} aria-label={`Show raw record ${r.recordId}`} data-testid="edge-event-raw">
                            Raw
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
