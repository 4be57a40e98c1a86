import { useId } from 'react';
import { saveFile } from '../cases/download';
import { detectionsCsv, downloadName } from './csv';
import type { Detection, DetectionKind } from '../../core/case/detections';
import { formatShifted } from '../../core/logon';
import { formatCount } from '../format';
import { useT } from '../i18n/i18n';
import type { ViewProps } from '../shell/view-props';
import { Pager, readPage } from './controls';
import { GraphLink } from './GraphLink';
import { useLoad } from './use-load';

const PAGE = 200;

/** Every kind, in the order the filter lists them (the first: replication, then changes). */
export const DETECTION_KINDS: readonly DetectionKind[] = [
  'dcsync',
  'dcshadow',
  'policy-change',
  'user-created',
  'user-deleted',
  'group-member-added',
  'group-member-removed',
  'log-cleared',
  'ms14-068',
  'admin',
  'logon-failure',
];

const isKind = (k: string | null): k is DetectionKind => (DETECTION_KINDS as readonly (string | null)[]).includes(k);

function matches(d: Detection, needle: string): boolean {
  if (!needle) return true;
  const hay = [d.account ?? '', d.host ?? '', ...Object.values(d.details)].join('\u0000').toLowerCase();
  return hay.includes(needle);
}

/**
 * DCSync, DCShadow, policy changes, account and group changes (and the other detections) in one
 * time-ordered list, filtered by kind and text; accounts and hosts open the graph on them.
 */
export function DetectionsView(props: ViewProps) {
  const { client, caseId, params, setParams } = props;
  const t = useT();
  const id = useId();
  const list = useLoad(() => client.detections(), caseId);
  const summary = useLoad(() => client.summary(), caseId);
  const caseName = summary.status === 'done' ? summary.value.name : 'case';
  const kindParam = params.get('kind');
  const kind = isKind(kindParam) ? kindParam : null;
  const q = params.get('q') ?? '';
  const set = (p: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(p)) v === null || v === '' ? next.delete(k) : next.set(k, v);
    setParams(Object.fromEntries(next));
  };

  if (list.status === 'loading') return <p className="muted" role="status">{t('common.loading')}</p>;
  if (list.status === 'failed') return <p role="alert" className="notice notice-error">{list.error}</p>;
  const all = list.value;
  const byKind = new Map<DetectionKind, number>();
  for (const d of all) byKind.set(d.kind, (byKind.get(d.kind) ?? 0) + 1);
  const needle = q.toLowerCase();
  const filtered = all.filter((d) => (kind === null || d.kind === kind) && matches(d, needle));
  const pages = Math.max(1, Math.ceil(filtered.length / PAGE));
  const page = Math.min(readPage(params), pages);
  const shown = filtered.slice((page - 1) * PAGE, page * PAGE);

  return (
    <section className="analysis detections-view" aria-labelledby={`${id}-h`} data-testid="detections">
      <h2 id={`${id}-h`}>{t('det.title')}</h2>
      <p className="muted intro">{t('det.intro')}</p>
      <div className="toolbar">
        <label htmlFor={`${id}-kind`}>{t('det.kind')}</label>
        <select id={`${id}-kind`} value={kind ?? ''} onChange={(e) => set({ kind: e.target.value, page: null })} data-testid="detection-kind">
          <option value="">
            {t('det.all')} ({formatCount(all.length)})
          </option>
          {DETECTION_KINDS.map((k) => (
            <option key={k} value={k} disabled={!byKind.has(k)}>
              {t(`kind.${k}`)} ({formatCount(byKind.get(k) ?? 0)})
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-q`}>{t('common.filter')}</label>
        <input id={`${id}-q`} type="search" value={q} data-shortcut="search" onChange={(e) => set({ q: e.target.value, page: null })} />
        <span className="muted" data-testid="detection-count" data-value={filtered.length}>
          {t('det.count', { shown: formatCount(filtered.length), total: formatCount(all.length) })}
        </span>
        <button
          type="button"
          data-testid="detections-csv"
          title={t('det.csvTitle')}
          onClick={() => saveFile(downloadName(caseName, 'detections.csv'), new TextEncoder().encode(`\uFEFF${detectionsCsv(filtered, formatShifted)}`))}
        >
          {t('common.csv')}
        </button>
      </div>
      <table className="data-table" data-testid="detection-table">
        <thead>
          <tr>
            <th scope="col">{t('det.col.time')}</th>
            <th scope="col">{t('det.col.kind')}</th>
            <th scope="col">{t('det.col.account')}</th>
            <th scope="col">{t('det.col.host')}</th>
            <th scope="col" className="num">{t('det.col.count')}</th>
            <th scope="col">{t('det.col.details')}</th>
            <th scope="col">{t('det.col.records')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((d, i) => (
            <Row key={`${page}-${i}`} d={d} props={props} />
          ))}
        </tbody>
      </table>
      {shown.length === 0 && <p className="muted">{t('common.none')}</p>}
      <Pager page={page} pages={pages} onPage={(p) => set({ page: p === 1 ? null : String(p) })} />
    </section>
  );
}

function Row({ d, props }: { d: Detection; props: ViewProps }) {
  const t = useT();
  const details = Object.entries(d.details);
  return (
    <tr data-testid="detection-row" data-kind={d.kind} className={`kind-${d.kind}`}>
      <td className="mono nowrap">
        {formatShifted(d.time)}
        {d.lastTime !== d.time && <> – {formatShifted(d.lastTime)}</>}
      </td>
      <td>
        <span className={`badge kind-${d.kind}`}>{t(`kind.${d.kind}`)}</span>
      </td>
      <td className="name">{d.account !== null ? <GraphLink props={props} field="account" name={d.account} testId="detection-account" /> : '–'}</td>
      <td className="name">{d.host !== null ? <GraphLink props={props} field="host" name={d.host} testId="detection-host" /> : '–'}</td>
      <td className="num">{formatCount(d.count)}</td>
      <td>
        {details.length > 0 && (
          <dl className="details">
            {details.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        )}
      </td>
      <td className="mono ids">{d.recordIds.join(', ')}</td>
    </tr>
  );
}
