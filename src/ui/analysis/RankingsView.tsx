import { useId } from 'react';
import { saveFile } from '../cases/download';
import { downloadName, ranksCsv } from './csv';
import type { RankRow } from '../../../workers/case-api';
import { useT } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import type { ViewProps } from '../shell/view-props';
import { GraphLink, ViewLink } from './GraphLink';
import { defaultDirection, type RankColumn, readSort, sortRanks } from './rank-sort';
import { useLoad } from './use-load';
import { KindSwitch, Pager, readKind, readPage, type NodeKind } from './controls';

const PAGE = 100;

const HEADERS: { column: RankColumn; label: MessageKey; accounts?: true; numeric?: true }[] = [
  { column: 'name', label: 'rank.col.name' },
  { column: 'rank', label: 'rank.col.rank', numeric: true },
  { column: 'std', label: 'rank.col.std', numeric: true },
  { column: 'cf', label: 'rank.col.cf', accounts: true, numeric: true },
  { column: 'hmm', label: 'rank.col.hmm', accounts: true },
  { column: 'admin', label: 'rank.col.admin', accounts: true },
];

/**
 * Accounts and hosts by PageRank (LogonTracer's and the standard one) with the ChangeFinder, HMM
 * and admin flags that damp LogonTracer's: sortable by any column, filterable, and each name
 * opens the graph on it. Everything that shapes the table is in the URL.
 */
export function RankingsView(props: ViewProps) {
  const { client, caseId, params, setParams } = props;
  const t = useT();
  const id = useId();
  const ranks = useLoad(() => client.ranks(), caseId);
  const summary = useLoad(() => client.summary(), caseId);
  const caseName = summary.status === 'done' ? summary.value.name : 'case';
  const kind = readKind(params);
  const { column, dir } = readSort(params);
  const q = params.get('q') ?? '';
  const set = (p: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(p)) v === null || v === '' ? next.delete(k) : next.set(k, v);
    setParams(Object.fromEntries(next));
  };

  if (ranks.status === 'loading') return <p className="muted" role="status">{t('common.loading')}</p>;
  if (ranks.status === 'failed') return <p role="alert" className="notice notice-error">{ranks.error}</p>;
  const all = kind === 'account' ? ranks.value.users : ranks.value.hosts;
  const needle = q.toLowerCase();
  const filtered = needle ? all.filter((r) => r.name.toLowerCase().includes(needle)) : all;
  const sorted = sortRanks(filtered, column, dir);
  const pages = Math.max(1, Math.ceil(sorted.length / PAGE));
  const page = Math.min(readPage(params), pages);
  const shown = sorted.slice((page - 1) * PAGE, page * PAGE);
  const headers = HEADERS.filter((h) => kind === 'account' || !h.accounts);

  return (
    <section className="analysis rankings" aria-labelledby={`${id}-h`} data-testid="rankings">
      <h2 id={`${id}-h`}>{t('rank.title')}</h2>
      <p className="muted intro">{t('rank.intro')}</p>
      <div className="toolbar">
        <KindSwitch value={kind} onChange={(k) => set({ kind: k === 'account' ? null : k, page: null, sort: null, dir: null })} />
        <label htmlFor={`${id}-q`}>{t('common.filter')}</label>
        <input id={`${id}-q`} type="search" value={q} data-shortcut="search" onChange={(e) => set({ q: e.target.value, page: null })} />
        <span className="muted" data-testid="rank-count">
          {t('rank.count', { shown: filtered.length, total: all.length })}
        </span>
        <button
          type="button"
          data-testid="rankings-csv"
          title={t('rank.csvTitle')}
          onClick={() => saveFile(downloadName(caseName, kind === 'account' ? 'rankings-accounts.csv' : 'rankings-hosts.csv'), new TextEncoder().encode(`\uFEFF${ranksCsv(sorted, kind)}`))}
        >
          {t('common.csv')}
        </button>
      </div>
      <table className="data-table" data-testid="rank-table" data-kind={kind} data-sort={column} data-dir={dir}>
        <thead>
          <tr>
            <th scope="col" className="num">{t('rank.col.pos')}</th>
            {headers.map((h) => (
              <th key={h.column} scope="col" className={h.numeric ? 'num' : undefined} aria-sort={column === h.column ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                <button
                  type="button"
                  className="sort"
                  data-testid={`sort-${h.column}`}
                  title={t('rank.sortBy', { column: t(h.label) })}
                  onClick={() => {
                    const nextDir = column === h.column ? (dir === 'asc' ? 'desc' : 'asc') : defaultDirection(h.column);
                    set({ sort: h.column, dir: nextDir, page: null });
                  }}
                >
                  {t(h.label)}
                  <span aria-hidden="true" className="arrow">{column === h.column ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                </button>
              </th>
            ))}
            <th scope="col"><span className="visually-hidden">{t('time.title')}</span></th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r, i) => (
            <Row key={r.index} row={r} pos={(page - 1) * PAGE + i + 1} kind={kind} props={props} />
          ))}
        </tbody>
      </table>
      {shown.length === 0 && <p className="muted">{t('common.none')}</p>}
      <Pager page={page} pages={pages} onPage={(p) => set({ page: p === 1 ? null : String(p) })} />
    </section>
  );
}

function Row({ row: r, pos, kind, props }: { row: RankRow; pos: number; kind: NodeKind; props: ViewProps }) {
  const t = useT();
  return (
    <tr data-testid="rank-row" data-name={r.name} data-rank={r.rank} data-std={r.standardRank} data-cf={r.changeFinderMax ?? ''}>
      <td className="num">{pos}</td>
      <th scope="row" className="name">
        <GraphLink props={props} field={kind === 'account' ? 'account' : 'host'} name={r.name} testId="rank-name" />
      </th>
      <td className="num">{r.rank.toFixed(4)}</td>
      <td className="num">{r.standardRank.toFixed(5)}</td>
      {kind === 'account' && (
        <>
          <td className="num">{r.changeFinderMax === null ? '–' : r.changeFinderMax.toFixed(2)}</td>
          <td>{r.hmm ? <span className="flag">HMM</span> : ''}</td>
          <td>{r.admin ? <span className="flag admin">{t('rank.col.admin')}</span> : ''}</td>
        </>
      )}
      <td>
        <ViewLink props={props} view="timeline" params={{ ...(kind === 'host' ? { kind } : {}), name: r.name }} title={`${t('time.title')}: ${r.name}`}>
          {t('time.title')}
        </ViewLink>
      </td>
    </tr>
  );
}
