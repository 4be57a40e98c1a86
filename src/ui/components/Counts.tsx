import { formatCount } from '../format';
import { useT } from '../i18n/i18n';

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
  const t = useT();
  return (
    <div className="counts" aria-live="polite">
      <Count testId="file-count" value={files} label={t(files === 1 ? 'counts.file' : 'counts.files')} />
      <Count testId="record-count" value={records} label={t(records === 1 ? 'counts.record' : 'counts.records')} />
      <Count testId="problem-count" value={problems} label={t(problems === 1 ? 'counts.problem' : 'counts.problems')} />
      {refused > 0 && <Count testId="refused-count" value={refused} label={t('counts.refused')} />}
      {notListed > 0 && <Count testId="not-listed-count" value={notListed} label={t('counts.notListed')} />}
    </div>
  );
}
