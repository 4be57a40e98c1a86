import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventDataNames, flattenJson, readFields, renderJson } from '.';
import { CORPUS, corpusFiles, hasCorpus } from './testing/corpus';
import { readAll } from './testing/read-all';

const SYSTEM = ['System.EventID', 'System.Channel', 'System.Computer', 'System.Provider.Name', 'System.TimeCreated.SystemTime', 'System.EventRecordID'];

// The fast path must give exactly what rendering the whole record and flattening it gives.
describe.skipIf(!hasCorpus)('fast field path', () => {
  it('equals the flattened full JSON for every field of every corpus record', async () => {
    const files = [...corpusFiles('attack-samples', '.evtx'), ...corpusFiles('evtx-samples', '.evtx'), ...corpusFiles('sigma-regression', '.evtx')];
    let records = 0;
    let fields = 0;
    const mismatches: string[] = [];
    for (const file of files) {
      const { items } = await readAll(join(CORPUS, file), (r) => {
        const flat = flattenJson(renderJson(r.nodes));
        // Only fields whose name is not repeated: the flattened JSON keeps the first, so does the fast path.
        const names = [...SYSTEM, ...eventDataNames(r.nodes), 'NoSuchField'];
        const fast = readFields(r.nodes, names);
        const diffs: string[] = [];
        for (const n of names) {
          const want = flat[n] === undefined ? undefined : flat[n];
          const got = fast[n];
          // An absent optional value: null on the fast path, no key at all in JSON (as evtx_dump drops it).
          if (got === null && want === undefined) continue;
          if (JSON.stringify(got, big) !== JSON.stringify(want, big)) diffs.push(`${n}: fast ${JSON.stringify(got, big)} json ${JSON.stringify(want, big)}`);
        }
        return { id: r.recordId, n: names.length, diffs };
      });
      for (const r of items) {
        records++;
        fields += r.n;
        if (r.diffs.length) mismatches.push(`${file} record ${r.id}: ${r.diffs.join('; ')}`);
      }
    }
    console.log(`fast path: ${files.length} files, ${records} records, ${fields} fields compared, ${mismatches.length} records differ`);
    for (const m of mismatches.slice(0, 10)) console.log('  ' + m.slice(0, 300));
    expect(mismatches).toEqual([]);
  });
});

function big(_k: string, v: unknown) {
  return typeof v === 'bigint' ? `${v}n` : v;
}
