import * as Comlink from 'comlink';
import type { CaseWorkerApi, ImportProgressInfo } from '../../../workers/case-api';
import type { SigmaScanProgress } from '../../../workers/sigma-api';
import { withScanOnImport } from '../sigma/scan-on-import';

/** The page's handle on the case worker: the worker's API, with progress callbacks proxied. */
export type CaseClient = CaseWorkerApi;

let client: CaseClient | null = null;

/** One case worker per page, started when the Cases panel is first shown. */
export function caseClient(): CaseClient {
  if (client) return client;
  const worker = new Worker(new URL('../../../workers/case.worker.ts', import.meta.url), { type: 'module', name: 'cases' });
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    console.error('case worker failed', e.message);
  });
  const remote = Comlink.wrap<CaseWorkerApi>(worker);
  client = {
    listCases: () => remote.listCases(),
    createCase: (name, options) => remote.createCase(name, options),
    renameCase: (id, name) => remote.renameCase(id, name),
    deleteCase: (id) => remote.deleteCase(id),
    // The progress callback crosses the thread boundary as a Comlink proxy.
    importFiles: (id, files, options, onProgress: (p: ImportProgressInfo) => void) => remote.importFiles(id, files, withScanOnImport(options), Comlink.proxy(onProgress)),
    cancelImport: () => remote.cancelImport(),
    openCase: (id) => remote.openCase(id),
    closeCase: () => remote.closeCase(),
    summary: () => remote.summary(),
    view: (q) => remote.view(q),
    ranks: (limit) => remote.ranks(limit),
    detections: () => remote.detections(),
    timeline: (kind, index) => remote.timeline(kind, index),
    edgeEvents: (edge, limit) => remote.edgeEvents(edge, limit),
    changeFinderScores: (user) => remote.changeFinderScores(user),
    timelineCsv: (kind, layout) => remote.timelineCsv(kind, layout),
    exportCase: (id) => remote.exportCase(id),
    importCaseFile: (file, name) => remote.importCaseFile(file, name),
    // Sigma (workers/sigma-api.ts): rule packs, results, rescans.
    sigmaRuleSets: () => remote.sigmaRuleSets(),
    importRulePackZip: (zip, name) => remote.importRulePackZip(zip, name),
    importRulePackFiles: (files, name) => remote.importRulePackFiles(files, name),
    deleteRulePack: (id) => remote.deleteRulePack(id),
    sigmaResult: (caseId) => remote.sigmaResult(caseId),
    rescanCase: (caseId, files, request, onProgress: (p: SigmaScanProgress) => void) => remote.rescanCase(caseId, files, request, Comlink.proxy(onProgress)),
    cancelSigmaScan: () => remote.cancelSigmaScan(),
    graph: (q) => remote.graph(q),
    names: (kind, prefix, limit) => remote.names(kind, prefix, limit),
    nodeInfo: (id) => remote.nodeInfo(id),
    diffWindows: (q, a, b) => remote.diffWindows(q, a, b),
    diffCases: (other, q) => remote.diffCases(other, q),
    rawRecord: (source, recordId) => remote.rawRecord(source, recordId),
    // Neo4j sync: the graph bytes are transferred, not copied, on their way to the case worker.
    logonTracerGraph: () => remote.logonTracerGraph(),
    createCaseFromGraph: (name, graph, sourceName) => remote.createCaseFromGraph(name, Comlink.transfer(graph, [graph.buffer as ArrayBuffer]), sourceName),
  };
  return client;
}

/** Asks the browser not to evict stored cases under storage pressure (it may say no). */
export function askPersistentStorage(): void {
  void navigator.storage?.persist?.().catch(() => false);
}

/** The message of an error that crossed from the worker (Comlink keeps name and message). */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
