import { join } from 'node:path';
import type { EvtxRecord } from '../../evtx';
import { CORPUS } from '../../evtx/testing/corpus';
import { readAll } from '../../evtx/testing/read-all';

export { CORPUS, corpusFiles, hasCorpus, NO_CORPUS } from '../../evtx/testing/corpus';

/** Every record of a corpus EVTX file (corpus-relative path), parsed with our EVTX parser and mapped with `map`. */
export async function evtxRecords<T>(file: string, map: (r: EvtxRecord) => T): Promise<T[]> {
  return (await readAll(join(CORPUS, file), map, file)).items;
}
