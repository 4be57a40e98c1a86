import { type FieldValue, openEvtx, readChunks, readFieldValues, renderJsonText } from '../src/core/evtx';
import { nodeFileSource } from '../src/cli/node-source';
import { LOGON_FIELDS } from './logon-fields';

export type Mode = 'full' | 'fast';

/** Parses chunks [from, to) of a file; returns records and output size (JSON bytes, or fields read). */
export async function parseRange(path: string, mode: Mode, from: number, to: number, checksums = true): Promise<{ records: number; out: number }> {
  const source = await nodeFileSource(path);
  try {
    const layout = await openEvtx(source);
    let records = 0;
    let out = 0;
    const scratch: (FieldValue | undefined)[] = [];
    const encoder = new TextEncoder();
    let sink = new Uint8Array(1 << 16);
    const map =
      mode === 'full'
        ? (r: { nodes: Parameters<typeof renderJsonText>[0] }) => {
            // Encoded to UTF-8 as a writer would: a string that is never read costs less than output.
            const line = renderJsonText(r.nodes);
            if (line.length * 3 > sink.length) sink = new Uint8Array(line.length * 3);
            out += encoder.encodeInto(line, sink).written + 1;
          }
        : (r: { nodes: Parameters<typeof readFieldValues>[0] }) => {
            const f = readFieldValues(r.nodes, LOGON_FIELDS, scratch);
            if (f[0] !== undefined) out++;
          };
    for (let i = from; i < Math.min(to, layout.blocks); i += 16)
      for (const o of await readChunks(source, layout, i, Math.min(i + 16, to), map, { verifyRecordsChecksum: checksums })) records += o.records;
    return { records, out };
  } finally {
    await source.close();
  }
}
