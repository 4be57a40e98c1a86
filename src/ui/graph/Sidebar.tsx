import { VIEWS, type ViewName } from '../../core/case/views';
import { VIEW_LABELS } from './graph-model';

/** The reference's sidebar views (§6.3) as buttons; the current one is pressed. */
export function Sidebar({ view, onView, onDiff }: { view: ViewName; onView(v: ViewName): void; onDiff(): void }) {
  return (
    <nav className="graph-sidebar" aria-label="Graph views">
      <ul>
        {VIEWS.map((v) => (
          <li key={v}>
            <button type="button" aria-pressed={v === view} title={VIEW_LABELS[v].hint} onClick={() => onView(v)} data-testid={`graph-view-${v}`}>
              {VIEW_LABELS[v].label}
            </button>
          </li>
        ))}
        <li>
          <button type="button" onClick={onDiff} title="Compare two time windows or two cases" data-testid="graph-to-diff">
            Diff graph…
          </button>
        </li>
      </ul>
    </nav>
  );
}
