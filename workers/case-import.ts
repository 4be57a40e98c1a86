import { type ByteSource, hasEvtxMagic, NotEvtxError } from '../src/core/evtx';
import { CaseAccumulator } from '../src/core/case/accumulator';
import { analyze, type CaseAnalysis } from '../src/core/case/analysis';
import type { CaseOptions } from '../src/core/case/facts';
import { addBatch, type ImportReport } from '../src/core/case/import';
import { type LogonBatch, readLogonItems } from '../src/core/case/logon-items';
import { type CaseSnapshot, restore, snapshot } from '../src/core/case/snapshot';
import type { CommitExtra } from '../src/core/store/case-store';
import { CaseConflictError, CaseNotFoundError, StorageFullError } from '../src/core/store/errors';
import type { CaseMeta } from '../src/core/store/meta';
import { looksLikeEventXml } from '../src/core/xml';
import { countsOf } from './case-queries';
import type { SigmaOutcome } from './sigma-api';

export interface ImportOptions {
  /** add: into the case as stored; replace: the case becomes these files only. */
  mode: 'add' | 'replace';
  /** Time zone and window: for a new (empty) case or a replace; a case with events keeps its own. */
  tzHours?: number;
  from?: number | null;
  to?: number | null;
  /**
   * Sigma scan on import: after the case is saved, the case worker scans the same files with these
   * rule sets (sigma-api.ts) and stores the hits with the case (its own table, written right after
   * the case's commit). A failed or cancelled scan leaves the saved case as it is.
   */
  sigma?: { ruleSetIds: string[]; minLevel?: string; statuses?: string[] | null };
}

export type ImportPhase = 'reading' | 'analysing' | 'saving' | 'scanning';

export interface ImportProgressInfo {
  phase: ImportPhase;
  file: string;
  /** 0-based index of the file being read, and how many there are. */
  fileIndex: number;
  files: number;
  bytesDone: number;
  bytesTotal: number;
  /** Records read (all event ids), and of them taken into the case / already in it. */
  records: number;
  accepted: number;
  duplicates: number;
  elapsedMs: number;
  recordsPerSecond: number;
  bytesPerSecond: number;
}

export type ImportFailureKind = 'not-evtx' | 'storage-full' | 'conflict' | 'not-found' | 'options' | 'busy' | 'error';

export type ImportResult =
  | {
      status: 'done';
      meta: CaseMeta;
      report: { records: number; accepted: number; duplicates: number; outsideWindow: number; problems: number };
      /** Where the time went (ms): reading and accumulating, analysing, encoding and saving. */
      timings: { readMs: number; analyseMs: number; saveMs: number };
      /** The Sigma scan asked for with `options.sigma` (sigma-api.ts's SigmaOutcome). */
      sigma?: SigmaOutcome;
    }
  | { status: 'cancelled'; message: string }
  | { status: 'failed'; kind: ImportFailureKind; message: string };

/** What the import needs of the store (CaseStore, or a stand-in in tests). */
export interface ImportStore {
  load(id: string): Promise<{ meta: CaseMeta; snapshot: CaseSnapshot }>;
  commit(id: string, snapshot: CaseSnapshot, extra: CommitExtra): Promise<CaseMeta>;
}

const UNCHANGED = 'Nothing was saved: the case is as it was before.';
const PROGRESS_EVERY_MS = 100;

const sameOptions = (a: CaseOptions, b: CaseOptions) => a.tzHours === b.tzHours && a.from === b.from && a.to === b.to;

/** Refuses files that are neither EVTX nor event XML before reading anything long. */
async function checkKinds(sources: readonly ByteSource[]): Promise<void> {
  for (const s of sources) {
    const head = await s.read(0, 4096);
    if (!hasEvtxMagic(head) && !looksLikeEventXml(head)) {
      throw new NotEvtxError(s.name, head.length === 0 ? 'the file is empty' : 'it is neither EVTX (no "ElfFile" signature) nor Event Viewer XML');
    }
  }
}

function failure(e: unknown): ImportResult {
  if (e instanceof NotEvtxError) return { status: 'failed', kind: 'not-evtx', message: `${e.message}. ${UNCHANGED}` };
  if (e instanceof StorageFullError) return { status: 'failed', kind: 'storage-full', message: e.message };
  if (e instanceof CaseConflictError) return { status: 'failed', kind: 'conflict', message: e.message };
  if (e instanceof CaseNotFoundError) return { status: 'failed', kind: 'not-found', message: e.message };
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return { status: 'failed', kind: 'error', message: `${message}. ${UNCHANGED}` };
}

