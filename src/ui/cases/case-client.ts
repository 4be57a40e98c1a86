import * as Comlink from 'comlink';
import type { CaseWorkerApi, ImportProgressInfo } from '../../../workers/case-api';

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
    importFiles: (id, files, options, onProgress: (p: ImportProgressInfo) => void) => remote.importFiles(id, files, options, Comlink.proxy(onProgress)),
    cancelImport: () => remote.cancelImport(),
    openCase: (id) => remote.openCase(id),
    closeCase: () => remote.closeCase(),
    summary: () => remote.summary(),
    view: (q) => remote.view(q),
    ranks: (limit) => remote.ranks(limit),
    detections: () => remote.detections(),
    timeline: (kind, index) => remote.timeline(kind, index),
    edgeEvents: (edge, limit) => remote.edgeEvents(edge, limit),
    exportCase: (id) => remote.exportCase(id),
    importCaseFile: (file, name) => remote.importCaseFile(file, name),
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
