import { Counts } from '../components/Counts';
import { DemoButton } from '../components/DemoButton';
import { FilePicker } from '../components/FilePicker';
import { ProblemList } from '../components/ProblemList';
import { ProgressPanel } from '../components/ProgressPanel';
import { RecordDetail } from '../components/RecordDetail';
import { RecordTable } from '../components/RecordTable';
import { RefusedList } from '../components/RefusedList';
import type { AppController } from '../state/controller';
import { useStoreVersion } from '../state/use-store';

/**
 * The record table page (the app's first view): open files or the demo, progress, the records,
 * the raw record, problems. Its state lives in the store, so leaving and coming back keeps it.
 */
export function RecordsView({ controller }: { controller: AppController }) {
  const { store } = controller;
  useStoreVersion(store);
  const selectedRow = store.rows[store.selected] ?? null;
  return (
    <>
      <div className="top records-toolbar">
        <FilePicker onFiles={controller.open} />
        <DemoButton onDemo={controller.openDemo} label="demo.log" />
        <Counts records={store.rows.length} notListed={store.rowsNotListed} problems={store.problems.length} refused={store.refused.length} files={store.files.length} />
      </div>
      <ProgressPanel status={store.status} progress={store.progress} error={store.error} onCancel={controller.cancel} />
      <RefusedList refused={store.refused} />
      <main className="workspace">
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
    </>
  );
}
