import { blobSource } from '../src/core/evtx';
import type { CaseAccumulator } from '../src/core/case/accumulator';
import { analyze, type CaseAnalysis } from '../src/core/case/analysis';
import { decodeCaseFile } from '../src/core/case/case-file';
import type { Detection } from '../src/core/case/detections';
import type { CaseOptions } from '../src/core/case/facts';
import { restore } from '../src/core/case/snapshot';
import type { Timeline } from '../src/core/case/timelines';
import { queryView, type ViewQuery, type ViewResult } from '../src/core/case/views';
import type { CaseStore } from '../src/core/store/case-store';
import type { CaseMeta } from '../src/core/store/meta';
import { importIntoCase, type ImportOptions, type ImportProgressInfo, type ImportResult, type SourceReader } from './case-import';
import { readLogonItems } from '../src/core/case/logon-items';
import type { ByteSource } from '../src/core/evtx';
import { readLogonItemsPooled } from '../src/engine/import-logons';
import type { WorkerPool } from '../src/engine/pool';
import { type CaseSummary, countsOf, edgeEventsOf, type EdgeEventRow, type RankRow, ranksOf, summaryOf, Timelines } from './case-queries';

export type { CaseSummary, EdgeEventRow, ImportOptions, ImportProgressInfo, ImportResult, RankRow };

/**
 * The case worker's API (case.worker.ts exposes it through Comlink; the page calls it). Cases live
 * in the store; the open case's accumulator and analysis stay in this worker's memory so queries
 * answer without re-reading or re-analysing. Failures throw Errors whose message says what to do
 * (Comlink passes name and message on); importFiles returns its outcome as a value instead, since
 * a cancel is not an error.
 */
export interface CaseWorkerApi {
  listCases(): Promise<CaseMeta[]>;
  createCase(name: string, options: CaseOptions): Promise<CaseMeta>;
  renameCase(id: string, name: string): Promise<CaseMeta>;
  deleteCase(id: string): Promise<void>;
  /** Imports files into the case (see case-import.ts); the case is open afterwards when it succeeds. */
  importFiles(caseId: string, files: File[], options: ImportOptions, onProgress: (p: ImportProgressInfo) => void): Promise<ImportResult>;
  /** Stops the running import (checked between batches): it then resolves as cancelled, nothing saved. */
  cancelImport(): Promise<boolean>;
  /** Loads and analyses a stored case; queries below are about it. */
  openCase(id: string): Promise<CaseSummary>;
  closeCase(): Promise<void>;
  summary(): Promise<CaseSummary>;
  view(query: ViewQuery): Promise<ViewResult>;
  ranks(limit?: number): Promise<{ users: RankRow[]; hosts: RankRow[] }>;
  detections(): Promise<Detection[]>;
  timeline(kind: 'user' | 'host', index: number): Promise<Timeline>;
  edgeEvents(edgeIndex: number, limit: number): Promise<{ rows: EdgeEventRow[]; total: number }>;
  /** The case as one .llcase file (the stored bytes). */
  exportCase(id: string): Promise<{ name: string; bytes: Uint8Array }>;
  /** Stores a .llcase file as a new case named `name`; refuses anything else (NotACaseError). */
  importCaseFile(file: Blob, name: string): Promise<CaseMeta>;
}

interface OpenCase {
  meta: CaseMeta;
  acc: CaseAccumulator;
  analysis: CaseAnalysis;
  timelines: Timelines;
}

/** `transfer` marks a result's buffer as moved rather than copied (Comlink.transfer in the worker). */
/**
 * `parsers`: where the case worker has them, a pool of parsing workers for chunk-parallel EVTX
 * imports (created on the first import); without it, files are read on the case worker's thread.
 */
export function createCaseApi(
  store: CaseStore,
  transfer: <T>(value: T, buffers: ArrayBuffer[]) => T = (v) => v,
  parsers: (() => WorkerPool) | null = null,
): CaseWorkerApi {
  let pool: WorkerPool | null = null;
  const filesBySource = new WeakMap<ByteSource, File>();
  const readSource: SourceReader = (source, tzHours, onBatch, signal) => {
    const file = filesBySource.get(source);
    if (!file || !parsers) return readLogonItems(source, tzHours, onBatch, signal);
    pool ??= parsers();
    return readLogonItemsPooled(pool, file, tzHours, onBatch, signal);
  };
  let open: OpenCase | null = null;
  let running: AbortController | null = null;

  const setOpen = (meta: CaseMeta, acc: CaseAccumulator, analysis: CaseAnalysis) => {
    open = { meta, acc, analysis, timelines: new Timelines(acc, analysis) };
    return summaryOf(meta, analysis);
  };
  const current = (): OpenCase => {
    if (!open) throw new Error('No case is open: open one from the list first.');
    return open;
  };

  return {
    listCases: () => store.list(),
    createCase: (name, options) => store.create(name, options),
    async renameCase(id, name) {
      const meta = await store.rename(id, name);
      if (open?.meta.id === id) open.meta = meta;
      return meta;
    },
    async deleteCase(id) {
      await store.remove(id);
      if (open?.meta.id === id) open = null;
    },

    async importFiles(caseId, files, options, onProgress) {
      if (running) return { status: 'failed', kind: 'busy', message: 'Another import is running: wait for it or cancel it first.' };
      const controller = new AbortController();
      running = controller;
      try {
        const sources = files.map((f) => {
          const source = blobSource(f, f.name);
          filesBySource.set(source, f);
          return source;
        });
        const out = await importIntoCase(store, caseId, sources, options, onProgress, controller.signal, undefined, readSource);
        if (out.result.status === 'done' && out.acc && out.analysis) setOpen(out.result.meta, out.acc, out.analysis);
        return out.result;
      } finally {
        running = null;
      }
    },
    async cancelImport() {
      if (!running) return false;
      running.abort();
      return true;
    },

    async openCase(id) {
      const { meta, snapshot } = await store.load(id);
      const acc = restore(snapshot);
      return setOpen(meta, acc, analyze(acc));
    },
    async closeCase() {
      open = null;
    },
    async summary() {
      const c = current();
      return summaryOf(c.meta, c.analysis);
    },
    async view(query) {
      const c = current();
      return queryView(c.acc, c.analysis, query);
    },
    async ranks(limit) {
      return ranksOf(current().analysis, limit);
    },
    async detections() {
      return current().analysis.detections;
    },
    async timeline(kind, index) {
      return current().timelines.of(kind, index);
    },
    async edgeEvents(edgeIndex, limit) {
      const c = current();
      return edgeEventsOf(c.acc, c.analysis, edgeIndex, Math.max(0, Math.min(limit, 100_000)));
    },

    async exportCase(id) {
      const [meta, bytes] = await Promise.all([store.get(id), store.loadFile(id)]);
      return transfer({ name: meta.name, bytes }, [bytes.buffer as ArrayBuffer]);
    },
    async importCaseFile(file, name) {
      const snapshot = decodeCaseFile(new Uint8Array(await file.arrayBuffer()));
      // restore() checks what decoding cannot (repeated names); analysing gives the list its counts.
      const analysis = analyze(restore(snapshot));
      return store.insert(name, snapshot, countsOf(analysis));
    },
  };
}
