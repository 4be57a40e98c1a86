import { AbortError, fetchRecordDetail, makeDemoFile, parseFiles, prettyJson, type ParseSink, type WorkerPool } from '../../engine';
import type { AppStore } from './store';

/**
 * The page's actions: open files, cancel, move the cursor, show a record. Parsing and record
 * look-ups run on the worker pool; results go into the store.
 */
export class AppController {
  private run: { stop: AbortController; done: Promise<void> } | null = null;
  private detailStop: AbortController | null = null;
  /** Counts open() calls: only the latest one starts parsing. */
  private generation = 0;

  constructor(
    readonly store: AppStore,
    private readonly pool: WorkerPool,
  ) {}

  /** Generates the demo domain's log in a worker, then opens it like any file. */
  readonly openDemo = async (): Promise<void> => {
    await this.open([await makeDemoFile()]);
  };

  /** Replaces whatever is loaded with `files`, parsed in the order given. */
  readonly open = async (files: readonly File[]): Promise<void> => {
    if (files.length === 0) return;
    const generation = ++this.generation;
    await this.stopRun();
    if (generation !== this.generation) return; // a later open() superseded this one
    this.detailStop?.abort();
    const { store } = this;
    store.clear();
    store.status = 'parsing';
    store.changed(true);
    const stop = new AbortController();
    const sink: ParseSink = {
      fileStarted: (file) => store.files.push({ file, firstRow: store.rows.length }),
      rows: (_file, rows) => {
        store.addRows(rows);
        if (store.cursor < 0) store.cursor = 0;
      },
      problems: (_file, problems) => {
        for (const p of problems) store.problems.push(p);
      },
      refused: (name, message) => {
        store.refused.push({ name, message });
        store.changed(true);
      },
      progress: (p) => {
        store.progress = p;
        store.changed();
      },
    };
    const done = parseFiles(this.pool, files, sink, { signal: stop.signal }).then(
      (summary) => {
        store.status = summary.status;
      },
      (e: unknown) => {
        store.status = 'failed';
        store.error = e instanceof Error ? e.message : String(e);
      },
    );
    this.run = { stop, done };
    await done;
    if (this.run?.stop === stop) this.run = null;
    store.changed(true);
  };

  /** Cancels the running parse (its workers are terminated and replaced); rows so far stay. */
  readonly cancel = (): void => {
    this.run?.stop.abort();
  };

  /** Moves the keyboard cursor to `row` (clamped). */
  readonly moveCursor = (row: number): void => {
    const { store } = this;
    if (store.rows.length === 0) return;
    store.cursor = Math.max(0, Math.min(store.rows.length - 1, row));
    store.changed(true);
  };

  /** Shows row `row`'s full record, fetched from a worker. */
  readonly select = async (row: number): Promise<void> => {
    const { store } = this;
    const record = store.rows[row];
    const file = store.fileOfRow(row);
    if (!record || !file) return;
    this.detailStop?.abort();
    const stop = (this.detailStop = new AbortController());
    store.cursor = store.selected = row;
    store.detail = { row, status: 'loading' };
    store.changed(true);
    try {
      const detail = await fetchRecordDetail(this.pool, file, record, stop.signal);
      if (stop.signal.aborted) return;
      store.detail = { row, status: 'ready', json: prettyJson(detail.json), xml: detail.xml };
    } catch (e) {
      if (e instanceof AbortError && stop.signal.aborted) return;
      store.detail = { row, status: 'error', message: e instanceof Error ? e.message : String(e) };
    }
    store.changed(true);
  };

  private async stopRun(): Promise<void> {
    const run = this.run;
    if (!run) return;
    run.stop.abort();
    await run.done;
  }
}
