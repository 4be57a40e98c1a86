/// <reference lib="webworker" />
/** Builds the demo case's log off the page's thread (see demo-log.ts). */
import * as Comlink from 'comlink';
import { buildDemoLog } from './demo-log';

Comlink.expose({
  async build(): Promise<Uint8Array> {
    const bytes = await buildDemoLog();
    return Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]);
  },
});
