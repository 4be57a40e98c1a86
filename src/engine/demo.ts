import * as Comlink from 'comlink';

/** Generates the demo domain's Security log in a worker and hands it back as a File to open. */
export async function makeDemoFile(): Promise<File> {
  const worker = new Worker(new URL('../../workers/demo.worker.ts', import.meta.url), { type: 'module' });
  try {
    const api = Comlink.wrap<{ build(): Promise<Uint8Array> }>(worker);
    const bytes = await api.build();
    return new File([bytes as BlobPart], 'demo-domain-security.evtx', { type: 'application/octet-stream' });
  } finally {
    worker.terminate();
  }
}
