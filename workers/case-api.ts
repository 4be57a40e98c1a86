import { blobSource } from '../src/core/evtx';
import { fromLogonTracer } from '../src/core/case/from-logontracer';
import { toLogonTracer } from '../src/core/case/logontracer';
import { snapshot as caseSnapshot } from '../src/core/case/snapshot';
import { decodeGraph, encodeGraph } from '../src/core/neo4j/plain';
import { graphCounts, type RowCounts } from '../src/core/neo4j/schema';
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
import { createSigmaApi, progressOfScan, type SigmaDeps, type SigmaWorkerApi, unavailableSigmaApi } from './sigma-api';
import { importIntoCase, type ImportOptions, type ImportProgressInfo, type ImportResult, type SourceReader } from './case-import';
import { readLogonItems } from '../src/core/case/logon-items';
import type { ByteSource } from '../src/core/evtx';
import { readLogonItemsPooled } from '../src/engine/import-logons';
import type { WorkerPool } from '../src/engine/pool';
import {
  type CaseSummary,
  changeFinderOf,
  countsOf,
  edgeEventsOf,
  type EdgeEventRow,
  graphOf,
  type GraphResult,
  type NameKind,
  namesOf,
  type NodeAttrs,
  type NodeInfo,
  nodeInfoOf,
  type RankRow,
  rawRecordOf,
  type RawRecord,
  ranksOf,
  summaryOf,
  Timelines,
} from './case-queries';
import { diffViews, type DiffResult } from '../src/core/case/diff';

export type { CaseSummary, DiffResult, EdgeEventRow, GraphResult, ImportOptions, ImportProgressInfo, ImportResult, NameKind, NodeAttrs, NodeInfo, RankRow, RawRecord };

/** A time window on shifted times (ms), inclusive; null ends are open. */
export interface TimeWindow {
  from: number | null;
  to: number | null;
}

/**
 * The case worker's API (case.worker.ts exposes it through Comlink; the page calls it). Cases live
 * in the store; the open case's accumulator and analysis stay in this worker's memory so queries
 * answer without re-reading or re-analysing. Failures throw Errors whose message says what to do
 * (Comlink passes name and message on); importFiles returns its outcome as a value instead, since
 * a cancel is not an error.
 */
export interface CaseWorkerApi extends SigmaWorkerApi {
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
  /** One account's ChangeFinder scores, one per hour from `first` (the case's first hour). */
  changeFinderScores(userIndex: number): Promise<{ first: number; scores: Float64Array }>;
  /** The timeline downloads as CSV text (reference §6.11), formula-escaped: see src/ui/analysis/csv.ts. */
  timelineCsv(kind: 'user' | 'host', layout: 'summary' | 'details'): Promise<string>;
  /** The case as one .llcase file (the stored bytes). */
  exportCase(id: string): Promise<{ name: string; bytes: Uint8Array }>;
  /** Stores a .llcase file as a new case named `name`; refuses anything else (NotACaseError). */
  importCaseFile(file: Blob, name: string): Promise<CaseMeta>;

