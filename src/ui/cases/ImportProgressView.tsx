import type { ImportProgressInfo } from '../../../workers/case-api';
import { formatBytes, formatCount, percent } from '../format';
import { type Translate, useT } from '../i18n/i18n';

function eta(p: ImportProgressInfo, t: Translate): string {
  if (p.phase !== 'reading' || p.bytesPerSecond <= 0 || p.elapsedMs < 1000) return '';
  const s = Math.ceil((p.bytesTotal - p.bytesDone) / p.bytesPerSecond);
  return t('import.eta', { time: s < 90 ? `${s} s` : `${Math.ceil(s / 60)} min` });
}

/** The running import: phase, bytes, records, rate, time left, and Cancel. */
export function ImportProgressView({ progress, onCancel }: { progress: ImportProgressInfo | null; onCancel(): void }) {
  const t = useT();
  const p = progress;
  const pct = p ? percent(p.bytesDone, p.bytesTotal) : 0;
  return (
    <section className="import-progress" aria-label={t('import.label')} data-testid="import-progress" data-phase={p?.phase ?? 'starting'}>
      <p role="status">
        {p ? t(p.files > 1 ? 'import.fileOf' : 'import.one', { phase: t(`import.phase.${p.phase}`), index: p.fileIndex + 1, files: p.files, file: p.file }) : t('import.starting')}
      </p>
      <div className="progress-line">
        <progress max={100} value={pct} aria-label={t('import.bytes')} data-percent={pct} />
        {p && (
          <span data-testid="import-progress-text" data-records={p.records}>
            {t('import.text', { percent: pct, done: formatBytes(p.bytesDone), total: formatBytes(p.bytesTotal), records: formatCount(p.records), rate: formatCount(p.recordsPerSecond) })}
            {eta(p, t)}
          </span>
        )}
        <button type="button" onClick={onCancel} data-testid="import-cancel" disabled={p?.phase === 'saving'}>
          {t('import.cancel')}
        </button>
      </div>
    </section>
  );
}
