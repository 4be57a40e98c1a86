import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ViewProps } from '../shell/view-props';
import type { SearchTerm, ViewEdge } from '../../core/case/views';
import type { GraphResult } from '../../../workers/case-api';
import { errorText } from '../cases/case-client';
import { formatCount } from '../format';
import { BIG_GRAPH, buildStyle, type GraphHandle, toElements } from './cy';
import { isGroupId } from '../../core/case/aggregate';
import { useT } from '../i18n/i18n';
import { drawnGraph } from './grouping';
import { exportGraphAs } from './download';
import { EdgeDetails } from './EdgeDetails';
import { FilterPanel, type Filters } from './FilterPanel';
import { GraphCanvas, type Hover } from './GraphCanvas';
import { exportGraph, VIEW_LABELS } from './graph-model';
import { Legend } from './Legend';
import { NodeDetails } from './NodeDetails';
import { NodePicker } from './NodePicker';
import { nextLimit, readState, toQuery, writeState, type GraphState } from './params';
import { SearchBar } from './SearchBar';
import { Sidebar } from './Sidebar';
import { usePalette } from './theme';
import { Toolbar, type ExportKind } from './Toolbar';
import { Tooltip } from './Tooltip';
import { useLoad } from '../analysis/use-load';
import './graph.css';

