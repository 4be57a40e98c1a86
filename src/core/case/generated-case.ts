import { memorySource } from '../evtx';
import { writeToMemory } from '../evtx/writer';
import { createScenario, groundTruth, type GroundTruth, type ScenarioOptions } from '../generator';

/** Test support: a generated domain written as one in-memory EVTX file, with its ground truth. */
export async function generatedLog(options: ScenarioOptions, name = 'generated.evtx'): Promise<{ bytes: Uint8Array; source: ReturnType<typeof memorySource>; truth: GroundTruth[] }> {
  const bytes = await writeToMemory(createScenario(options).events());
  return { bytes, source: memorySource(bytes, name), truth: groundTruth(options) };
}