/**
 * Imports files into a stored case: restores its snapshot (or starts empty for a replace), reads
 * the files one after the other into that copy, analyses it and commits it in one transaction.
 * Nothing is written before the end, so a cancel, a refused file, a closed tab or a failed write
 * leaves the stored case as it was. Returns the case's new accumulator and analysis on success.
 */
/** Reads one source's normalized logon events in order (readLogonItems, or the pool's parallel reader). */
export type SourceReader = (source: ByteSource, tzHours: number, onBatch: (batch: LogonBatch) => void, signal: AbortSignal) => Promise<void>;

export async function importIntoCase(
  store: ImportStore,
  caseId: string,
  sources: readonly ByteSource[],
  options: ImportOptions,
  onProgress: (p: ImportProgressInfo) => void,
  signal: AbortSignal,
  now: () => number = () => performance.now(),
  readSource: SourceReader = readLogonItems,
): Promise<{ result: ImportResult; acc?: CaseAccumulator; analysis?: CaseAnalysis }> {
  const t0 = now();
  const bytesTotal = sources.reduce((n, s) => n + s.size, 0);
  const p: ImportProgressInfo = { phase: 'reading', file: sources[0]?.name ?? '', fileIndex: 0, files: sources.length, bytesDone: 0, bytesTotal, records: 0, accepted: 0, duplicates: 0, elapsedMs: 0, recordsPerSecond: 0, bytesPerSecond: 0 };
  let lastReport = -Infinity;
  const report = (force = false) => {
    const t = now();
    if (!force && t - lastReport < PROGRESS_EVERY_MS) return;
    lastReport = t;
    p.elapsedMs = t - t0;
    const s = Math.max(p.elapsedMs, 1) / 1000;
    p.recordsPerSecond = Math.round(p.records / s);
    p.bytesPerSecond = Math.round(p.bytesDone / s);
    onProgress({ ...p });
  };

  try {
    if (sources.length === 0) return { result: { status: 'failed', kind: 'error', message: 'No files to import.' } };
    const { meta, snapshot: stored } = await store.load(caseId);
    const wanted: CaseOptions = { tzHours: options.tzHours ?? meta.options.tzHours, from: options.from !== undefined ? options.from : meta.options.from, to: options.to !== undefined ? options.to : meta.options.to };
    let acc: CaseAccumulator;
    if (options.mode === 'replace' || stored.sources.length === 0) acc = new CaseAccumulator(wanted);
    else if (!sameOptions(wanted, stored.options)) {
      return { result: { status: 'failed', kind: 'options', message: `The case "${meta.name}" reads times with its own time zone and window; files added to it use them. Choose "replace" to import with other options. ${UNCHANGED}` } };
    } else acc = restore(stored);

    await checkKinds(sources);
    const totals: ImportReport = { records: 0, accepted: 0, duplicates: 0, outsideWindow: 0, problems: [] };
    let before = 0;
    report(true);
    for (const [i, source] of sources.entries()) {
      signal.throwIfAborted();
      p.file = source.name;
      p.fileIndex = i;
      const index = acc.addSource({ name: source.name, size: source.size, records: 0, accepted: 0, duplicates: 0, problems: 0, importedAt: Date.now() });
      await readSource(
        source,
        acc.options.tzHours,
        (batch) => {
          addBatch(acc, index, batch, totals);
          // Problems are counted per source; the list itself is not kept (it can be long).
          totals.problems.length = 0;
          p.bytesDone = before + batch.bytesDone;
          p.records = totals.records;
          p.accepted = totals.accepted;
          p.duplicates = totals.duplicates;
          report();
        },
        signal,
      );
      before += source.size;
    }
    const readMs = now() - t0;
    signal.throwIfAborted();
    p.phase = 'analysing';
    p.bytesDone = bytesTotal;
    report(true);
    const analysis = analyze(acc);
    const analyseMs = now() - t0 - readMs;
    // The last moment a cancel counts: past here the save is one transaction, done or not done.
    signal.throwIfAborted();
    p.phase = 'saving';
    report(true);
    const saved = await store.commit(caseId, snapshot(acc), { counts: countsOf(analysis), expectedRevision: meta.revision });
    const saveMs = now() - t0 - readMs - analyseMs;
    const problems = acc.sources.slice(-sources.length).reduce((n, s) => n + s.problems, 0);
    return {
      result: { status: 'done', meta: saved, report: { records: totals.records, accepted: totals.accepted, duplicates: totals.duplicates, outsideWindow: totals.outsideWindow, problems }, timings: { readMs, analyseMs, saveMs } },
      acc,
      analysis,
    };
  } catch (e) {
    if (signal.aborted) return { result: { status: 'cancelled', message: `Import cancelled. ${UNCHANGED}` } };
    return { result: failure(e) };
  }
}
