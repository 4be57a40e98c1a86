import { useCallback, useState, useSyncExternalStore } from 'react';
import { CasesPanel } from './cases/CasesPanel';
import { DropOverlay } from './components/DropOverlay';
import { useFileDrop } from './components/use-file-drop';
import { I18nProvider, useT } from './i18n/i18n';
import { type CaseSession, caseSession } from './shell/case-session';
import { CaseView } from './shell/CaseView';
import { needsCase, formatRoute } from './shell/params';
import { Preferences } from './shell/Preferences';
import { RecordsView } from './shell/RecordsView';
import { useRoute } from './shell/router';
import { useShortcuts } from './shell/shortcuts';
import { ShortcutsDialog } from './shell/ShortcutsDialog';
import { TabBar } from './shell/TabBar';
import { useTheme } from './shell/theme';
import { UpdateBanner } from './shell/UpdateBanner';
import type { NavigateTo, ViewId } from './shell/view-props';
import type { AppController } from './state/controller';

/** The page: language, then the shell (tabs, routing, preferences, shortcuts) around the views. */
export function App({ controller }: { controller: AppController }) {
  return (
    <I18nProvider>
      <Shell controller={controller} />
    </I18nProvider>
  );
}

const noSession = { subscribe: () => () => undefined, current: () => null };

/** The case the worker has open (the panel's Open, an import), for the tabs when the URL names none. */
function useOpenCase(session: CaseSession | null): string | null {
  const s = session ?? noSession;
  return useSyncExternalStore(s.subscribe, s.current);
}

function Shell({ controller }: { controller: AppController }) {
  const t = useT();
  const [theme, setTheme] = useTheme();
  const { route, go } = useRoute();
  const [help, setHelp] = useState(false);
  // The case worker starts only once a case or the cases list is wanted: the record table never needs it.
  const [session, setSession] = useState<CaseSession | null>(null);
  const wantsSession = route.view !== 'records' || route.caseId !== null;
  if (wantsSession && session === null) setSession(caseSession());
  const openCase = useOpenCase(session);
  const caseId = route.caseId ?? openCase;

  const goView = useCallback(
    (view: ViewId, params?: Record<string, string>) => {
      if (!needsCase(view)) return go({ caseId: null, view, params });
      if (caseId === null) return go({ caseId: null, view: 'cases' });
      go({ caseId, view, params });
    },
    [go, caseId],
  );
  const navigate = useCallback((to: NavigateTo) => goView(to.view, to.params), [goView]);
  const setParams = useCallback((params: Record<string, string>) => go({ caseId: route.caseId, view: route.view, params }, true), [go, route.caseId, route.view]);
  useShortcuts({ view: (v) => goView(v), help: () => setHelp(true) });

  const openFiles = useCallback(
    (files: File[]) => {
      if (route.view !== 'records') go({ caseId: null, view: 'records' });
      void controller.open(files);
    },
    [controller, go, route.view],
  );
  const dragging = useFileDrop(openFiles);

  let content;
  if (route.view === 'records') content = <RecordsView controller={controller} />;
  else if (route.view === 'cases' || route.caseId === null) {
    content = (
      <main className="cases-main">
        <CasesPanel client={(session ?? caseSession()).client} hrefOf={(id, view) => formatRoute({ caseId: id, view })} />
      </main>
    );
  } else content = <CaseView session={session ?? caseSession()} caseId={route.caseId} view={route.view} params={route.params} navigate={navigate} setParams={setParams} />;

  return (
    <div className="app" data-view={route.view}>
      <header className="shell-top">
        <h1>LogonLens</h1>
        <TabBar view={route.view} caseId={caseId} onGo={(v) => goView(v)} />
        <Preferences theme={theme} onTheme={setTheme} onHelp={() => setHelp(true)} />
      </header>
      <p className="visually-hidden">{t('app.tagline')}</p>
      <UpdateBanner />
      {content}
      <DropOverlay active={dragging} />
      <ShortcutsDialog open={help} onClose={() => setHelp(false)} />
    </div>
  );
}
