import type { ImportProgressInfo } from '../../../workers/case-api';
import { formatBytes, formatCount, percent } from '../format';

const PHASE: Record<ImportProgressInfo['phase'], string> = { reading: 'Reading', analysing: 'Analysing', saving: 'Saving', scanning: 'Sigma scan' };

function eta(p: ImportProgressInfo): string {
  if (p.phase !== 'reading' || p.bytesPerSecond <= 0 || p.elapsedMs < 1000) return '';
  const s = Math.ceil((p.bytesTotal - p.bytesDone) / p.bytesPerSecond);
  return ` · about ${s < 90 ? `${s} s` : `${Math.ceil(s / 60)} min`} left`;
}

/** The running import: phase, bytes, records, rate, time left, and Cancel. */
export function ImportProgressView({ progress, onCancel }: { progress: ImportProgressInfo | null; onCancel(): void }) {
  const p = progress;
  const pct = p ? percent(p.bytesDone, p.bytesTotal) : 0;
  return (
    <section className="import-progress" aria-label="Import progress" data-testid="import-progress" data-phase={p?.phase ?? 'starting'}>
      <p role="status">
        {p ? `${PHASE[p.phase]}${p.files > 1 ? ` file ${p.fileIndex + 1} of ${p.files}` : ''}: ${p.file}` : 'Starting the import…'}
      </p>
      <div className="progress-line">
        <progress max={100} value={pct} aria-label="Bytes imported" data-percent={pct} />
        {p && (
          <span data-testid="import-progress-text" data-records={p.records}>
            {pct} % · {formatBytes(p.bytesDone)} of {formatBytes(p.bytesTotal)} · {formatCount(p.records)} records · {formatCount(p.recordsPerSecond)} records/s
            {eta(p)}
          </span>
        )}
        <button type="button" onClick={onCancel} data-testid="import-cancel" disabled={p?.phase === 'saving'}>
          Cancel import
        </button>
      </div>
    </section>
  );
}
