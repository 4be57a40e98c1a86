import { type FieldValue, openEvtx, readChunk, readFieldValues, renderJsonText } from '../src/core/evtx';
import { nodeFileSource } from '../src/cli/node-source';
import { LOGON_FIELDS } from './logon-fields';

export type Mode = 'full' | 'fast';

/** Parses chunks [from, to) of a file; returns records and output size (JSON bytes, or fields read). */
export async function parseRange(path: string, mode: Mode, from: number, to: number): Promise<{ records: number; out: number }> {
  const source = await nodeFileSource(path);
  try {
    const layout = await openEvtx(source);
    let records = 0;
    let out = 0;
    const scratch: (FieldValue | undefined)[] = [];
    const map =
      mode === 'full'
        ? (r: { nodes: Parameters<typeof renderJsonText>[0] }) => {
            out += renderJsonText(r.nodes).length + 1;
          }
        : (r: { nodes: Parameters<typeof readFieldValues>[0] }) => {
            const f = readFieldValues(r.nodes, LOGON_FIELDS, scratch);
            if (f[0] !== undefined) out++;
          };
    for (let i = from; i < Math.min(to, layout.blocks); i++) records += (await readChunk(source, layout, i, map)).records;
    return { records, out };
  } finally {
    await source.close();
  }
}
