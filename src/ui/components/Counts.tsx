import { formatCount } from '../format';

interface Props {
  records: number;
  /** Records parsed beyond what the table keeps. */
  notListed?: number;
  problems: number;
  refused: number;
  files: number;
}

function Count({ testId, value, label }: { testId: string; value: number; label: string }) {
  return (
    <span className="count">
      <output data-testid={testId} data-value={value}>
        {formatCount(value)}
      </output>{' '}
      {label}
    </span>
  );
}

/** The totals, each readable by tests through data-testid and data-value. */
export function Counts({ records, notListed = 0, problems, refused, files }: Props) {
  return (
    <div className="counts" aria-live="polite">
      <Count testId="file-count" value={files} label={files === 1 ? 'file' : 'files'} />
      <Count testId="record-count" value={records} label={records === 1 ? 'record' : 'records'} />
      <Count testId="problem-count" value={problems} label={problems === 1 ? 'problem' : 'problems'} />
      {refused > 0 && <Count testId="refused-count" value={refused} label="refused" />}
      {notListed > 0 && <Count testId="not-listed-count" value={notListed} label="more parsed, not listed (table limit)" />}
    </div>
  );
}
