/// <reference lib="webworker" />
/**
 * The parsing worker: a thin Comlink entry point over src/core/evtx (see evtx-api.ts). The page hands
 * it the File itself and chunk indices; it reads them with Blob.slice, so no file bytes cross threads.
 */
import * as Comlink from 'comlink';
import { createEvtxWorkerApi } from './evtx-api';

// The API returns failures as values; these catch whatever might still escape (a bug), so it is
// logged here rather than silently killing a parse.
self.addEventListener('unhandledrejection', (e) => {
  e.preventDefault();
  console.error('evtx worker: unhandled rejection', e.reason);
});

Comlink.expose(createEvtxWorkerApi());
