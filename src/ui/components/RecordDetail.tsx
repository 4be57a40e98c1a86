import type { RecordRow } from '../../core/evtx';
import type { OpenedFile } from '../../engine';
import { hex } from '../format';
import type { DetailState } from '../state/store';

interface Props {
  detail: DetailState | null;
  row: RecordRow | null;
  file: OpenedFile | null;
}

/** The selected record's raw JSON and XML, shown as text. */
export function RecordDetail({ detail, row, file }: Props) {
  if (!detail || !row) {
    return (
      <aside className="detail detail-empty" aria-label="Record detail">
        <p>Select a record (click it, or use the arrow keys and Enter) to see its JSON and XML.</p>
      </aside>
    );
  }
  const where = file?.kind === 'xml' ? `${file.name} · offset ${hex(row.offset)}` : `${file?.name ?? ''} · chunk ${row.chunk} · offset ${hex(row.offset)}`;
  return (
    <aside className="detail" aria-label="Record detail" aria-busy={detail.status === 'loading'} data-testid="record-detail">
      <h2>
        Record {row.recordId} <small>{where}</small>
      </h2>
      {detail.status === 'loading' && <p>Loading…</p>}
      {detail.status === 'error' && (
        <p role="alert" className="error" data-testid="detail-error">
          {detail.message}
        </p>
      )}
      {detail.status === 'ready' && (
        <>
          <h3>JSON</h3>
          <pre data-testid="record-json">{detail.json}</pre>
          <h3>XML</h3>
          <pre data-testid="record-xml">{detail.xml || 'No XML for this record.'}</pre>
        </>
      )}
    </aside>
  );
}
