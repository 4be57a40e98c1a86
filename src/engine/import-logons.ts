import { addBatch, type CaseAccumulator, type ImportReport, readLogonItems } from '../core/case';
import { blobSource, CHUNK_SIZE, FILE_HEADER_SIZE, hasEvtxMagic, NotEvtxError } from '../core/evtx';
import type { LogonChunk } from '../../workers/evtx-api';
import { chunkBatches, inOrder } from './ordered';
import { AbortError, type WorkerPool } from './pool';

export interface LogonImportProgress {
  file: string;
  bytesDone: number;
  bytesTotal: number;
  records: number;
  accepted: number;
}

/**
 * Imports `files` into `acc`, one after the other: EVTX chunk-parallel on the pool's workers (each
 * returns its chunks' normalized logon events; they are added here strictly in file and record
 * order, which the order-dependent rules need), Event Viewer XML on this thread (it is one stream).
 * A file that is neither is refused with NotEvtxError naming it: the caller imports into a copy of
 * the case and keeps the original on any failure. Cancelling rejects with AbortError.
 */
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
  const progress = (file: string, inFile: number) => options.onProgress?.({ file, bytesDone: before + inFile, bytesTotal, records: report.records, accepted: report.accepted });

  for (const file of files) {
    if (signal.aborted) throw new AbortError();
    const source = acc.addSource({ name: file.name, size: file.size, records: 0, accepted: 0, duplicates: 0, problems: 0, importedAt: (options.now ?? Date.now)() });
    const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
    if (hasEvtxMagic(head)) {
      const opened = await pool.run((api) => api.open(file, file.name), signal);
      if (!opened.ok) throw opened.error.kind === 'not-evtx' ? new NotEvtxError(file.name, opened.error.message) : new Error(`${file.name}: ${opened.error.message}`);
      const layout = opened.value;
      if (layout.problems.length) addBatch(acc, source, { items: [], records: 0, problems: layout.problems, bytesDone: 0 }, report);
      let inFile = FILE_HEADER_SIZE;
      await inOrder(
        pool,
        chunkBatches(layout.blocks, options.batchChunks ?? 8),
        async (indices): Promise<LogonChunk[]> => {
          const reply = await pool.run((api) => api.readLogonChunks(file, layout, indices, acc.options.tzHours), signal);
          if (reply.ok) return reply.value;
          // A batch the worker could not read: reported per chunk, the rest of the file goes on.
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
            inFile += c.bytes;
            addBatch(acc, source, { items: c.items, records: c.records, problems: c.problems, bytesDone: inFile }, report);
          }
          progress(file.name, Math.min(inFile, file.size));
        },
        signal,
      );
    } else {
      // readLogonItems sniffs the content and refuses what is not event XML, naming the file.
      await readLogonItems(
        blobSource(file, file.name),
        acc.options.tzHours,
        (batch) => {
          addBatch(acc, source, batch, report);
          progress(file.name, batch.bytesDone);
        },
        signal,
      );
    }
    before += file.size;
    progress(file.name, 0);
  }
  return report;
}
