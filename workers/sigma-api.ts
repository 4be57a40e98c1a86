import { unzipSync } from 'fflate';
import { blobSource, type ByteSource } from '../src/core/evtx';
import { createEngine, loadRuleSet, type RejectedRule, type RuleFile, type RuleSet, chooseRules, scanSources, type ScanSummary } from '../src/core/sigma';
import { type CaseSigmaResult, type RulePackMeta, RuleStore } from '../src/core/store/rules-db';
import type { ImportProgressInfo } from './case-import';

/**
 * Sigma in the case worker: rule packs (SigmaHQ's release zips or a rules folder) stored in
 * IndexedDB, the bundled LogonLens rules, scans of a case's files and their stored results.
 * case-api.ts merges these methods into the case worker's API.
 */

/** A rule set the user can choose: the bundled LogonLens rules or an imported pack. */
export interface RuleSetInfo {
  id: string;
  name: string;
  kind: 'bundled' | 'pack';
  origin: string;
  importedAt: number | null;
  files: number;
  rules: number;
  correlations: number;
  rejected: number;
  inactive: number;
  /** Refused rules and rules that do not run on Windows event logs, with why (first 500). */
  problems: RejectedRule[];
}

/** What to run: rule sets by id, lowest level, statuses (null: all). */
export interface SigmaRequest {
  ruleSetIds: string[];
  minLevel?: string;
  statuses?: string[] | null;
}

export interface SigmaScanProgress {
  phase: 'rules' | 'scanning' | 'saving';
  file: string;
  fileIndex: number;
  files: number;
  bytesDone: number;
  bytesTotal: number;
  events: number;
  elapsedMs: number;
}

export type SigmaOutcome =
  | { status: 'done'; rules: number; events: number; hits: number; correlations: number; ms: number }
  | { status: 'cancelled'; message: string }
  | { status: 'failed'; message: string };

export interface SigmaWorkerApi {
  /** The bundled set first, then imported packs (oldest first). */
  sigmaRuleSets(): Promise<RuleSetInfo[]>;
  /** Imports a zip of Sigma rules (SigmaHQ's release zips): every .yml in it. */
  importRulePackZip(zip: Blob, name: string): Promise<RuleSetInfo>;
  /** Imports rule files read from a folder (paths relative to it). */
  importRulePackFiles(files: RuleFile[], name: string): Promise<RuleSetInfo>;
  deleteRulePack(id: string): Promise<void>;
  /** The Sigma results stored with a case (null: never scanned). */
  sigmaResult(caseId: string): Promise<CaseSigmaResult | null>;
  /** Scans the case's files again with the chosen rules; the new results replace the stored ones. */
  rescanCase(caseId: string, files: File[], request: SigmaRequest, onProgress: (p: SigmaScanProgress) => void): Promise<SigmaOutcome>;
  /** Stops a running rescan (nothing is stored). */
  cancelSigmaScan(): Promise<boolean>;
}

const MAX_ZIP_BYTES = 512 * 1024 * 1024;
const isRuleFile = (path: string) => /\.ya?ml$/i.test(path) && !/(^|\/)\.|__MACOSX/.test(path);

function describe(set: RuleSet, files: number): Omit<RuleSetInfo, 'id' | 'name' | 'kind' | 'origin' | 'importedAt'> {
  const engine = createEngine(set);
  const problems: RejectedRule[] = [...set.rejected];
  for (const { rule, reason } of engine.inactive) {
    if (problems.length >= 500) break;
    problems.push({ source: rule.meta.source, index: 0, id: rule.meta.id, title: rule.meta.title, reason: `not run: ${reason}` });
  }
  return { files, rules: set.rules.length, correlations: set.correlations.length, rejected: set.rejected.length, inactive: engine.inactive.length, problems: problems.slice(0, 500) };
}

const packInfo = (m: RulePackMeta): RuleSetInfo => ({
  id: m.id, name: m.name, kind: 'pack', origin: m.origin, importedAt: m.importedAt, files: m.files, rules: m.rules,
  correlations: m.correlations, rejected: m.rejected, inactive: m.inactive, problems: m.problems,
});

