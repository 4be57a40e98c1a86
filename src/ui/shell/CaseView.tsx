import { Suspense, useEffect, useState } from 'react';
import type { CaseSummary } from '../../../workers/case-api';
import { errorText } from '../cases/case-client';
import { useT } from '../i18n/i18n';
import type { CaseSession } from './case-session';
import { ErrorBoundary } from './ErrorBoundary';
import { formatRoute } from './params';
import type { NavigateTo, ViewId } from './view-props';
import { CASE_VIEWS } from './views';

interface Props {
  session: CaseSession;
  caseId: string;
  view: Exclude<ViewId, 'cases' | 'records'>;
  params: URLSearchParams;
  navigate(to: NavigateTo): void;
  setParams(params: Record<string, string>): void;
}

type Opening = { id: string; summary: CaseSummary | null; error: string | null };

/** A view of one case: makes it the worker's open case first, then shows the view (its own chunk). */
export function CaseView({ session, caseId, view, params, navigate, setParams }: Props) {
  const t = useT();
  const [state, setState] = useState<Opening>({ id: caseId, summary: null, error: null });
  useEffect(() => {
    let live = true;
    setState({ id: caseId, summary: null, error: null });
    session.ensure(caseId).then(
      (summary) => live && setState({ id: caseId, summary, error: null }),
      (e: unknown) => live && setState({ id: caseId, summary: null, error: errorText(e) }),
    );
    return () => {
      live = false;
    };
  }, [session, caseId]);

  if (state.error !== null) {
    return (
      <main className="case-view">
        <p role="alert" className="notice notice-error" data-testid="case-open-error">
          {t('case.failed', { message: state.error })}
        </p>
        <p>
          <a href={formatRoute({ caseId: null, view: 'cases' })}>{t('case.backToList')}</a>
        </p>
      </main>
    );
  }
  if (state.summary === null || state.id !== caseId) {
    return (
      <main className="case-view">
        <p role="status" className="muted" data-testid="case-opening">
          {t('case.opening')}
        </p>
      </main>
    );
  }
  const View = CASE_VIEWS[view];
  return (
    <main className="case-view" data-testid="case-view" data-case-id={caseId} data-view={view}>
      <p className="case-bar muted">
        {t('case.current')}{' '}
        <span className="case-name" data-testid="case-view-name">
          {state.summary.name}
        </span>
      </p>
      <ErrorBoundary key={view} fallback={(m) => <p role="alert" className="notice notice-error">{t('view.failed', { message: m })}</p>}>
        <Suspense fallback={<p className="muted" role="status">{t('view.loading')}</p>}>
          <View client={session.client} caseId={caseId} params={params} navigate={navigate} setParams={setParams} />
        </Suspense>
      </ErrorBoundary>
    </main>
  );
}
