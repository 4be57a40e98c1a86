import { VIEWS, type ViewName } from '../../core/case/views';
import { VIEW_LABELS } from './graph-model';
import { useT } from '../i18n/i18n';

/** The reference's sidebar views (§6.3) as buttons; the current one is pressed. */
export function Sidebar({ view, onView, onDiff }: { view: ViewName; onView(v: ViewName): void; onDiff(): void }) {
  const t = useT();
  return (
    <nav className="graph-sidebar" aria-label={t('graph.views')}>
      <ul>
        {VIEWS.map((v) => (
          <li key={v}>
            <button type="button" aria-pressed={v === view} title={t(VIEW_LABELS[v].hint)} onClick={() => onView(v)} data-testid={`graph-view-${v}`}>
              {t(VIEW_LABELS[v].label)}
            </button>
          </li>
        ))}
        <li>
          <button type="button" onClick={onDiff} title={t('graph.toDiffHint')} data-testid="graph-to-diff">
            {t('graph.toDiff')}
          </button>
        </li>
      </ul>
    </nav>
  );
}