/** Reads the .yml files of a zip (refuses archives that unpack to more than 512 MiB). */
export function rulesFromZip(bytes: Uint8Array): RuleFile[] {
  let total = 0;
  const entries = unzipSync(bytes, {
    filter: (f) => {
      if (!isRuleFile(f.name)) return false;
      total += f.originalSize;
      if (total > MAX_ZIP_BYTES) throw new Error('The zip unpacks to more than 512 MiB of rules: it is not a rule pack.');
      return true;
    },
  });
  const dec = new TextDecoder('utf-8', { fatal: false });
  return Object.keys(entries)
    .sort()
    .map((path) => ({ path, text: dec.decode(entries[path]!) }));
}

/** What the Sigma API needs of the store (RuleStore, or an in-memory stand-in in tests). */
export type RuleStoreLike = Pick<RuleStore, 'packs' | 'addPack' | 'packFiles' | 'removePack' | 'result' | 'putResult' | 'removeResult'>;

export interface SigmaDeps {
  rules: RuleStoreLike;
  bundled: () => RuleFile[];
  bundledName: string;
  bundledId: string;
}

export function createSigmaApi(deps: SigmaDeps) {
  const { rules: store } = deps;
  let running: AbortController | null = null;
  let bundledInfo: RuleSetInfo | null = null;

  const addPack = async (files: RuleFile[], name: string, origin: string): Promise<RuleSetInfo> => {
    const ruleFiles = files.filter((f) => isRuleFile(f.path));
    if (ruleFiles.length === 0) throw new Error(`${origin} holds no .yml rule files: nothing was imported.`);
    const set = loadRuleSet(ruleFiles);
    const bytes = ruleFiles.reduce((n, f) => n + f.text.length, 0);
    const meta = await store.addPack({ name: name.trim().slice(0, 200) || origin, origin, bytes, ...describe(set, ruleFiles.length) }, ruleFiles);
    return packInfo(meta);
  };

  /** The rule files of the chosen sets, each path prefixed with its set's name (for attribution). */
  const filesOf = async (ids: readonly string[]): Promise<{ files: RuleFile[]; sets: { id: string; name: string }[] }> => {
    const packs = await store.packs();
    const files: RuleFile[] = [];
    const sets: { id: string; name: string }[] = [];
    for (const id of ids) {
      if (id === deps.bundledId) {
        files.push(...deps.bundled());
        sets.push({ id, name: deps.bundledName });
        continue;
      }
      const pack = packs.find((p) => p.id === id);
      if (!pack) throw new Error(`The rule set ${id} is no longer stored (deleted in another tab?): choose the rule sets again.`);
      for (const f of await store.packFiles(id)) files.push({ path: `${pack.name}/${f.path}`, text: f.text });
      sets.push({ id, name: pack.name });
    }
    return { files, sets };
  };

  /**
   * Scans sources with the requested rules and stores the result with the case (replacing any
   * earlier one). Used by the import (scan on import) and by rescans.
   */
  const scanAndStore = async (caseId: string, sources: readonly ByteSource[], request: SigmaRequest, onProgress: (p: SigmaScanProgress) => void, signal: AbortSignal): Promise<SigmaOutcome> => {
    const t0 = performance.now();
    const bytesTotal = sources.reduce((n, s) => n + s.size, 0);
    const p: SigmaScanProgress = { phase: 'rules', file: '', fileIndex: 0, files: sources.length, bytesDone: 0, bytesTotal, events: 0, elapsedMs: 0 };
    let before = 0;
    let last = 0;
    const report = (force = false) => {
      const t = performance.now();
      if (!force && t - last < 100) return;
      last = t;
      p.elapsedMs = t - t0;
      onProgress({ ...p });
    };
    try {
      if (request.ruleSetIds.length === 0) return { status: 'failed', message: 'No rule set chosen: choose at least one.' };
      report(true);
      const { files, sets } = await filesOf(request.ruleSetIds);
      const set = chooseRules(loadRuleSet(files), { minLevel: request.minLevel, statuses: request.statuses ?? undefined });
      p.phase = 'scanning';
      const summary: ScanSummary = await scanSources(sources, set, {
        signal,
        onFile: (i) => {
          before = sources.slice(0, i).reduce((n, s) => n + s.size, 0);
          p.fileIndex = i;
          p.file = sources[i]!.name;
          report(true);
        },
        onProgress: (done, events) => {
          p.bytesDone = before + done;
          p.events = events;
          report();
        },
      });
      signal.throwIfAborted();
      p.phase = 'saving';
      report(true);
      await store.putResult({
        caseId,
        scannedAt: Date.now(),
        ruleSets: sets,
        minLevel: request.minLevel ?? 'informational',
        statuses: request.statuses ?? null,
        rules: set.rules.filter((r) => r.generate).length + set.correlations.length,
        files: summary.files,
        events: summary.events,
        hitCount: summary.hitCount,
        hits: summary.hits,
        correlations: summary.correlations,
        ms: summary.ms,
      });
      return { status: 'done', rules: set.rules.length + set.correlations.length, events: summary.events, hits: summary.hitCount, correlations: summary.correlations.length, ms: performance.now() - t0 };
    } catch (e) {
      if (signal.aborted) return { status: 'cancelled', message: 'Sigma scan cancelled: the stored Sigma results are as they were.' };
      return { status: 'failed', message: e instanceof Error ? e.message : String(e) };
    }
  };

  const api: SigmaWorkerApi = {
    async sigmaRuleSets() {
      if (!bundledInfo) {
        const files = deps.bundled();
        bundledInfo = { id: deps.bundledId, name: deps.bundledName, kind: 'bundled', origin: 'bundled with LogonLens', importedAt: null, ...describe(loadRuleSet(files), files.length) };
      }
      return [bundledInfo, ...(await store.packs()).map(packInfo)];
    },
    async importRulePackZip(zip, name) {
      const files = rulesFromZip(new Uint8Array(await zip.arrayBuffer()));
      return addPack(files, name.replace(/\.zip$/i, ''), (zip as File).name ?? name);
    },
    importRulePackFiles: (files, name) => addPack(files, name, `folder ${name}`),
    deleteRulePack: (id) => store.removePack(id),
    sigmaResult: (caseId) => store.result(caseId),
    async rescanCase(caseId, files, request, onProgress) {
      if (running) return { status: 'failed', message: 'A Sigma scan is already running: wait for it or cancel it.' };
      const controller = new AbortController();
      running = controller;
      try {
        return await scanAndStore(caseId, files.map((f) => blobSource(f, f.name)), request, onProgress, controller.signal);
      } finally {
        running = null;
      }
    },
    async cancelSigmaScan() {
      if (!running) return false;
      running.abort();
      return true;
    },
  };
  return { api, scanAndStore, removeResult: (caseId: string) => store.removeResult(caseId) };
}

/** A scan's progress as the import's (phase "scanning"; records: events scanned). */
export function progressOfScan(s: SigmaScanProgress): Omit<ImportProgressInfo, 'accepted' | 'duplicates'> {
  const secs = Math.max(s.elapsedMs, 1) / 1000;
  return {
    phase: 'scanning', file: s.file, fileIndex: s.fileIndex, files: s.files, bytesDone: s.bytesDone, bytesTotal: s.bytesTotal,
    records: s.events, elapsedMs: s.elapsedMs, recordsPerSecond: Math.round(s.events / secs), bytesPerSecond: Math.round(s.bytesDone / secs),
  };
}

/** The Sigma methods where the worker was made without Sigma (tests of the case API alone). */
export function unavailableSigmaApi(): SigmaWorkerApi {
  const no = async (): Promise<never> => {
    throw new Error('Sigma is not available in this worker.');
  };
  return { sigmaRuleSets: no, importRulePackZip: no, importRulePackFiles: no, deleteRulePack: no, sigmaResult: async () => null, rescanCase: no, cancelSigmaScan: async () => false };
}
