import { type MessageKey, useT } from '../i18n/i18n';
import { LAYOUTS, type EdgeLabels, type LayoutName } from './params';
import { formatCount } from '../format';

const LAYOUT_LABELS: Record<LayoutName, MessageKey> = { grid: 'graph.layout.grid', cose: 'graph.layout.cose', circle: 'graph.layout.circle', breadthfirst: 'graph.layout.breadthfirst', concentric: 'graph.layout.concentric' };

export type ExportKind = 'png' | 'jpg' | 'svg' | 'graphml' | 'gexf' | 'csv-nodes' | 'csv-edges' | 'json';
const EXPORTS: [ExportKind, MessageKey][] = [
  ['png', 'graph.export.png'],
  ['jpg', 'graph.export.jpg'],
  ['svg', 'graph.export.svg'],
  ['graphml', 'graph.export.graphml'],
  ['gexf', 'graph.export.gexf'],
  ['csv-edges', 'graph.export.csv-edges'],
  ['csv-nodes', 'graph.export.csv-nodes'],
  ['json', 'graph.export.json'],
];

interface Props {
  layout: LayoutName;
  onLayout(l: LayoutName): void;
  rankSize?: boolean;
  onRankSize?(on: boolean): void;
  /** Grouping of big graphs (grouping.ts); absent where it does not apply (diff graphs). */
  group?: boolean;
  onGroup?(on: boolean): void;
  labels: EdgeLabels;
  onLabels(l: EdgeLabels): void;
  selectedNode: string | null;
  hidden: number;
  onFit(): void;
  onFocus(): void;
  onHide(): void;
  onShowAll(): void;
  onExport(kind: ExportKind): void;
  exporting: boolean;
}

/** Layout choice, view commands, label toggles and the export menu, all plain buttons and inputs. */
export function Toolbar(p: Props) {
  const t = useT();
  return (
    <div className="graph-toolbar" role="toolbar" aria-label={t('graph.tools')}>
      <label>
        {t('graph.layout')}{' '}
        <select value={p.layout} onChange={(e) => p.onLayout(e.target.value as LayoutName)} data-testid="graph-layout">
          {LAYOUTS.map((l) => (
            <option key={l} value={l}>
              {t(LAYOUT_LABELS[l])}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={p.onFit}>
        {t('graph.fit')}
      </button>
      <button type="button" onClick={p.onFocus} disabled={!p.selectedNode} title={t('graph.focusNeighboursHint')}>
        {t('graph.focusNeighbours')}
      </button>
      <button type="button" onClick={p.onHide} disabled={!p.selectedNode} data-testid="graph-hide">
        {t('graph.hideNode')}
      </button>
      <button type="button" onClick={p.onShowAll} data-testid="graph-show-all">
        {t('graph.showAll')}{p.hidden > 0 ? t('graph.hiddenCount', { count: formatCount(p.hidden) }) : ''}
      </button>
      {p.onRankSize && (
        <label title={t('graph.rankSizeHint')}>
          <input type="checkbox" checked={!!p.rankSize} onChange={(e) => p.onRankSize!(e.target.checked)} data-testid="graph-rank-size" /> {t('graph.rankSize')}
        </label>
      )}
      {p.onGroup && (
        <label title={t('graph.groupingHint')}>
          <input type="checkbox" checked={!!p.group} onChange={(e) => p.onGroup!(e.target.checked)} data-testid="graph-group" /> {t('graph.grouping')}
        </label>
      )}
      <fieldset className="graph-labels">
        <legend>{t('graph.edgeLabels')}</legend>
        <label>
          <input type="checkbox" checked={p.labels.count} onChange={(e) => p.onLabels({ ...p.labels, count: e.target.checked })} /> {t('graph.edgeLabel.count')}
        </label>
        <label>
          <input type="checkbox" checked={p.labels.type} onChange={(e) => p.onLabels({ ...p.labels, type: e.target.checked })} /> {t('graph.edgeLabel.type')}
        </label>
        <label>
          <input type="checkbox" checked={p.labels.auth} onChange={(e) => p.onLabels({ ...p.labels, auth: e.target.checked })} /> {t('graph.edgeLabel.auth')}
        </label>
      </fieldset>
      <details className="graph-export">
        <summary data-testid="graph-export">{t('graph.export')}</summary>
        <ul>
          {EXPORTS.map(([kind, label]) => (
            <li key={kind}>
              <button
                type="button"
                onClick={(e) => {
                  e.currentTarget.closest('details')?.removeAttribute('open'); // a menu closes once used
                  p.onExport(kind);
                }}
                disabled={p.exporting}
                data-testid={`export-${kind}`}
              >
                {t(label)}
              </button>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
