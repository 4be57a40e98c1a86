import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { CasesPanel, type DroppedFiles } from './cases/CasesPanel';
import { DropOverlay, type DropTarget } from './components/DropOverlay';
import { useFileDrop } from './components/use-file-drop';
import { I18nProvider, useT } from './i18n/i18n';
import { type CaseSession, caseSession } from './shell/case-session';
import { CaseView } from './shell/CaseView';
import { type DropChoice, DropDialog } from './shell/DropDialog';
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

  const toRecords = useCallback(
    (files: File[]) => {
      if (route.view !== 'records') go({ caseId: null, view: 'records' });
      void controller.open(files);
    },
    [controller, go, route.view],
  );
  // Files dropped on the page: the record table reads them when it is the view; otherwise they go into
  // a case: a new one from the Cases view, or (asked first) the open case.
  const dropTarget: DropTarget = route.view === 'records' ? 'records' : caseId !== null ? 'open-case' : 'new-case';
  const [dropped, setDropped] = useState<DroppedFiles | null>(null);
  const [asking, setAsking] = useState<{ files: File[]; caseId: string; name: string } | null>(null);
  const seq = useRef(0);
  const toCase = useCallback(
    (files: File[], into: string | null) => {
      setDropped({ files, into, seq: ++seq.current });
      go({ caseId: null, view: 'cases' });
    },
    [go],
  );
  const openFiles = useCallback(
    (files: File[]) => {
      if (dropTarget === 'records') return toRecords(files);
      if (dropTarget === 'new-case' || caseId === null) return toCase(files, null);
      setAsking({ files, caseId, name: '' });
    },
    [dropTarget, toRecords, toCase, caseId],
  );
  const askingId = asking?.caseId ?? null;
  useEffect(() => {
    // The open case's name, for the question.
    if (askingId === null || session === null) return;
    let live = true;
    session.client.listCases().then(
      (list) => live && setAsking((a) => (a && a.caseId === askingId ? { ...a, name: list.find((c) => c.id === askingId)?.name ?? askingId } : a)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [askingId, session]);
  const chooseDrop = (choice: DropChoice | null) => {
    const a = asking;
    setAsking(null);
    if (!a || choice === null) return;
    if (choice === 'records') toRecords(a.files);
    else toCase(a.files, choice === 'add' ? a.caseId : null);
  };
  const dragging = useFileDrop(openFiles);

  let content;
  if (route.view === 'records') content = <RecordsView controller={controller} />;
  else if (route.view === 'cases' || route.caseId === null) {
    content = (
      <main className="cases-main">
        <CasesPanel client={(session ?? caseSession()).client} hrefOf={(id, view) => formatRoute({ caseId: id, view })} dropped={dropped} />
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
      <DropOverlay active={dragging} target={dropTarget} />
      <DropDialog files={asking?.files ?? null} caseName={asking?.name || '…'} onChoose={chooseDrop} />
      <ShortcutsDialog open={help} onClose={() => setHelp(false)} />
    </div>
  );
}
