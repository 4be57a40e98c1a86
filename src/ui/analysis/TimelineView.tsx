import { useId, useState } from 'react';
import type { CaseSummary, RankRow } from '../../../workers/case-api';
import { saveFile } from '../cases/download';
import { formatCount } from '../format';
import { useT } from '../i18n/i18n';
import type { ViewProps } from '../shell/view-props';
import { KindSwitch, type NodeKind, readKind } from './controls';
import { downloadName, hourLabel, TIMELINE_IDS } from './csv';
import { GraphLink } from './GraphLink';
import { TimelineChart } from './TimelineChart';
import { alignScores, type Axis, axisOf, densify, drasticLevel, formatHourParam, HOUR, type Range, rangeFromParams, zoom } from './timeline-data';
import { useLoad } from './use-load';

/** Rows of the hour table at most (the chart shows every hour of the zoom). */
const TABLE_ROWS = 1000;

interface Base {
  summary: CaseSummary;
  ranks: { users: RankRow[]; hosts: RankRow[] };
}

/**
 * One account's (or host's) hourly logon events per event id, with its ChangeFinder scores and
 * the reference's highlighting of drastic changes; zoomable; the reference's summary and detailed
 * CSV downloads. Kind, name and zoom are in the URL.
 */
export function TimelineView(props: ViewProps) {
  const { client, caseId, params } = props;
  const t = useT();
  const base = useLoad<Base>(async () => {
    const [summary, ranks] = await Promise.all([client.summary(), client.ranks()]);
    return { summary, ranks };
  }, caseId);
  if (base.status === 'loading') return <p className="muted" role="status">{t('common.loading')}</p>;
  if (base.status === 'failed') return <p role="alert" className="notice notice-error">{base.error}</p>;
  const kind = readKind(params);
  const rows = kind === 'account' ? base.value.ranks.users : base.value.ranks.hosts;
  // Without a name, the highest ranked one: the view shows something useful at once.
  const wanted = params.get('name');
  const row = (wanted !== null ? rows.find((r) => r.name === wanted) : rows[0]) ?? null;
  const axis = axisOf(base.value.summary.firstHour, base.value.summary.lastHour);
  return <Timeline {...props} kind={kind} rows={rows} row={row} wanted={wanted} axis={axis} caseName={base.value.summary.name} />;
}

interface TimelineProps extends ViewProps {
  kind: NodeKind;
  rows: RankRow[];
  row: RankRow | null;
  wanted: string | null;
  axis: Axis | null;
  caseName: string;
}

function Timeline(props: TimelineProps) {
  const { client, caseId, params, setParams, kind, rows, row, wanted, axis, caseName } = props;
  const t = useT();
  const id = useId();
  const set = (p: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(p)) v === null || v === '' ? next.delete(k) : next.set(k, v);
    setParams(Object.fromEntries(next));
  };
  const series = useLoad(async () => {
    if (!row || !axis) return null;
    const workerKind = kind === 'account' ? 'user' : 'host';
    const [sparse, cf] = await Promise.all([client.timeline(workerKind, row.index), kind === 'account' ? client.changeFinderScores(row.index) : null]);
    return { data: densify(sparse, axis), scores: cf ? alignScores(cf.scores, cf.first, axis) : null };
  }, `${caseId}|${kind}|${row?.index ?? -1}`);

  const range = axis ? rangeFromParams(params, axis) : null;
  const setRange = (r: Range | null) => {
    if (!axis || r === null || (r.from === 0 && r.to === axis.hours - 1)) return set({ from: null, to: null });
    set({ from: formatHourParam(axis.first + r.from * HOUR), to: formatHourParam(axis.first + r.to * HOUR) });
  };

  return (
    <section className="analysis timeline-view" aria-labelledby={`${id}-h`} data-testid="timeline">
      <h2 id={`${id}-h`}>{t('time.title')}</h2>
      <div className="toolbar">
        <KindSwitch value={kind} onChange={(k) => set({ kind: k === 'account' ? null : k, name: null, from: null, to: null })} />
        <NamePicker key={`${kind}|${wanted ?? ''}`} rows={rows} value={row?.name ?? wanted ?? ''} onPick={(name) => set({ name })} />
        {row && <GraphLink props={props} field={kind === 'account' ? 'account' : 'host'} name={row.name} testId="timeline-graph-link" />}
      </div>
      <Downloads client={client} kind={kind} caseName={caseName} />
      {!row ? (
        <p className="muted">{wanted !== null ? `${wanted}: ${t('common.none')}` : t('time.pickHint')}</p>
      ) : !axis || !range ? (
        <p className="muted">{t('time.noEvents')}</p>
      ) : series.status === 'loading' ? (
        <p className="muted" role="status">{t('common.loading')}</p>
      ) : series.status === 'failed' ? (
        <p role="alert" className="notice notice-error">{series.error}</p>
      ) : series.value === null ? null : (
        <>
          <ZoomBar axis={axis} range={range} onRange={setRange} />
          <TimelineChart name={row.name} axis={axis} data={series.value.data} scores={series.value.scores} range={range} onZoom={setRange} />
          <HourTable axis={axis} range={range} data={series.value.data} scores={series.value.scores} />
        </>
      )}
    </section>
  );
}

