import { type CaseAccumulator, importSources, type ImportReport } from '../core/case';
import { NotEvtxError } from '../core/evtx';
import { formatProblem } from './dump';
import { nodeFileSource } from './node-source';

/**
 * Imports log files into `acc` one after the other (the CLI's commands that build a case), writing
 * problems to `err`. Returns false, having said why on `err`, when a file cannot be opened or is not
 * a log; `onFile` hears each file's report.
 */
export async function importFiles(
  acc: CaseAccumulator,
  files: readonly string[],
  err: NodeJS.WritableStream,
  options: { signal?: AbortSignal; onStart?: (path: string) => void; onFile?: (path: string, report: ImportReport) => void } = {},
): Promise<boolean> {
  for (const path of files) {
    let source: Awaited<ReturnType<typeof nodeFileSource>>;
    try {
      source = await nodeFileSource(path);
    } catch (e) {
      err.write(`${path}: cannot open: ${(e as Error).message}\n`);
      return false;
    }
    try {
      options.onStart?.(path);
      const report = await importSources(acc, [source], options.signal ? { signal: options.signal } : {});
      for (const p of report.problems) err.write(formatProblem(p) + '\n');
      options.onFile?.(path, report);
    } catch (e) {
      err.write(e instanceof NotEvtxError ? `${e.message}\n` : `${path}: ${(e as Error).message}\n`);
      return false;
    } finally {
      await source.close();
    }
  }
  return true;
}
