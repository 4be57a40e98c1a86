import * as Comlink from 'comlink';
import type { EvtxWorkerApi } from '../../workers/evtx-api';
import { defaultPoolSize, type WorkerHandle, WorkerPool } from './pool';

/** Starts one parsing worker (a module worker, bundled by Vite) and wraps it with Comlink. */
export function createBrowserWorker(): WorkerHandle {
  const worker = new Worker(new URL('../../workers/evtx.worker.ts', import.meta.url), { type: 'module', name: 'evtx' });
  const remote = Comlink.wrap<EvtxWorkerApi>(worker);
  const listeners: Array<(message: string) => void> = [];
  const crash = (message: string) => {
    for (const l of listeners) l(message);
  };
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    crash(e.message || 'the worker failed to load or threw');
  });
  worker.addEventListener('messageerror', () => crash('a message could not be deserialized'));
  const api: EvtxWorkerApi = {
    open: (file, name) => remote.open(file, name),
    readChunks: (file, layout, indices) => remote.readChunks(file, layout, indices),
    readLogonChunks: (file, layout, indices, tzHours) => remote.readLogonChunks(file, layout, indices, tzHours),
    recordDetail: (file, layout, chunk, offset) => remote.recordDetail(file, layout, chunk, offset),
    // Callbacks cross the thread boundary as Comlink proxies.
    readXml: (file, name, onBatch) => remote.readXml(file, name, Comlink.proxy(onBatch)),
    xmlRecordDetail: (file, name, index) => remote.xmlRecordDetail(file, name, index),
  };
  return {
    api,
    // Calls still pending on it never settle: the pool races them against the worker's end.
    terminate: () => worker.terminate(),
    onCrash: (listener) => listeners.push(listener),
  };
}

/** A pool of parsing workers sized from navigator.hardwareConcurrency (1 to 8). */
export function createBrowserPool(size = defaultPoolSize()): WorkerPool {
  return new WorkerPool(createBrowserWorker, size);
}
