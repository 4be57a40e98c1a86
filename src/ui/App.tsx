import { DemoButton } from './components/DemoButton';
import { DropOverlay } from './components/DropOverlay';
import { FilePicker } from './components/FilePicker';
import { Counts } from './components/Counts';
import { ProblemList } from './components/ProblemList';
import { ProgressPanel } from './components/ProgressPanel';
import { RecordDetail } from './components/RecordDetail';
import { RecordTable } from './components/RecordTable';
import { RefusedList } from './components/RefusedList';
import { useFileDrop } from './components/use-file-drop';
import type { AppController } from './state/controller';
import { useStoreVersion } from './state/use-store';
import { CasesView } from './cases/CasesView';
import { useViewToggle } from './cases/use-view-toggle';

/** The page: wires the store's state and the controller's actions to the components. */
export function App({ controller }: { controller: AppController }) {
  const { store } = controller;
  useStoreVersion(store);
  const dragging = useFileDrop(controller.open);
  const [cases, toggleCases] = useViewToggle();
  const selectedRow = store.rows[store.selected] ?? null;
  return (
    <div className="app">
      <header className="top">
        <h1>LogonLens</h1>
        <FilePicker onFiles={controller.open} />
        <DemoButton onDemo={controller.openDemo} />
        <button type="button" aria-pressed={cases} onClick={toggleCases} data-testid="cases-toggle">
          {cases ? 'Back to records' : 'Cases'}
        </button>
        <Counts records={store.rows.length} notListed={store.rowsNotListed} problems={store.problems.length} refused={store.refused.length} files={store.files.length} />
      </header>
      <ProgressPanel status={store.status} progress={store.progress} error={store.error} onCancel={controller.cancel} />
      <RefusedList refused={store.refused} />
      {cases && <CasesView />}
      <main className="workspace" hidden={cases}>
        <RecordTable
          rows={store.rows}
          count={store.rows.length}
          cursor={store.cursor}
          selected={store.selected}
          onCursor={controller.moveCursor}
          onSelect={controller.select}
        />
        <RecordDetail detail={store.detail} row={selectedRow} file={selectedRow ? store.fileOfRow(store.selected) : null} />
      </main>
      <ProblemList problems={store.problems} count={store.problems.length} />
      <DropOverlay active={dragging} />
    </div>
  );
}
