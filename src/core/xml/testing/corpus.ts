import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type EvtxRecord, memorySource, openEvtx, readChunk } from '../../evtx';

/** The shared test corpus, read in place (`../shared/corpus` from the repository root; never copied: licences). */
export const CORPUS = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../../../shared/corpus');
export const hasCorpus = existsSync(join(CORPUS, 'README.md'));
export const NO_CORPUS = `corpus not found at ${CORPUS}: corpus tests skipped`;

/** Files under `dir` (relative to the corpus) ending with `suffix`, as corpus-relative paths, sorted. */
export function corpusFiles(dir: string, suffix: string): string[] {
  const root = join(CORPUS, dir);
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(suffix)) out.push(relative(CORPUS, p));
    }
  };
  walk(root);
  return out.sort();
}

/** Every record of a corpus EVTX file, parsed with our EVTX parser and mapped with `map`. */
export async function evtxRecords<T>(file: string, map: (r: EvtxRecord) => T): Promise<T[]> {
  const source = memorySource(new Uint8Array(readFileSync(join(CORPUS, file))), file);
  const layout = await openEvtx(source);
  const out: T[] = [];
  for (let i = 0; i < layout.blocks; i++) out.push(...(await readChunk(source, layout, i, map)).items);
  return out;
}
