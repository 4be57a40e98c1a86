import { EvtxWriter, type EvtxWriterOptions, type SecurityEvent } from './writer';

/** A whole EVTX file in memory (the demo case, tests): the chunks, with the final header first. */
export async function writeToMemory(events: Iterable<SecurityEvent>, options: EvtxWriterOptions = {}): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const writer = new EvtxWriter((b) => void parts.push(b), options);
  for (const e of events) await writer.write(e);
  await writer.close();
  parts[0] = writer.finalHeader(); // the provisional header is the first part written
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
