import { useT } from '../i18n/i18n';
import { LAYOUTS, type EdgeLabels, type LayoutName } from './params';

const LAYOUT_LABELS: Record<LayoutName, string> = { grid: 'Grid', cose: 'Force (cose)', circle: 'Circle', breadthfirst: 'Tree (breadth-first)', concentric: 'Concentric (by rank)' };

export type ExportKind = 'png' | 'jpg' | 'svg' | 'graphml' | 'gexf' | 'csv-nodes' | 'csv-edges' | 'json';
const EXPORTS: [ExportKind, string][] = [
  ['png', 'PNG image'],
  ['jpg', 'JPEG image'],
  ['svg', 'SVG drawing'],
  ['graphml', 'GraphML (yEd, Gephi)'],
  ['gexf', 'GEXF (Gephi)'],
  ['csv-edges', 'CSV: edges'],
  ['csv-nodes', 'CSV: nodes'],
  ['json', 'JSON'],
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
    <div className="graph-toolbar" role="toolbar" aria-label="Graph tools">
      <label>
        Layout{' '}
        <select value={p.layout} onChange={(e) => p.onLayout(e.target.value as LayoutName)} data-testid="graph-layout">
          {LAYOUTS.map((l) => (
            <option key={l} value={l}>
              {LAYOUT_LABELS[l]}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={p.onFit}>
        Fit
      </button>
      <button type="button" onClick={p.onFocus} disabled={!p.selectedNode} title="Show only the selected node and its neighbours">
        Focus neighbourhood
      </button>
      <button type="button" onClick={p.onHide} disabled={!p.selectedNode} data-testid="graph-hide">
        Hide node
      </button>
      <button type="button" onClick={p.onShowAll} data-testid="graph-show-all">
        Show all{p.hidden > 0 ? ` (${p.hidden} hidden)` : ''}
      </button>
      {p.onRankSize && (
        <label title="Account nodes sized by their LogonTracer rank (rank × 80 + 20)">
          <input type="checkbox" checked={!!p.rankSize} onChange={(e) => p.onRankSize!(e.target.checked)} data-testid="graph-rank-size" /> Size by rank
        </label>
      )}
      {p.onGroup && (
        <label title={t('graph.groupingHint')}>
          <input type="checkbox" checked={!!p.group} onChange={(e) => p.onGroup!(e.target.checked)} data-testid="graph-group" /> {t('graph.grouping')}
        </label>
      )}
      <fieldset className="graph-labels">
        <legend>Edge labels</legend>
        <label>
          <input type="checkbox" checked={p.labels.count} onChange={(e) => p.onLabels({ ...p.labels, count: e.target.checked })} /> Count
        </label>
        <label>
          <input type="checkbox" checked={p.labels.type} onChange={(e) => p.onLabels({ ...p.labels, type: e.target.checked })} /> Type
        </label>
        <label>
          <input type="checkbox" checked={p.labels.auth} onChange={(e) => p.onLabels({ ...p.labels, auth: e.target.checked })} /> Auth
        </label>
      </fieldset>
      <details className="graph-export">
        <summary data-testid="graph-export">Export</summary>
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
                {label}
              </button>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
