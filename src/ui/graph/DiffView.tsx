import { useMemo, useRef, useState } from 'react';
import type { ViewProps } from '../shell/view-props';
import { VIEWS, type ViewName, type ViewQuery } from '../../core/case/views';
import type { DiffResult } from '../../core/case/diff';
import { errorText } from '../cases/case-client';
import { formatShifted } from '../../core/logon';
import { formatCount } from '../format';
import { buildStyle, type GraphHandle, toElements } from './cy';
import { exportGraphAs } from './download';
import { GraphCanvas, type Hover } from './GraphCanvas';
import { diffElements, diffExportGraph, VIEW_LABELS } from './graph-model';
import { Legend } from './Legend';
import { DEFAULT_LIMIT, DEFAULT_STATE, LAYOUTS, type LayoutName, MAX_LIMIT, windowOf } from './params';
import { usePalette } from './theme';
import { Toolbar, type ExportKind } from './Toolbar';
import { useLoad } from '../analysis/use-load';
import { useT } from '../i18n/i18n';
import './graph.css';

type Mode = 'windows' | 'cases';

interface DiffState {
  view: ViewName;
  mode: Mode;
  aFrom: string;
  aTo: string;
  bFrom: string;
  bTo: string;
  other: string;
  layout: LayoutName;
  limit: number;
}

const DAY = 86_400_000;
const local = (ms: number) => formatShifted(ms).slice(0, 16).replace(' ', 'T');

/** Defaults: the case's first day against the day after (the reference compared two days, §6.7). */
function readDiff(p: URLSearchParams, firstHour: number | null): DiffState {
  const view = p.get('view');
  const start = firstHour === null ? null : Math.floor(firstHour / DAY) * DAY;
  const get = (k: string, fallback: string) => p.get(k) ?? fallback;
  const layout = p.get('layout');
  const limit = Number(p.get('limit'));
  return {
    view: (VIEWS as readonly string[]).includes(view ?? '') ? (view as ViewName) : 'all',
    mode: p.get('mode') === 'cases' ? 'cases' : 'windows',
    aFrom: get('aFrom', start === null ? '' : local(start)),
    aTo: get('aTo', start === null ? '' : local(start + DAY - 60_000)),
    bFrom: get('bFrom', start === null ? '' : local(start + DAY)),
    bTo: get('bTo', start === null ? '' : local(start + 2 * DAY - 60_000)),
    other: get('other', ''),
    layout: (LAYOUTS as readonly string[]).includes(layout ?? '') ? (layout as LayoutName) : 'cose',
    limit: Number.isInteger(limit) && limit > 0 ? Math.min(limit, MAX_LIMIT) : DEFAULT_LIMIT,
  };
}

const writeDiff = (s: DiffState): Record<string, string> => ({
  view: s.view,
  mode: s.mode,
  aFrom: s.aFrom,
  aTo: s.aTo,
  bFrom: s.bFrom,
  bTo: s.bTo,
  ...(s.other ? { other: s.other } : {}),
  layout: s.layout,
  ...(s.limit !== DEFAULT_LIMIT ? { limit: String(s.limit) } : {}),
});

