import { EvtxWriter, SECURITY_SCHEMAS } from '../src/core/evtx/writer';
import { createScenario, demoScenarioOptions } from '../src/core/generator';

/**
 * The demo case's log: the generator's demo domain (a few hundred people, five days, every attack)
 * written as an EVTX file in memory (~40 MB), which the page then opens like any file.
 */
export async function buildDemoLog(): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const writer = new EvtxWriter((bytes) => void parts.push(bytes));
  for (const event of createScenario({ ...demoScenarioOptions(), eventIds: [...SECURITY_SCHEMAS.keys()] })) await writer.write(event);
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
