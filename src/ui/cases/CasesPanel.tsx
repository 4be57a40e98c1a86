import { useEffect, useRef, useState } from 'react';
import { makeDemoFile } from '../../engine/demo';
import { DemoButton } from '../components/DemoButton';
import { useT } from '../i18n/i18n';
import { claimDrop, type DroppedFiles } from './drop';
import type { ViewId } from '../shell/view-props';
import type { CaseClient } from './case-client';
import { CaseList } from './CaseList';
import { CaseSummaryView } from './CaseSummaryView';
import { caseFileName, saveFile } from './download';
import { ImportProgressView } from './ImportProgressView';
import { NewCaseForm } from './NewCaseForm';
import { useCases } from './use-cases';

export type { DroppedFiles };

/**
 * Cases kept in this browser: create from files, list, open, rename, export, import, delete.
 * `hrefOf` (given by the shell) links a case's name and its summary to the case's views.
 */
export function CasesPanel({ client, hrefOf, dropped = null }: { client: CaseClient; hrefOf?: (caseId: string, view: ViewId) => string; dropped?: DroppedFiles | null }) {
  const t = useT();
  const cases = useCases(client);
  const { state } = cases;
  // While the demo log is generated, nothing else may start an import before it.
  const [generating, setGenerating] = useState(false);
  const busy = state.importing !== null || state.busy !== null || generating;
  const open = state.open;
  // Files dropped on the page: into the named case (opened first, so its summary shows the result), or
  // to the new-case form (its name and times apply).
  const latest = useRef(cases);
  latest.current = cases;
  const newCaseDrop = dropped && dropped.into === null ? dropped : null;
  useEffect(() => {
    if (!dropped || dropped.into === null || !claimDrop(dropped.seq)) return;
    const { into, files } = dropped;
    void (async () => {
      await latest.current.open(into);
      await latest.current.importInto(into, files, { mode: 'add' });
    })();
  }, [dropped]);
  return (
    <div className="cases-panel" data-testid="cases-panel" data-imports-finished={state.importsFinished}>
      <NewCaseForm
        disabled={busy}
        onCreate={(name, options, files) => void cases.createWithFiles(name, options, files)}
        onCaseFile={(file) => void cases.importCaseFile(file)}
        onError={cases.notify}
        dropped={newCaseDrop}
      />
      <p className="demo-case">
        <DemoButton
          label="demo.case"
          testId="demo-case-button"
          disabled={busy}
          // The button says "Generating" only while the log is built; then the generated file goes
          // through the same import as picked files (progress, Cancel, summary), not awaited here.
          onDemo={async () => {
            setGenerating(true);
            let file: File;
            try {
              file = await makeDemoFile();
            } finally {
              setGenerating(false);
            }
            void cases.createWithFiles(t('cases.demoName'), { tzHours: 0, from: null, to: null }, [file]);
          }}
        />{' '}
        <span className="muted">{t('cases.demoHint')}</span>
      </p>
      {state.importing && <ImportProgressView progress={state.importing.progress} onCancel={cases.cancelImport} />}
      {state.busy && (
        <p role="status" className="muted">
          {state.busy}
        </p>
      )}
      {state.notice && (
        <p className={`notice notice-${state.notice.kind}`} role={state.notice.kind === 'error' ? 'alert' : 'status'} data-testid="case-notice" data-kind={state.notice.kind}>
          {state.notice.text}
        </p>
      )}
      <CaseList
        cases={state.cases}
        openId={open?.summary.id ?? null}
        disabled={busy}
        hrefOf={hrefOf}
        onOpen={(id) => void cases.open(id)}
        onRename={(id, name) => void cases.rename(id, name)}
        onDelete={(id) => void cases.remove(id)}
        onExport={(id) => void cases.exportCase(id, (name, bytes) => saveFile(caseFileName(name), bytes))}
      />
      {open && (
        <CaseSummaryView
          view={open}
          disabled={busy}
          hrefOf={hrefOf}
          onImport={(files, options) => void cases.importInto(open.summary.id, files, options)}
          onClose={() => void cases.close()}
          onError={cases.notify}
        />
      )}
    </div>
  );
}