function DiffForm({ value, cases, onApply }: { value: DiffState; cases: { id: string; name: string }[]; onApply(s: DiffState): void }) {
  const [d, setD] = useState(value);
  const t = useT();
  const field = (k: 'aFrom' | 'aTo' | 'bFrom' | 'bTo', label: string) => (
    <label>
      {label} <input type="datetime-local" value={d[k]} onChange={(e) => setD({ ...d, [k]: e.target.value })} data-testid={`diff-${k}`} />
    </label>
  );
  return (
    <form
      className="diff-form"
      aria-label={t('graph.diff.form')}
      onSubmit={(e) => {
        e.preventDefault();
        onApply(d);
      }}
    >
      <label>
        {t('graph.diff.view')}{' '}
        <select value={d.view} onChange={(e) => setD({ ...d, view: e.target.value as ViewName })} data-testid="diff-view-select">
          {VIEWS.map((v) => (
            <option key={v} value={v}>
              {t(VIEW_LABELS[v].label)}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t('graph.diff.compare')}</legend>
        <label>
          <input type="radio" name="diff-mode" checked={d.mode === 'windows'} onChange={() => setD({ ...d, mode: 'windows' })} /> {t('graph.diff.windows')}
        </label>
        <label>
          <input type="radio" name="diff-mode" checked={d.mode === 'cases'} onChange={() => setD({ ...d, mode: 'cases' })} data-testid="diff-mode-cases" /> {t('graph.diff.cases')}
        </label>
      </fieldset>
      {d.mode === 'windows' ? (
        <>
          <fieldset>
            <legend>{t('graph.diff.a')}</legend>
            {field('aFrom', t('graph.filter.from'))}
            {field('aTo', t('graph.filter.to'))}
          </fieldset>
          <fieldset>
            <legend>{t('graph.diff.b')}</legend>
            {field('bFrom', t('graph.filter.from'))}
            {field('bTo', t('graph.filter.to'))}
          </fieldset>
        </>
      ) : (
        <label>
          {t('graph.diff.other')}{' '}
          <select value={d.other} onChange={(e) => setD({ ...d, other: e.target.value })} data-testid="diff-other">
            <option value="">{t('graph.diff.choose')}</option>
            {cases.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="submit" data-testid="diff-apply">
        {t('graph.diff.submit')}
      </button>
    </form>
  );
}

/**
 * The diff graph (§6.7): one view over two windows of this case, or over this case and another; the
 * union is drawn with only-A, only-B and both styled apart. Compared edge by edge (ends and key),
 * where the reference compared only the sources.
 */
export function DiffView({ client, caseId, params, setParams }: ViewProps) {
  const palette = usePalette();
  const t = useT();
  const summary = useLoad(() => client.summary(), `summary:${caseId}`);
  const cases = useLoad(() => client.listCases(), `cases:${caseId}`);
  const handle = useRef<GraphHandle | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const [labels, setLabels] = useState(DEFAULT_STATE.labels);
  const [exportError, setExportError] = useState<string | null>(null);
  const firstHour = summary.status === 'done' ? summary.value.firstHour : null;
  const s = useMemo(() => readDiff(params, firstHour), [params, firstHour]);
  const query: ViewQuery = { view: s.view, limit: s.limit };
  const ready = summary.status === 'done' && (s.mode === 'windows' || s.other !== '');
  const key = ready ? `${caseId}:${JSON.stringify(s)}` : 'idle';
  const data = useLoad<(DiffResult & { otherName?: string }) | null>(
    () => (!ready ? Promise.resolve(null) : s.mode === 'cases' ? client.diffCases(s.other, query) : client.diffWindows(query, windowOf(s.aFrom, s.aTo), windowOf(s.bFrom, s.bTo))),
    key,
  );
  const result = data.status === 'done' ? data.value : null;
  const drawn = useMemo(() => (result ? diffElements(result, labels) : { nodes: [], edges: [] }), [result, labels]);
  const elements = useMemo(() => toElements(drawn.nodes, drawn.edges), [drawn]);
  const style = useMemo(() => buildStyle(palette, { rankSize: false, diff: true }), [palette]);
  const nodeById = useMemo(() => new Map(drawn.nodes.map((n) => [n.id, n])), [drawn]);
  const caseName = summary.status === 'done' ? summary.value.name : 'case';
  const names =
    s.mode === 'cases'
      ? { a: t('graph.diff.caseName', { name: caseName }), b: result?.otherName ? t('graph.diff.caseName', { name: result.otherName }) : t('graph.diff.otherCase') }
      : { a: t('graph.diff.windowA', { from: s.aFrom.replace('T', ' ') || t('graph.diff.start'), to: s.aTo.replace('T', ' ') || t('graph.diff.end') }), b: t('graph.diff.windowB', { from: s.bFrom.replace('T', ' ') || t('graph.diff.start'), to: s.bTo.replace('T', ' ') || t('graph.diff.end') }) };
  const otherCases = cases.status === 'done' ? cases.value.filter((c) => c.id !== caseId) : [];

  const onExport = async (kind: ExportKind) => {
    if (!handle.current || !result) return;
    setExportError(null);
    try {
      await exportGraphAs(kind, handle.current, diffExportGraph(result), { ...query, mode: s.mode, a: s.mode === 'windows' ? windowOf(s.aFrom, s.aTo) : caseId, b: s.mode === 'windows' ? windowOf(s.bFrom, s.bTo) : s.other }, palette, { rankSize: false, diff: true }, caseName, `diff-${s.view}`);
    } catch (e) {
      setExportError(errorText(e));
    }
  };

  return (
    <div className="graph-view graph-view-diff" data-testid="diff-view" data-status={data.status}>
      <div className="graph-main">
        <DiffForm key={key} value={s} cases={otherCases} onApply={(next) => setParams(writeDiff(next))} />
        <Toolbar
          layout={s.layout}
          onLayout={(layout) => setParams(writeDiff({ ...s, layout }))}
          labels={labels}
          onLabels={setLabels}
          selectedNode={null}
          hidden={0}
          onFit={() => handle.current?.fit()}
          onFocus={() => undefined}
          onHide={() => undefined}
          onShowAll={() => handle.current?.showAll()}
          onExport={(k) => void onExport(k)}
          exporting={false}
        />
        <div className="graph-status" aria-live="polite">
          {s.mode === 'cases' && s.other === '' && <span>{t('graph.diff.chooseCase')}</span>}
          {data.status === 'loading' && ready && <span role="status">{t('graph.diff.comparing')}</span>}
          {data.status === 'failed' && (
            <span role="alert" className="notice notice-error">
              {data.error}
            </span>
          )}
          {result && (
            <span className="diff-counts" data-testid="diff-counts" data-only-a={result.edgeCounts.a} data-only-b={result.edgeCounts.b} data-both={result.edgeCounts.both}>
              <span>{t('graph.diff.onlyA', { name: names.a, count: formatCount(result.edgeCounts.a) })}</span>
              <span>{t('graph.diff.onlyB', { name: names.b, count: formatCount(result.edgeCounts.b) })}</span>
              <span>{t('graph.diff.both', { count: formatCount(result.edgeCounts.both) })}</span>
            </span>
          )}
          {result && result.edges.length === 0 && <span className="muted">{t('graph.diff.empty')}</span>}
          {result && (result.cutA || result.cutB) && (
            <span className="notice" data-testid="graph-cut">
              {' '}
              {t(result.cutA && result.cutB ? 'graph.diff.cutBoth' : result.cutA ? 'graph.diff.cutA' : 'graph.diff.cutB', { count: formatCount(s.limit) })}{' '}
              {s.limit < MAX_LIMIT && (
                <button type="button" onClick={() => setParams(writeDiff({ ...s, limit: Math.min(MAX_LIMIT, s.limit * 5) }))}>
                  {t('graph.raiseLimit', { count: formatCount(Math.min(MAX_LIMIT, s.limit * 5)) })}
                </button>
              )}
            </span>
          )}
          {exportError && (
            <span role="alert" className="notice notice-error">
              {t('graph.exportFailed', { message: exportError })}
            </span>
          )}
        </div>
        <div className="graph-stage">
          <GraphCanvas
            elements={elements}
            style={style}
            layout={s.layout}
            root={null}
            selected={null}
            onSelect={() => undefined}
            onHover={setHover}
            onReady={(h) => {
              handle.current = h;
            }}
            label={t('graph.diff.canvas', { nodes: formatCount(drawn.nodes.length), edges: formatCount(drawn.edges.length) })}
          />
          {hover && nodeById.get(hover.id) && (
            <div className="graph-tooltip" role="tooltip" style={{ left: hover.x + 12, top: hover.y + 12 }}>
              <strong>{nodeById.get(hover.id)!.label}</strong>
              <div>{{ a: t('graph.diff.tipOnly', { name: names.a }), b: t('graph.diff.tipOnly', { name: names.b }), both: t('graph.diff.tipBoth') }[nodeById.get(hover.id)!.side ?? 'both']}</div>
            </div>
          )}
        </div>
        <Legend palette={palette} diff={names} />
      </div>
    </div>
  );
}
