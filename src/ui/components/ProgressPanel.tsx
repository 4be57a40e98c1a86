import type { ParseProgress } from '../../engine';
import { formatBytes, formatCount, percent } from '../format';
import type { ParseStatus } from '../state/store';

interface Props {
  status: ParseStatus;
  progress: ParseProgress | null;
  error: string;
  onCancel(): void;
}

const STATUS_TEXT: Record<ParseStatus, string> = {
  idle: 'Open .evtx or .xml files with the button above, or drop them on the page.',
  parsing: 'Parsing…',
  done: 'Done.',
  cancelled: 'Cancelled. The records read so far are kept.',
  failed: 'Failed.',
};

/** Bytes, records and records/s of the running parse, with its Cancel button. */
export function ProgressPanel({ status, progress, error, onCancel }: Props) {
  const p = progress;
  const pct = p ? percent(p.bytesDone, p.bytesTotal) : 0;
  return (
    <section className={`progress-panel status-${status}`} aria-label="Progress">
      <p className="status" data-testid="status" data-status={status} role="status">
        {STATUS_TEXT[status]} {status === 'failed' && error}
      </p>
      {p && (
        <div className="progress-line">
          <progress max={100} value={pct} aria-label="Bytes parsed" data-testid="progress" data-percent={pct} />
          <span data-testid="progress-text">
            {pct} % · {formatBytes(p.bytesDone)} of {formatBytes(p.bytesTotal)} · {formatCount(p.records)} records ·{' '}
            {formatCount(p.recordsPerSecond)} records/s
            {p.files > 1 && ` · file ${Math.min(p.filesDone + 1, p.files)} of ${p.files}`}
          </span>
          {status === 'parsing' && (
            <button type="button" onClick={onCancel} data-testid="cancel">
              Cancel
            </button>
          )}
        </div>
      )}
    </section>
  );
}
