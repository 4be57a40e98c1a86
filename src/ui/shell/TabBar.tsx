import { useT } from '../i18n/i18n';
import { formatRoute, needsCase } from './params';
import { VIEW_IDS, type ViewId } from './view-props';

interface Props {
  view: ViewId;
  /** The case the case views would show (the route's, else the one open in the worker). */
  caseId: string | null;
  onGo(view: ViewId): void;
}

/**
 * The views as links (each is a URL: middle-click and copy work). Views of a case are shown but
 * disabled until a case is open. The Cases tab keeps `data-testid="cases-toggle"` (the name of the
 * button it replaced, which specs use).
 */
export function TabBar({ view, caseId, onGo }: Props) {
  const t = useT();
  return (
    <nav className="tabs" aria-label={t('nav.label')}>
      <ul>
        {VIEW_IDS.map((v) => {
          const disabled = needsCase(v) && caseId === null;
          const label = t(`view.${v}` as const);
          return (
            <li key={v}>
              {disabled ? (
                <a aria-disabled="true" title={t('nav.needsCase')} data-view={v}>
                  {label}
                </a>
              ) : (
                <a
                  href={formatRoute({ caseId: needsCase(v) ? caseId : null, view: v })}
                  aria-current={v === view ? 'page' : undefined}
                  data-view={v}
                  data-testid={v === 'cases' ? 'cases-toggle' : `tab-${v}`}
                  onClick={(e) => {
                    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
                    e.preventDefault();
                    onGo(v);
                  }}
                >
                  {label}
                </a>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