  // ——— For the graph views (src/ui/graph) ———
  /** `view(query)` plus the styling attributes of each node (privileged, status flag, rank). */
  graph(query: ViewQuery): Promise<GraphResult>;
  /** Account, host or IP names for autocomplete: starting with `prefix` first, then containing it. */
  names(kind: NameKind, prefix: string, limit: number): Promise<string[]>;
  /** A node's details (properties, ranks, detections) by its view id; null when the case has no such node. */
  nodeInfo(id: string): Promise<NodeInfo | null>;
  /** The same view over two windows of the open case (the query's own from/to are replaced). */
  diffWindows(query: ViewQuery, a: TimeWindow, b: TimeWindow): Promise<DiffResult>;
  /** The same view on the open case (A) and on stored case `otherCaseId` (B), loaded beside it. */
  diffCases(otherCaseId: string, query: ViewQuery): Promise<DiffResult & { otherName: string }>;
  /**
   * The raw record behind an edge event, read again from the imported file when this worker still holds
   * it (files imported since the page was loaded); otherwise `{ available: false, reason }`.
   */
  rawRecord(source: string, recordId: number): Promise<RawRecord>;
  /**
   * Neo4j sync: the open case in LogonTracer's Neo4j schema (toLogonTracer), encoded with encodeGraph
   * so that it moves to the Neo4j worker without the page copying it (transferred).
   */
  logonTracerGraph(): Promise<{ caseId: string; name: string; graph: Uint8Array; counts: RowCounts }>;
  /**
   * Neo4j sync: stores a graph pulled from Neo4j (encoded with encodeGraph) as a new case named `name`
   * (fromLogonTracer; `sourceName` says where it came from). The case is stored, not opened; `notes`
   * says what could not be carried over.
   */
  createCaseFromGraph(name: string, graph: Uint8Array, sourceName: string): Promise<{ meta: CaseMeta; notes: string[]; logonEvents: number }>;
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
  /** Sigma rule packs, bundled rules and results (sigma-api.ts); without them the Sigma methods refuse. */
  sigma: SigmaDeps | null = null,
): CaseWorkerApi {
  const sigmaApi = sigma ? createSigmaApi(sigma) : null;
  let pool: WorkerPool | null = null;
  const filesBySource = new WeakMap<ByteSource, File>();
  const readSource: SourceReader = (source, tzHours, onBatch, signal) => {
    const file = filesBySource.get(source);
    if (!file || !parsers) return readLogonItems(source, tzHours, onBatch, signal);
    pool ??= parsers();
    return readLogonItemsPooled(pool, file, tzHours, onBatch, signal);
  };
  let open: OpenCase | null = null;
  /** Files imported in this session, by name: what rawRecord can still read (a reload loses them). */
  const sessionFiles = new Map<string, File>();
  /** The other case of the last diffCases (analysing it is the costly part). */
  let other: { id: string; revision: number; name: string; acc: CaseAccumulator; analysis: CaseAnalysis } | null = null;
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
    ...(sigmaApi?.api ?? unavailableSigmaApi()),
    listCases: () => store.list(),
    createCase: (name, options) => store.create(name, options),
    async renameCase(id, name) {
      const meta = await store.rename(id, name);
      if (open?.meta.id === id) open.meta = meta;
      return meta;
    },
    async deleteCase(id) {
      await store.remove(id);
      await sigmaApi?.removeResult(id);
      if (open?.meta.id === id) open = null;
    },

    async importFiles(caseId, files, options, onProgress) {
      if (running) return { status: 'failed', kind: 'busy', message: 'Another import is running: wait for it or cancel it first.' };
      const controller = new AbortController();
      running = controller;
      try {
        const sources = files.map((f) => {
          sessionFiles.set(f.name, f);
          const source = blobSource(f, f.name);
          filesBySource.set(source, f);
          return source;
        });
        const out = await importIntoCase(store, caseId, sources, options, onProgress, controller.signal, undefined, readSource);
        if (out.result.status === 'done' && out.acc && out.analysis) setOpen(out.result.meta, out.acc, out.analysis);
        // Sigma scan on import: a second pass over the same files, after the case's commit (sigma-api.ts).
        if (out.result.status === 'done' && options.sigma && sigmaApi) {
          const done = out.result;
          done.sigma = await sigmaApi.scanAndStore(caseId, sources, { ...options.sigma }, (s) => onProgress({ ...progressOfScan(s), accepted: done.report.accepted, duplicates: done.report.duplicates }), controller.signal);
        }
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
    async changeFinderScores(userIndex) {
      const out = changeFinderOf(current().analysis, userIndex);
      return transfer(out, [out.scores.buffer as ArrayBuffer]);
    },
    async timelineCsv(kind, layout) {
      return current().timelines.csv(kind, layout);
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

    async graph(query) {
      const c = current();
      return graphOf(c.acc, c.analysis, query);
    },
    async names(kind, prefix, limit) {
      return namesOf(current().analysis, kind, prefix, Math.min(limit, 1000));
    },
    async nodeInfo(id) {
      const c = current();
      return nodeInfoOf(c.acc, c.analysis, id);
    },
    async diffWindows(query, a, b) {
      const c = current();
      return diffViews(queryView(c.acc, c.analysis, { ...query, ...a }), queryView(c.acc, c.analysis, { ...query, ...b }));
    },
    async diffCases(otherCaseId, query) {
      const c = current();
      const meta = await store.get(otherCaseId);
      if (!other || other.id !== otherCaseId || other.revision !== meta.revision) {
        other = null; // drop the previous one before loading the next
        const { snapshot } = await store.load(otherCaseId);
        const acc = restore(snapshot);
        other = { id: otherCaseId, revision: meta.revision, name: meta.name, acc, analysis: analyze(acc) };
      }
      return { ...diffViews(queryView(c.acc, c.analysis, query), queryView(other.acc, other.analysis, query)), otherName: other.name };
    },
    async rawRecord(source, recordId) {
      const file = sessionFiles.get(source);
      if (!file) return { available: false, reason: `${source} is not open in this page any more (files are read in place and never stored): import it again to see its raw records.` };
      return rawRecordOf(file, source, recordId);
    },
    async logonTracerGraph() {
      const c = current();
      const g = toLogonTracer(c.acc, c.analysis);
      const bytes = encodeGraph(g);
      return transfer({ caseId: c.meta.id, name: c.meta.name, graph: bytes, counts: graphCounts(g) }, [bytes.buffer as ArrayBuffer]);
    },
    async createCaseFromGraph(name, graph, sourceName) {
      let g;
      try {
        g = decodeGraph(graph);
      } catch (e) {
        throw new Error(`What was pulled from Neo4j is not readable: ${(e as Error).message}`);
      }
      const { acc, notes, logonEvents } = fromLogonTracer(g, { sourceName });
      if (logonEvents === 0) throw new Error("The database holds no logon (Event) relationships in LogonTracer's schema: there is nothing to make a case of.");
      const meta = await store.insert(name, caseSnapshot(acc), countsOf(analyze(acc)));
      return { meta, notes, logonEvents };
    },
  };
}
