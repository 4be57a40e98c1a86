import { useId, useState } from 'react';
import type { ImportOptions, RankRow } from '../../../workers/case-api';
import { formatShifted } from '../../core/logon';
import { formatBytes, formatCount } from '../format';
import { FileDrop } from './FileDrop';
import { EMPTY_OPTIONS, OptionsFields, readOptions } from './OptionsFields';
import { formatSpan } from './time-input';
import type { OpenCaseView } from './use-cases';
import type { ViewId } from '../shell/view-props';
import { useT } from '../i18n/i18n';

interface Props {
  view: OpenCaseView;
  disabled: boolean;
  onImport(files: File[], options: ImportOptions): void;
  onClose(): void;
  onError(message: string): void;
  hrefOf?: (caseId: string, view: ViewId) => string;
}

function Count({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="count">
      <dt>{label}</dt>
      <dd data-testid={testId} data-value={value}>{formatCount(value)}</dd>
    </div>
  );
}

/** The open case: counts, files, detections, top ranked users and hosts, and more files to import. */
export function CaseSummaryView({ view, disabled, onImport, onClose, onError, hrefOf }: Props) {
  const { summary: s, ranks, detections } = view;
  const id = useId();
  const detectionCount = Object.values(s.detections).reduce((a, b) => a + b, 0);
  return (
    <section className="case-summary" aria-labelledby={`${id}-h`} data-testid="case-summary" data-case-id={s.id}>
      <div className="case-summary-head">
        <h2 id={`${id}-h`}>
          Case: <span data-testid="summary-name">{s.name}</span>
        </h2>
        <button type="button" onClick={onClose}>Close case</button>
      </div>
      {hrefOf && <CaseViewLinks caseId={s.id} hrefOf={hrefOf} />}
      <dl className="summary-counts">
        <Count label="Logon events" value={s.logonEvents} testId="summary-events" />
        <Count label="Users" value={s.users} testId="summary-users" />
        <Count label="Hosts" value={s.hosts} testId="summary-hosts" />
        <Count label="Edges" value={s.edges} testId="summary-edges" />
        <Count label="Detections" value={detectionCount} testId="summary-detections" />
        <Count label="Files" value={s.sources.length} testId="summary-sources" />
      </dl>
      <p className="muted">
        {formatSpan(s.firstHour, s.lastHour)} · UTC{s.options.tzHours >= 0 ? '+' : ''}{s.options.tzHours} · {formatBytes(s.bytes)} stored
      </p>
      <AddFiles disabled={disabled} onImport={onImport} onError={onError} />
      <div className="summary-columns">
        <Detections detections={detections} byKind={s.detections} />
        <Ranked title="Top users by rank" rows={ranks.users} testId="top-users" />
        <Ranked title="Top hosts by rank" rows={ranks.hosts} testId="top-hosts" />
      </div>
      <details>
        <summary>Files in this case ({s.sources.length})</summary>
        <ul data-testid="summary-files">
          {s.sources.map((f, i) => (
            <li key={i}>
              {f.name} · {formatBytes(f.size)} · {formatCount(f.records)} records, {formatCount(f.accepted)} taken, {formatCount(f.duplicates)} already in the case
              {f.problems > 0 && `, ${formatCount(f.problems)} problems`}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

/** The way from the summary into the investigation views of this case. */
function CaseViewLinks({ caseId, hrefOf }: { caseId: string; hrefOf: (caseId: string, view: ViewId) => string }) {
  const t = useT();
  return (
    <nav className="case-view-links" aria-label={t('nav.label')} data-testid="case-view-links">
      {(['graph', 'rankings', 'timeline', 'detections'] as const).map((v) => (
        <a key={v} href={hrefOf(caseId, v)} data-view={v}>
          {t(`view.${v}`)}
        </a>
      ))}
    </nav>
  );
}

function AddFiles({ disabled, onImport, onError }: Pick<Props, 'disabled' | 'onImport' | 'onError'>) {
  const id = useId();
  const [mode, setMode] = useState<'add' | 'replace'>('add');
  const [options, setOptions] = useState(EMPTY_OPTIONS);
  const files = (list: File[]) => {
    if (mode === 'add') return onImport(list, { mode });
    const o = readOptions(options);
    if (typeof o === 'string') return onError(o);
    onImport(list, { mode, ...o });
  };
  return (
    <fieldset className="add-files" disabled={disabled}>
      <legend>Import more files</legend>
      <label>
        <input type="radio" name={`${id}-mode`} checked={mode === 'add'} onChange={() => setMode('add')} /> Add to the case
      </label>
      <label>
        <input type="radio" name={`${id}-mode`} checked={mode === 'replace'} onChange={() => setMode('replace')} /> Replace its files
      </label>
      {mode === 'replace' && <OptionsFields value={options} onChange={setOptions} />}
      <FileDrop label="Import files into this case" accept=".evtx,.xml" testId="case-add-files" disabled={disabled} onFiles={files} />
    </fieldset>
  );
}

function Detections({ detections, byKind }: Pick<OpenCaseView, 'detections'> & { byKind: Record<string, number> }) {
  return (
    <section className="detections" aria-label="Detections">
      <h3>Detections</h3>
      {detections.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <>
          <p data-testid="detection-kinds">
            {Object.entries(byKind)
              .map(([k, n]) => `${k}: ${n}`)
              .join(' · ')}
          </p>
          <ol className="detection-list" data-testid="detection-list">
            {detections.slice(0, 200).map((d, i) => (
              <li key={i}>
                <span className="kind">{d.kind}</span> {formatShifted(d.time)} {d.account ?? ''}
                {d.host && ` @ ${d.host}`}
                {d.count > 1 && ` (${formatCount(d.count)} events)`}
              </li>
            ))}
          </ol>
          {detections.length > 200 && <p className="muted">…and {formatCount(detections.length - 200)} more.</p>}
        </>
      )}
    </section>
  );
}

function Ranked({ title, rows, testId }: { title: string; rows: RankRow[]; testId: string }) {
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      <table className="ranks" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Rank</th>
            <th scope="col">Std. rank</th>
            {rows[0]?.changeFinderMax !== null && <th scope="col">ChangeFinder max</th>}
            {rows[0]?.changeFinderMax !== null && <th scope="col">Flags</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.index}>
              <th scope="row">{r.name}</th>
              <td>{r.rank.toFixed(3)}</td>
              <td>{r.standardRank.toFixed(4)}</td>
              {r.changeFinderMax !== null && <td>{r.changeFinderMax.toFixed(2)}</td>}
              {r.changeFinderMax !== null && <td>{[r.admin && 'admin', r.hmm && 'HMM'].filter(Boolean).join(', ')}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
