import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shared test corpus, read in place (never copied into the repository: licences). */
export const CORPUS = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../../../shared/corpus');
export const hasCorpus = existsSync(join(CORPUS, 'README.md'));
export const NO_CORPUS = `corpus not found at ${CORPUS}: corpus tests skipped`;

/** Every file under `dir` (relative to the corpus) whose name ends with `suffix`, sorted. */
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

/** Every .evtx file under an absolute folder, depth first with each folder's entries sorted. */
export function evtxFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.evtx')) out.push(p);
    }
  };
  walk(dir);
  return out;
}
