import type { RecordRow } from '../../core/evtx';
import type { OpenedFile } from '../../engine';
import { hex } from '../format';
import type { DetailState } from '../state/store';
import { useT } from '../i18n/i18n';

interface Props {
  detail: DetailState | null;
  row: RecordRow | null;
  file: OpenedFile | null;
}

/** The selected record's raw JSON and XML, shown as text. */
export function RecordDetail({ detail, row, file }: Props) {
  const t = useT();
  if (!detail || !row) {
    return (
      <aside className="detail detail-empty" aria-label={t('record.label')}>
        <p>{t('record.hint')}</p>
      </aside>
    );
  }
  const where = file?.kind === 'xml' ? t('record.whereXml', { file: file.name, offset: hex(row.offset) }) : t('record.where', { file: file?.name ?? '', chunk: row.chunk, offset: hex(row.offset) });
  return (
    <aside className="detail" aria-label={t('record.label')} aria-busy={detail.status === 'loading'} data-testid="record-detail">
      <h2>
        {t('record.title', { id: row.recordId })} <small>{where}</small>
      </h2>
      {detail.status === 'loading' && <p>{t('common.loading')}</p>}
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
          <pre data-testid="record-xml">{detail.xml || t('record.noXml')}</pre>
        </>
      )}
    </aside>
  );
}