/** The edges of the drawn graph touching a node, for choosing one with the keyboard. */
function NodeEdges({ edges, id, names, onSelect }: { edges: ViewEdge[]; id: string; names: Map<string, string>; onSelect(id: string): void }) {
  const mine = edges.filter((e) => e.source === id || e.target === id);
  const t = useT();
  if (mine.length === 0) return null;
  return (
    <section aria-label={t('graph.nodeEdges')}>
      <h4>{t('graph.nodeEdgesTitle', { count: formatCount(mine.length) })}</h4>
      <ul className="node-edges" data-testid="node-edges">
        {mine.slice(0, 100).map((e) => (
          <li key={e.id}>
            <button type="button" onClick={() => onSelect(e.id)} data-testid="node-edge">
              {names.get(e.source === id ? e.target : e.source)} · {e.eventId ?? t(`graph.edgeKind.${e.kind}`)}
              {e.logonType !== null ? t('graph.edgeType', { type: e.logonType }) : ''} · {formatCount(e.count)}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

const NONE_OPEN: ReadonlySet<string> = new Set();

/** A line standing for several edges (parallel ones, or into a group): each of them, to choose one. */
function EdgeBundle({ ids, edgeById, names, onSelect }: { ids: string[]; edgeById: Map<string, ViewEdge>; names: Map<string, string>; onSelect(id: string): void }) {
  const t = useT();
  const title = t('graph.bundleTitle', { count: formatCount(ids.length) });
  return (
    <section aria-label={title}>
      <h4>{title}</h4>
      <ul className="node-edges" data-testid="edge-bundle">
        {ids.slice(0, 100).map((id) => {
          const e = edgeById.get(id);
          return e ? (
            <li key={id}>
              <button type="button" onClick={() => onSelect(id)} data-testid="bundle-edge">
                {names.get(e.source) ?? e.source} → {names.get(e.target) ?? e.target} · {e.eventId ?? t(`graph.edgeKind.${e.kind}`)}
                {e.logonType !== null ? t('graph.edgeType', { type: e.logonType }) : ''} · {formatCount(e.count)}
              </button>
            </li>
          ) : null;
        })}
      </ul>
    </section>
  );
}

/**
 * The graph view (reference §6.2–§6.9): sidebar views, search, filters, the Cytoscape canvas with its
 * legend and tools, and the details of the selected node or edge. Its state lives in the URL.
 */
export function GraphView({ client, caseId, params, navigate, setParams }: ViewProps) {
  const state = useMemo(() => readState(params), [params]);
  const update = useCallback((patch: Partial<GraphState>) => setParams(writeState({ ...state, ...patch })), [state, setParams]);
  const palette = usePalette();
  const handle = useRef<GraphHandle | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const [hidden, setHidden] = useState(0);
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [layoutRunning, setLayoutRunning] = useState(false);

  const summary = useLoad(() => client.summary(), `summary:${caseId}`);
  const query = useMemo(() => toQuery(state), [state]);
  const queryKey = `${caseId}:${JSON.stringify(query)}`;
  const data = useLoad<GraphResult>(async () => {
    const t0 = performance.now();
    const r = await client.graph(query);
    performance.measure('graph:query', { start: t0, end: performance.now() });
    return r;
  }, queryKey);
  const result = data.status === 'done' ? data.value : null;

  const t = useT();
  // Groups opened by the user (clicked, or holding a node chosen elsewhere), for the answer they were
  // opened in: a new answer starts closed without a second pass over the graph.
  const [opened, setOpened] = useState<{ of: GraphResult | null; ids: ReadonlySet<string> }>({ of: null, ids: new Set() });
  const expanded = opened.of === result ? opened.ids : NONE_OPEN;
  const open = useCallback((group: string) => setOpened((o) => ({ of: result, ids: new Set([...(o.of === result ? o.ids : []), group]) })), [result]);
  const drawn = useMemo(
    () => (result ? drawnGraph(result, state.labels, state.search, { group: state.group, expanded, t }) : { nodes: [], edges: [], groups: new Map(), groupOf: new Map<string, string>(), bundles: new Map<string, string[]>(), folded: 0 }),
    [result, state.labels, state.search, state.group, expanded, t],
  );
  const elements = useMemo(() => toElements(drawn.nodes, drawn.edges), [drawn]);
  const style = useMemo(() => buildStyle(palette, { rankSize: state.rankSize, diff: false }), [palette, state.rankSize]);
  const root = drawn.nodes.find((n) => n.root)?.id ?? null;
  // Every node's name, folded or not (edge lists name both ends).
  const names = useMemo(() => new Map([...(result?.nodes.map((n, i): [string, string] => [n.id, result.attrs[i]!.label]) ?? []), ...drawn.nodes.map((n): [string, string] => [n.id, n.label])]), [result, drawn]);
  const nodeById = useMemo(() => new Map(drawn.nodes.map((n) => [n.id, n])), [drawn]);
  const edgeById = useMemo(() => new Map((result?.edges ?? []).map((e) => [e.id, e])), [result]);

  useEffect(() => setHidden(0), [elements]); // a new graph shows everything again

  const selected = state.selected;
  const selectedNode = selected !== null && nodeById.has(selected) ? selected : null;
  const selectedEdge = selected !== null ? edgeById.get(selected) : undefined;
  const select = useCallback(
    (id: string | null) => {
      // A group opens instead of being selected; a node folded into one opens its group.
      if (id !== null && isGroupId(id)) return open(id);
      const group = id === null ? undefined : drawn.groupOf.get(id);
      if (group) open(group);
      update({ selected: id });
    },
    [update, drawn, open],
  );
  const bundle = selected !== null ? drawn.bundles.get(selected) : undefined;
  const search = (terms: SearchTerm[]) => update({ search: terms, selected: null });
  const caseName = summary.status === 'done' ? summary.value.name : 'case';

  const onExport = async (kind: ExportKind) => {
    if (!handle.current || !result) return;
    setExporting(true);
    setExportError(null);
    try {
      await exportGraphAs(kind, handle.current, exportGraph(result), query, palette, { rankSize: state.rankSize, diff: false }, caseName, state.view);
    } catch (e) {
      setExportError(errorText(e));
    } finally {
      setExporting(false);
    }
  };

  const filters: Filters = { eventIds: state.eventIds, minCount: state.minCount, from: state.from, to: state.to };
  const cut = result !== null && result.matched > result.edges.length;
  const raised = nextLimit(state.limit);
  const big = drawn.nodes.length + drawn.edges.length > BIG_GRAPH;

  return (
    <div className="graph-view" data-testid="graph-view" data-view={state.view} data-status={data.status} data-nodes={result?.nodes.length ?? 0} data-edges={result?.edges.length ?? 0} data-drawn-nodes={drawn.nodes.length} data-drawn-edges={drawn.edges.length}>
      <Sidebar view={state.view} onView={(v) => update({ view: v, selected: null })} onDiff={() => navigate({ view: 'diff', params: { view: state.view } })} />
      <div className="graph-main">
        <SearchBar client={client} terms={state.search} onSearch={search} />
        <details className="graph-filter-box">
          <summary data-testid="graph-filter-toggle">
            {t('graph.filter')}{state.eventIds.length < 5 || state.minCount > 0 || state.from || state.to ? t('graph.filterActive') : ''}
          </summary>
          <FilterPanel value={filters} tzHours={summary.status === 'done' ? summary.value.options.tzHours : null} onApply={(f) => update({ ...f, selected: null })} />
        </details>
        <Toolbar
          layout={state.layout}
          onLayout={(layout) => update({ layout })}
          rankSize={state.rankSize}
          onRankSize={(rankSize) => update({ rankSize })}
          group={state.group}
          onGroup={(group) => update({ group })}
          labels={state.labels}
          onLabels={(labels) => update({ labels })}
          selectedNode={selectedNode}
          hidden={hidden}
          onFit={() => handle.current?.fit()}
          onFocus={() => selectedNode && handle.current?.focus(selectedNode)}
          onHide={() => {
            if (!selectedNode || !handle.current) return;
            handle.current.hide(selectedNode);
            setHidden(handle.current.hiddenCount());
            select(null);
          }}
          onShowAll={() => {
            handle.current?.showAll();
            setHidden(0);
          }}
          onExport={(k) => void onExport(k)}
          exporting={exporting}
        />
        <div className="graph-status" aria-live="polite">
          {data.status === 'loading' && <span role="status">{t('graph.loading', { view: t(VIEW_LABELS[state.view].label) })}</span>}
          {data.status === 'failed' && (
            <span role="alert" className="notice notice-error">
              {data.error}
            </span>
          )}
          {result && (
            <span data-testid="graph-counts">
              {t('graph.counts', { view: t(VIEW_LABELS[state.view].label), nodes: formatCount(result.nodes.length), edges: formatCount(result.edges.length) })}
            </span>
          )}
          {result && result.edges.length === 0 && <span className="muted">{t('graph.empty')}</span>}
          {cut && (
            <span className="notice" data-testid="graph-cut">
              {' '}
              {t('graph.cut', { shown: formatCount(result.edges.length), matched: formatCount(result.matched) })}{' '}
              {raised !== null && (
                <button type="button" onClick={() => update({ limit: raised })} data-testid="graph-raise-limit">
                  {t('graph.raiseLimit', { count: formatCount(raised) })}
                </button>
              )}
            </span>
          )}
          {big && (
            <span className="muted" data-testid="graph-big-mode">
              {' '}
              {t('graph.big')}
            </span>
          )}
          {drawn.folded > 0 && (
            <span className="muted" data-testid="graph-grouped" data-groups={drawn.groups.size}>
              {' '}
              {t('graph.grouped', { members: formatCount(drawn.folded), groups: formatCount(drawn.groups.size) })}
            </span>
          )}
          {layoutRunning && (
            <span role="status" data-testid="graph-layout-running">
              {' '}
              {t('graph.layoutRunning')}
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
            layout={state.layout}
            root={root}
            selected={selected}
            onSelect={select}
            onHover={setHover}
            onReady={(h) => {
              handle.current = h;
            }}
            label={t('graph.canvasLabel', { view: t(VIEW_LABELS[state.view].label), nodes: formatCount(drawn.nodes.length), edges: formatCount(drawn.edges.length) })}
            big={big}
            onLayoutRunning={setLayoutRunning}
          />
          {hover && <Tooltip hover={hover} node={nodeById.get(hover.id)} edge={edgeById.get(hover.id)} names={names} />}
        </div>
        <Legend palette={palette} />
      </div>
      <aside className="graph-details" aria-label={t('graph.details')}>
        <NodePicker nodes={drawn.nodes} selected={selectedNode} onSelect={select} />
        {selectedNode && (
          <>
            <NodeDetails
              client={client}
              id={selectedNode}
              onSearch={(t) => search([t])}
              onFocus={() => handle.current?.focus(selectedNode)}
              onHide={() => {
                handle.current?.hide(selectedNode);
                setHidden(handle.current?.hiddenCount() ?? 0);
                select(null);
              }}
            />
            <NodeEdges edges={result?.edges ?? []} id={selectedNode} names={names} onSelect={select} />
          </>
        )}
        {selectedEdge && <EdgeDetails client={client} edge={selectedEdge} names={names} />}
        {bundle && <EdgeBundle ids={bundle} edgeById={edgeById} names={names} onSelect={select} />}
        {!selectedNode && !selectedEdge && !bundle && <p className="muted">{t('graph.detailsHint')}</p>}
      </aside>
    </div>
  );
}
