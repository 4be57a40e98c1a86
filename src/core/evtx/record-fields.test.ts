import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventDataNames, readFieldValues, readRecordValues, renderJsonText } from '.';
import { ParsedRecord } from './record';
import { CORPUS, corpusFiles, hasCorpus, NO_CORPUS } from './testing/corpus';
import { readAll } from './testing/read-all';

const SYSTEM = ['System.EventID', 'System.Channel', 'System.Computer', 'System.Provider.Name', 'System.TimeCreated.SystemTime', 'System.EventRecordID', 'System.Security.UserID'];

function text(values: unknown[]): string {
  return JSON.stringify(values, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v === undefined ? '(undefined)' : v));
}

// Reading fields from the descriptors must give what the node path gives, on every corpus record;
// fuzz.ts checks the same (values and errors) on damaged chunks.
describe.skipIf(!hasCorpus)('fields read in place', () => {
  it('equal the node path for every field of every corpus record, and serve nearly all of them', async () => {
    const files = [...corpusFiles('attack-samples', '.evtx'), ...corpusFiles('evtx-samples', '.evtx'), ...corpusFiles('sigma-regression', '.evtx')];
    let records = 0;
    let inPlace = 0;
    const mismatches: string[] = [];
    for (const file of files) {
      const { items } = await readAll(join(CORPUS, file), (r) => {
        // One reused names array per record, as callers do; the node path needs the record's nodes
        // for its names, which does not change what is read in place (that ignores them).
        const names = [...SYSTEM, ...eventDataNames(r.nodes), 'NoSuchField'];
        const direct = text(readRecordValues(r, names));
        // Nodes built from the checked instance are what parsing the record gives.
        const p = r as ParsedRecord;
        const at = r.offset - (4096 + 65536 * r.chunk);
        const parsed = p.parser.parseRecord(at + 24, p.parser.view.getUint32(at + 4, true) - 28);
        const sameNodes = renderJsonText(parsed) === renderJsonText(r.nodes);
        const viaNodes = text(readFieldValues(r.nodes, names));
        return { id: r.recordId, inPlace: r instanceof ParsedRecord && r.template !== null, same: direct === viaNodes && sameNodes, direct, viaNodes };
      });
      for (const r of items) {
        records++;
        if (r.inPlace) inPlace++;
        if (!r.same) mismatches.push(`${file} record ${r.id}: in place ${r.direct.slice(0, 200)} / nodes ${r.viaNodes.slice(0, 200)}`);
      }
    }
    console.log(`fields read in place: ${files.length} files, ${records} records, ${inPlace} read from their descriptors, ${mismatches.length} differ`);
    for (const m of mismatches.slice(0, 5)) console.log('  ' + m);
    expect(mismatches).toEqual([]);
    // Nearly every real record is one template instance: if that stopped being recognised, the fast
    // path would silently be the slow one again.
    expect(inPlace / records).toBeGreaterThan(0.95);
  });
});

if (!hasCorpus) console.warn(`record-fields.test.ts: ${NO_CORPUS}`);
