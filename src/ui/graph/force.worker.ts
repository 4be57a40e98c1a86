/// <reference lib="webworker" />
import { forceLayout, type ForceInput } from './force-layout';

/** One layout per message: `{ n, edges }` in, positions out (transferred). */
self.onmessage = (e: MessageEvent<ForceInput>) => {
  const pos = forceLayout(e.data);
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(pos, [pos.buffer]);
};
