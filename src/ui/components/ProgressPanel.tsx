import type { ParseProgress } from '../../engine';
import { formatBytes, formatCount, percent } from '../format';
import { useT } from '../i18n/i18n';
import type { ParseStatus } from '../state/store';

interface Props {
  status: ParseStatus;
  progress: ParseProgress | null;
  error: string;
  onCancel(): void;
}

/** Bytes, records and records/s of the running parse, with its Cancel button. */
export function ProgressPanel({ status, progress, error, onCancel }: Props) {
  const t = useT();
  const p = progress;
  const pct = p ? percent(p.bytesDone, p.bytesTotal) : 0;
  return (
    <section className={`progress-panel status-${status}`} aria-label={t('parse.label')}>
      <p className="status" data-testid="status" data-status={status} role="status">
        {t(`parse.${status}`)} {status === 'failed' && error}
      </p>
      {p && (
        <div className="progress-line">
          <progress max={100} value={pct} aria-label={t('parse.bytes')} data-testid="progress" data-percent={pct} />
          <span data-testid="progress-text">
            {t('import.text', { percent: pct, done: formatBytes(p.bytesDone), total: formatBytes(p.bytesTotal), records: formatCount(p.records), rate: formatCount(p.recordsPerSecond) })}
            {p.files > 1 && t('parse.fileOf', { index: Math.min(p.filesDone + 1, p.files), files: p.files })}
          </span>
          {status === 'parsing' && (
            <button type="button" onClick={onCancel} data-testid="cancel">
              {t('parse.cancel')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
