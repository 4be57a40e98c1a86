import { readFileSync } from 'node:fs';
import { type EvtxRecord, memorySource, openEvtx, type Problem, readChunk } from '..';

/** Parses a whole file in memory (tests only) and maps every record. */
export async function readAll<T>(path: string, map: (r: EvtxRecord) => T, name = path): Promise<{ items: T[]; problems: Problem[] }> {
  const source = memorySource(new Uint8Array(readFileSync(path)), name);
  const layout = await openEvtx(source);
  const items: T[] = [];
  const problems = [...layout.problems];
  for (let i = 0; i < layout.blocks; i++) {
    const o = await readChunk(source, layout, i, map);
    items.push(...o.items);
    problems.push(...o.problems);
  }
  return { items, problems };
}
