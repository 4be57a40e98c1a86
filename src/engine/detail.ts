import type { RecordRow } from '../core/evtx';
import type { RecordDetail } from '../../workers/evtx-api';
import type { OpenedFile } from './parse';
import type { WorkerPool } from './pool';

export type { RecordDetail };

/**
 * Fetches one record's full JSON and XML from a worker (it re-parses the record's chunk).
 * Rejects with an Error whose message says what is wrong; AbortError when `signal` fires.
 */
export async function fetchRecordDetail(pool: WorkerPool, file: OpenedFile, row: RecordRow, signal?: AbortSignal): Promise<RecordDetail> {
  const reply =
    file.kind === 'evtx' && file.layout
      ? await pool.call((api) => api.recordDetail(file.blob, file.layout!, row.chunk, row.offset), signal)
      : await pool.call((api) => api.xmlRecordDetail(file.blob, file.name, row.offset), signal);
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value;
}
