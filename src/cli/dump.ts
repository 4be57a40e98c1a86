import { ByteSink, hasEvtxMagic, NotEvtxError, openEvtx, type Problem, readChunks, renderXml, stringifyJson, writeJsonRecord } from '../core/evtx';
import { looksLikeEventXml, readEventXml } from '../core/xml';
import { nodeFileSource } from './node-source';

export interface DumpOptions {
  format: 'jsonl' | 'xml';
}

export function formatProblem(p: Problem): string {
  const where = p.chunk >= 0 ? `chunk ${p.chunk}, offset 0x${p.offset.toString(16)}` : `offset 0x${p.offset.toString(16)}`;
  return `${p.file}: ${where}: ${p.message}`;
}

type Source = Awaited<ReturnType<typeof nodeFileSource>>;

/**
 * `logonlens dump FILE…`: every record as evtx_dump-compatible JSON lines (or XML) on stdout,
 * problems on stderr. EVTX and Event Viewer XML are told apart by their first bytes. Returns 0
 * unless some file could not be read at all (skipped records are problems, not failures).
 */
export async function dump(files: string[], opts: DumpOptions, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  let failed = 0;
  const write = async (text: string | Uint8Array) => {
    if (text.length > 0 && !out.write(text)) await new Promise((r) => out.once('drain', r));
  };
  for (const path of files) {
    let source: Source;
    try {
      source = await nodeFileSource(path);
    } catch (e) {
      err.write(`${path}: cannot open: ${(e as Error).message}\n`);
      failed++;
      continue;
    }
    try {
      const head = await source.read(0, 4096);
      if (hasEvtxMagic(head)) await dumpEvtx(source, opts, write, err);
      else if (looksLikeEventXml(head)) await dumpXml(source, opts, out, err);
      else throw new NotEvtxError(source.name, head.length === 0 ? 'the file is empty' : 'it is neither EVTX (no "ElfFile" signature) nor Event Viewer XML');
    } catch (e) {
      err.write(e instanceof NotEvtxError ? `${e.message}\n` : `${path}: ${(e as Error).message}\n`);
      failed++;
    } finally {
      await source.close();
    }
  }
  return failed > 0 ? 1 : 0;
}

async function dumpEvtx(source: Source, opts: DumpOptions, write: (t: string | Uint8Array) => Promise<void>, err: NodeJS.WritableStream): Promise<void> {
  const layout = await openEvtx(source);
  for (const p of layout.problems) err.write(formatProblem(p) + '\n');
  // JSON lines are written as UTF-8 bytes straight from the records, into one buffer per run of chunks.
  const lines = new ByteSink(1 << 22);
  const render =
    opts.format === 'xml'
      ? (r: { nodes: Parameters<typeof renderXml>[0] }) => renderXml(r.nodes)
      : (r: { nodes: Parameters<typeof writeJsonRecord>[0] }) => {
          writeJsonRecord(r.nodes, lines);
          lines.byte(10);
          return '';
        };
  // A run of chunks at a time: memory stays bounded and output flows while the file is read.
  for (let i = 0; i < layout.blocks; i += 16) {
    const outcomes = await readChunks(source, layout, i, i + 16, render);
    if (opts.format === 'jsonl') {
      // A copy: the stream may hold on to what it is given, and the buffer is reused.
      await write(Buffer.from(lines.view()));
      lines.clear();
    }
    for (const outcome of outcomes) {
      await write(outcome.items.join(''));
      for (const p of outcome.problems) err.write(formatProblem(p) + '\n');
    }
  }
}

async function dumpXml(source: Source, opts: DumpOptions, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<void> {
  if (opts.format === 'xml') throw new Error('is already XML; dump it as JSON lines (--format jsonl)');
  // readEventXml hands records over synchronously, between its reads of the file.
  const { problems } = await readEventXml(source, (json) => void out.write(stringifyJson(json) + '\n'));
  for (const p of problems) err.write(formatProblem(p) + '\n');
}
