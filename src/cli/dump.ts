import { type Problem, NotEvtxError, openEvtx, readChunk, renderJsonText, renderXml } from '../core/evtx';
import { nodeFileSource } from './node-source';

export interface DumpOptions {
  format: 'jsonl' | 'xml';
}

export function formatProblem(p: Problem): string {
  const where = p.chunk >= 0 ? `chunk ${p.chunk}, offset 0x${p.offset.toString(16)}` : `offset 0x${p.offset.toString(16)}`;
  return `${p.file}: ${where}: ${p.message}`;
}

/**
 * `logonlens dump FILE…`: every record as evtx_dump-compatible JSON lines (or XML) on stdout,
 * problems on stderr. Returns 0 unless some file could not be read at all.
 */
export async function dump(files: string[], opts: DumpOptions, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  let failed = 0;
  for (const path of files) {
    let source;
    try {
      source = await nodeFileSource(path);
    } catch (e) {
      err.write(`${path}: cannot open: ${(e as Error).message}\n`);
      failed++;
      continue;
    }
    try {
      const layout = await openEvtx(source);
      for (const p of layout.problems) err.write(formatProblem(p) + '\n');
      const render = opts.format === 'xml' ? (r: { nodes: Parameters<typeof renderXml>[0] }) => renderXml(r.nodes) : (r: { nodes: Parameters<typeof renderJsonText>[0] }) => renderJsonText(r.nodes) + '\n';
      for (let i = 0; i < layout.blocks; i++) {
        const outcome = await readChunk(source, layout, i, render);
        const text = outcome.items.join('');
        if (text && !out.write(text)) await new Promise((r) => out.once('drain', r));
        for (const p of outcome.problems) err.write(formatProblem(p) + '\n');
      }
    } catch (e) {
      err.write(e instanceof NotEvtxError ? `${e.message}\n` : `${path}: ${(e as Error).message}\n`);
      failed++;
    } finally {
      await source.close();
    }
  }
  return failed > 0 ? 1 : 0;
}
