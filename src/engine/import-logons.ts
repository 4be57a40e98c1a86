import { addBatch, type CaseAccumulator, type ImportReport, type LogonBatch, readLogonItems } from '../core/case';
import { blobSource, CHUNK_SIZE, FILE_HEADER_SIZE, hasEvtxMagic, NotEvtxError } from '../core/evtx';
import type { LogonChunk } from '../../workers/evtx-api';
import { chunkBatches, inOrder } from './ordered';
import { AbortError, type WorkerPool } from './pool';

/**
 * Reads one file's normalized logon events in order, like readLogonItems, but EVTX chunk-parallel on
 * the pool's workers: each worker normalises its chunks through the fast path, and the batches are
 * handed to `onBatch` strictly in file and record order (the case's order-dependent rules need it).
 * Event Viewer XML is one stream and is read on this thread. Refuses a file that is neither with
 * NotEvtxError naming it; cancelling rejects with AbortError.
 */
export async function readLogonItemsPooled(
  pool: WorkerPool,
  file: Blob & { name: string },
  tzHours: number,
  onBatch: (batch: LogonBatch) => void,
  signal: AbortSignal = new AbortController().signal,
  batchChunks = 8,
): Promise<void> {
  const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  if (!hasEvtxMagic(head)) return readLogonItems(blobSource(file, file.name), tzHours, onBatch, signal);
  const opened = await pool.run((api) => api.open(file, file.name), signal);
  if (!opened.ok) throw opened.error.kind === 'not-evtx' ? new NotEvtxError(file.name, opened.error.message) : new Error(`${file.name}: ${opened.error.message}`);
  const layout = opened.value;
  let bytesDone = Math.min(FILE_HEADER_SIZE, file.size);
  if (layout.problems.length) onBatch({ items: [], records: 0, problems: layout.problems, bytesDone });
  await inOrder(
    pool,
    chunkBatches(layout.blocks, batchChunks),
    async (indices): Promise<LogonChunk[]> => {
      const reply = await pool.run((api) => api.readLogonChunks(file, layout, indices, tzHours), signal);
      if (reply.ok) return reply.value;
      // A batch the worker could not read is reported per chunk; the rest of the file goes on.
      return indices.map((index) => ({
        index,
        items: [],
        records: 0,
        problems: [{ file: file.name, chunk: index, offset: FILE_HEADER_SIZE + index * CHUNK_SIZE, kind: 'read-error', message: `chunk not parsed: ${reply.error.message}` }],
        bytes: CHUNK_SIZE,
      }));
    },
    (chunks) => {
      for (const c of chunks) {
        bytesDone += c.bytes;
        onBatch({ items: c.items, records: c.records, problems: c.problems, bytesDone: Math.min(bytesDone, file.size) });
      }
    },
    signal,
  );
}

export interface LogonImportProgress {
  file: string;
  bytesDone: number;
  bytesTotal: number;
  records: number;
  accepted: number;
}

/** Imports `files` into `acc` one after the other through readLogonItemsPooled. */
export async function importLogons(
  pool: WorkerPool,
  acc: CaseAccumulator,
  files: readonly File[],
  options: { signal?: AbortSignal; onProgress?: (p: LogonImportProgress) => void; batchChunks?: number; now?: () => number } = {},
): Promise<ImportReport> {
  const signal = options.signal ?? new AbortController().signal;
  const report: ImportReport = { records: 0, accepted: 0, duplicates: 0, outsideWindow: 0, problems: [] };
  const bytesTotal = files.reduce((n, f) => n + f.size, 0);
  let before = 0;
  for (const file of files) {
    if (signal.aborted) throw new AbortError();
    const source = acc.addSource({ name: file.name, size: file.size, records: 0, accepted: 0, duplicates: 0, problems: 0, importedAt: (options.now ?? Date.now)() });
    await readLogonItemsPooled(
      pool,
      file,
      acc.options.tzHours,
      (batch) => {
        addBatch(acc, source, batch, report);
        options.onProgress?.({ file: file.name, bytesDone: before + batch.bytesDone, bytesTotal, records: report.records, accepted: report.accepted });
      },
      signal,
      options.batchChunks,
    );
    before += file.size;
  }
  return report;
}
