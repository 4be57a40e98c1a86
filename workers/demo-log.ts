import { SECURITY_SCHEMAS, writeToMemory } from '../src/core/evtx/writer';
import { createScenario, demoScenarioOptions } from '../src/core/generator';

/**
 * The demo case's log: the generator's demo domain (a few hundred people, five days, every attack)
 * written as an EVTX file in memory (~40 MB), which the page then opens like any file.
 */
export function buildDemoLog(): Promise<Uint8Array> {
  return writeToMemory(createScenario({ ...demoScenarioOptions(), eventIds: [...SECURITY_SCHEMAS.keys()] }));
}
