import { ByteSink, type EvtxRecord, type FieldValue, openEvtx, readChunks, readRecordValues, writeJsonRecord } from '../src/core/evtx';
import { useNodeCrc32 } from '../src/cli/native-crc';
import { nodeFileSource } from '../src/cli/node-source';
import { useNativeCrc32 } from '../src/core/evtx/crc32';
import { LOGON_FIELDS } from './logon-fields';

export type Mode = 'full' | 'fast';

/** Parses chunks [from, to) of a file; returns records and output size (JSON bytes, or fields read). */
/**
 * `jsCrc`: the records checksum with the JS tables, as in a browser worker, instead of Node's zlib
 * (what the CLI uses): the benchmark prints both.
 */
export async function parseRange(path: string, mode: Mode, from: number, to: number, checksums = true, jsCrc = false): Promise<{ records: number; out: number }> {
  if (jsCrc) useNativeCrc32(null);
  else useNodeCrc32();
  const source = await nodeFileSource(path);
  try {
    const layout = await openEvtx(source);
    let records = 0;
    let out = 0;
    const scratch: (FieldValue | undefined)[] = [];
    // Full records: what `logonlens dump` does, JSON lines in UTF-8 into one buffer, emptied after each run of chunks.
    const sink = new ByteSink(1 << 22);
    const map =
      mode === 'full'
        ? (r: { nodes: Parameters<typeof writeJsonRecord>[0] }) => {
            writeJsonRecord(r.nodes, sink);
            sink.byte(10);
          }
        : (r: EvtxRecord) => {
            const f = readRecordValues(r, LOGON_FIELDS, scratch);
            if (f[0] !== undefined) out++;
          };
    for (let i = from; i < Math.min(to, layout.blocks); i += 16) {
      for (const o of await readChunks(source, layout, i, Math.min(i + 16, to), map, { verifyRecordsChecksum: checksums })) records += o.records;
      out += sink.length;
      sink.clear();
    }
    return { records, out };
  } finally {
    await source.close();
  }
}