/** The account or host to show: a text box with the names as suggestions. */
function NamePicker({ rows, value, onPick }: { rows: RankRow[]; value: string; onPick(name: string): void }) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState(value);
  const needle = text.toLowerCase();
  // A datalist of every name would be huge on a big domain: the first matches are enough to pick from.
  const options = rows.filter((r) => r.name.toLowerCase().includes(needle)).slice(0, 100);
  const names = new Set(rows.map((r) => r.name));
  return (
    <form
      className="name-picker"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        const exact = names.has(text) ? text : options[0]?.name;
        if (exact !== undefined) onPick(exact);
      }}
    >
      <label htmlFor={`${id}-name`}>{t('time.pick')}</label>
      <input
        id={`${id}-name`}
        type="search"
        list={`${id}-names`}
        value={text}
        autoComplete="off"
        data-shortcut="search"
        data-testid="timeline-name"
        onChange={(e) => {
          setText(e.target.value);
          // Picking a suggestion from the list shows it at once (typing waits for Enter).
          const ev = e.nativeEvent;
          const picked = !(ev instanceof InputEvent) || ev.inputType === 'insertReplacementText';
          if (picked && names.has(e.target.value)) onPick(e.target.value);
        }}
      />
      <datalist id={`${id}-names`}>
        {options.map((r) => (
          <option key={r.index} value={r.name} />
        ))}
      </datalist>
      <button type="submit">{t('time.show')}</button>
    </form>
  );
}

function ZoomBar({ axis, range, onRange }: { axis: Axis; range: Range; onRange(r: Range | null): void }) {
  const t = useT();
  const whole = range.from === 0 && range.to === axis.hours - 1;
  return (
    <div className="zoom-bar" role="group" aria-label={t('time.zoomHint')}>
      <button type="button" onClick={() => onRange(zoom(range, 0.5, axis))} disabled={range.to - range.from + 1 <= Math.min(6, axis.hours)} data-testid="zoom-in">
        {t('time.zoomIn')}
      </button>
      <button type="button" onClick={() => onRange(zoom(range, 2, axis))} disabled={whole} data-testid="zoom-out">
        {t('time.zoomOut')}
      </button>
      <button type="button" onClick={() => onRange(null)} disabled={whole} data-testid="zoom-reset">
        {t('time.zoomReset')}
      </button>
      <span className="muted" data-testid="zoom-range" data-from={range.from} data-to={range.to}>
        {hourLabel(axis.first + range.from * HOUR).replace('T', ' ').slice(0, 16)} – {hourLabel(axis.first + range.to * HOUR).replace('T', ' ').slice(0, 16)} ·{' '}
        {t('time.zoomHint')}
      </span>
    </div>
  );
}

/** The hours of the zoom that had events or a drastic score, as a table (the chart's data, readable). */
function HourTable({ axis, range, data, scores }: { axis: Axis; range: Range; data: ReturnType<typeof densify>; scores: Float64Array | null }) {
  const t = useT();
  const slots: number[] = [];
  for (let s = range.from; s <= range.to && slots.length < TABLE_ROWS; s++) {
    if (data.total[s]! > 0 || (scores && drasticLevel(scores[s]!) > 0)) slots.push(s);
  }
  return (
    <details className="hour-table" open={slots.length <= 48}>
      <summary>
        {t('time.table')} ({formatCount(slots.length)})
      </summary>
      <table className="data-table" data-testid="timeline-table">
        <thead>
          <tr>
            <th scope="col">{t('time.hour')}</th>
            {TIMELINE_IDS.map((id) => (
              <th key={id} scope="col" className="num">
                {id}
              </th>
            ))}
            <th scope="col" className="num">{t('time.total')}</th>
            {scores && <th scope="col" className="num">{t('time.score')}</th>}
          </tr>
        </thead>
        <tbody>
          {slots.map((s) => {
            const level = scores ? drasticLevel(scores[s]!) : 0;
            return (
              <tr key={s} className={level ? `drastic drastic-${level}` : undefined} data-level={level} data-testid="timeline-hour">
                <th scope="row" className="mono">{hourLabel(axis.first + s * HOUR).replace('T', ' ').slice(0, 16)}</th>
                {TIMELINE_IDS.map((id) => (
                  <td key={id} className="num">{data.counts[id]![s] || ''}</td>
                ))}
                <td className="num">{data.total[s]}</td>
                {scores && <td className="num">{scores[s]!.toFixed(2)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}

/** The reference's two downloads, for every account (or host) of the case. */
function Downloads({ client, kind, caseName }: { client: ViewProps['client']; kind: NodeKind; caseName: string }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const get = async (layout: 'summary' | 'details') => {
    setBusy(true);
    setError('');
    try {
      const csv = await client.timelineCsv(kind === 'account' ? 'user' : 'host', layout);
      // A byte order mark, so Excel reads the UTF-8 names (Japanese ones included) correctly.
      const bytes = new TextEncoder().encode(`\uFEFF${csv}`);
      const suffix = `${layout === 'summary' ? 'timeline' : 'timeline-details'}${kind === 'host' ? '-hosts' : ''}.csv`;
      saveFile(downloadName(caseName, suffix), bytes);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="downloads" role="group" aria-label={t('time.download')}>
      <span>{t('time.download')}:</span>
      <button type="button" onClick={() => void get('summary')} disabled={busy} data-testid="download-summary">
        {t('time.summary')}
      </button>
      <button type="button" onClick={() => void get('details')} disabled={busy} data-testid="download-details">
        {t('time.details')}
      </button>
      {error && <span role="alert">{error}</span>}
    </div>
  );
}
