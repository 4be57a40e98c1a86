import { useId, useState } from 'react';
import type { ImportOptions, RankRow } from '../../../workers/case-api';
import { formatShifted } from '../../core/logon';
import { formatBytes, formatCount } from '../format';
import { FileDrop } from './FileDrop';
import { EMPTY_OPTIONS, OptionsFields, readOptions } from './OptionsFields';
import { formatSpan } from './time-input';
import type { OpenCaseView } from './use-cases';
import type { ViewId } from '../shell/view-props';
import { type Translate, useT } from '../i18n/i18n';
import { en, type MessageKey } from '../i18n/messages';

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
  const t = useT();
  const { summary: s, ranks, detections } = view;
  const id = useId();
  const detectionCount = Object.values(s.detections).reduce((a, b) => a + b, 0);
  return (
    <section className="case-summary" aria-labelledby={`${id}-h`} data-testid="case-summary" data-case-id={s.id}>
      <div className="case-summary-head">
        <h2 id={`${id}-h`}>
          {t('case.current')} <span data-testid="summary-name">{s.name}</span>
        </h2>
        <button type="button" onClick={onClose}>{t('summary.close')}</button>
      </div>
      {hrefOf && <CaseViewLinks caseId={s.id} hrefOf={hrefOf} />}
      <dl className="summary-counts">
        <Count label={t('summary.events')} value={s.logonEvents} testId="summary-events" />
        <Count label={t('summary.users')} value={s.users} testId="summary-users" />
        <Count label={t('summary.hosts')} value={s.hosts} testId="summary-hosts" />
        <Count label={t('summary.edges')} value={s.edges} testId="summary-edges" />
        <Count label={t('summary.detections')} value={detectionCount} testId="summary-detections" />
        <Count label={t('summary.files')} value={s.sources.length} testId="summary-sources" />
      </dl>
      <p className="muted">
        {formatSpan(s.firstHour, s.lastHour)} · UTC{s.options.tzHours >= 0 ? '+' : ''}{s.options.tzHours} · {t('summary.stored', { bytes: formatBytes(s.bytes) })}
      </p>
      <AddFiles disabled={disabled} onImport={onImport} onError={onError} />
      <div className="summary-columns">
        <Detections detections={detections} byKind={s.detections} />
        <Ranked title={t('summary.topUsers')} rows={ranks.users} testId="top-users" />
        <Ranked title={t('summary.topHosts')} rows={ranks.hosts} testId="top-hosts" />
      </div>
      <details>
        <summary>{t('summary.filesIn', { count: s.sources.length })}</summary>
        <ul data-testid="summary-files">
          {s.sources.map((f, i) => (
            <li key={i}>
              {t('summary.file', { name: f.name, size: formatBytes(f.size), records: formatCount(f.records), taken: formatCount(f.accepted), duplicates: formatCount(f.duplicates) })}
              {f.problems > 0 && t('summary.fileProblems', { problems: formatCount(f.problems) })}
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
  const t = useT();
  const id = useId();
  const [mode, setMode] = useState<'add' | 'replace'>('add');
  const [options, setOptions] = useState(EMPTY_OPTIONS);
  const files = (list: File[]) => {
    if (mode === 'add') return onImport(list, { mode });
    const o = readOptions(options);
    if (typeof o === 'string') return onError(t(o));
    onImport(list, { mode, ...o });
  };
  return (
    <fieldset className="add-files" disabled={disabled}>
      <legend>{t('summary.more')}</legend>
      <label>
        <input type="radio" name={`${id}-mode`} checked={mode === 'add'} onChange={() => setMode('add')} /> {t('summary.add')}
      </label>
      <label>
        <input type="radio" name={`${id}-mode`} checked={mode === 'replace'} onChange={() => setMode('replace')} /> {t('summary.replace')}
      </label>
      {mode === 'replace' && <OptionsFields value={options} onChange={setOptions} />}
      <FileDrop label={t('summary.importInto')} accept=".evtx,.xml" testId="case-add-files" disabled={disabled} onFiles={files} />
    </fieldset>
  );
}

/** A detection kind's label; a kind this build has no label for is shown as the worker named it. */
function kindLabel(kind: string, t: Translate): string {
  const key = `kind.${kind}`;
  return key in en ? t(key as MessageKey) : kind;
}

function Detections({ detections, byKind }: Pick<OpenCaseView, 'detections'> & { byKind: Record<string, number> }) {
  const t = useT();
  return (
    <section className="detections" aria-label={t('summary.detections')}>
      <h3>{t('summary.detections')}</h3>
      {detections.length === 0 ? (
        <p className="muted">{t('common.none')}</p>
      ) : (
        <>
          <p data-testid="detection-kinds">
            {Object.entries(byKind)
              .map(([k, n]) => `${kindLabel(k, t)}: ${formatCount(n)}`)
              .join(' · ')}
          </p>
          <ol className="detection-list" data-testid="detection-list">
            {detections.slice(0, 200).map((d, i) => (
              <li key={i}>
                <span className="kind">{kindLabel(d.kind, t)}</span> {formatShifted(d.time)} {d.account ?? ''}
                {d.host && ` @ ${d.host}`}
                {d.count > 1 && ` ${t('summary.events.n', { count: formatCount(d.count) })}`}
              </li>
            ))}
          </ol>
          {detections.length > 200 && <p className="muted">{t('summary.moreDetections', { count: formatCount(detections.length - 200) })}</p>}
        </>
      )}
    </section>
  );
}

function Ranked({ title, rows, testId }: { title: string; rows: RankRow[]; testId: string }) {
  const t = useT();
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      <table className="ranks" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t('cases.col.name')}</th>
            <th scope="col">{t('summary.col.rank')}</th>
            <th scope="col">{t('summary.col.std')}</th>
            {rows[0]?.changeFinderMax !== null && <th scope="col">{t('rank.col.cf')}</th>}
            {rows[0]?.changeFinderMax !== null && <th scope="col">{t('summary.col.flags')}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.index}>
              <th scope="row">{r.name}</th>
              <td>{r.rank.toFixed(3)}</td>
              <td>{r.standardRank.toFixed(4)}</td>
              {r.changeFinderMax !== null && <td>{r.changeFinderMax.toFixed(2)}</td>}
              {r.changeFinderMax !== null && <td>{[r.admin && t('rank.col.admin'), r.hmm && 'HMM'].filter(Boolean).join(', ')}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
