import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type FieldRecord, flattenJson, renderJson } from '../evtx';
import { collect } from './testing/collect';
import { CORPUS, corpusFiles, evtxRecords, hasCorpus, NO_CORPUS } from './testing/corpus';
import { eventsDocument, utf8 } from './testing/documents';

/**
 * XML written by another program: python-evtx's `Record.xml()` for every record of a few corpus
 * files (oracle/python-evtx/<file>.jsonl.gz), concatenated into one Events document. readEventXml
 * must read every record, and agree with our EVTX parser on the same file (record matched by its
 * header's record id, the oracle's `record_id`, which may differ from EventRecordID) about EventRecordID,
 * event id, computer, channel, time (python-evtx goes through a float: 5 µs tolerance, per the
 * corpus README) and the names of the event data (python-evtx, like renderXml, writes an empty
 * element where evtx_dump leaves out an absent optional value, e.g. `<Binary></Binary>`: such
 * empty extra names are allowed, and counted).
 */
const FILES = [
  'evtx-samples/security.evtx',
  'evtx-samples/system.evtx',
  'evtx-samples/sysmon.evtx',
  'evtx-samples/new-user-security.evtx',
  'evtx-samples/2-system-Microsoft-Windows-LiveId%4Operational.evtx',
  // (not Shell-Core: python-evtx drops the second XML fragment of its records, RenderingInfo)
  ...corpusFiles('attack-samples/Lateral Movement', '.evtx').slice(0, 12),
];
if (!hasCorpus) console.warn(NO_CORPUS);

interface OracleLine {
  record_id?: number;
  xml?: string;
}

function oracle(file: string): OracleLine[] {
  return gunzipSync(readFileSync(join(CORPUS, 'oracle/python-evtx', `${file}.jsonl.gz`)))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as OracleLine)
    .filter((l) => l.xml !== undefined);
}

/** Microseconds since the epoch, from either writer's form ("2016-07-08 18:12:51.681641" or ISO with Z). */
function micros(t: string): number {
  const m = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(?:\.(\d+))?Z?$/.exec(t);
  if (!m) return NaN;
  return Date.parse(`${m[1]}T${m[2]}Z`) * 1000 + Number((m[3] ?? '').padEnd(6, '0').slice(0, 6));
}

const dataNames = (f: FieldRecord) => Object.keys(f).filter((k) => !k.startsWith('System.'));
const s = (v: unknown) => (v === undefined || v === null ? '' : String(v));

describe.skipIf(!hasCorpus)('python-evtx XML read with readEventXml', () => {
  it('reads every record of the oracle, agreeing with our EVTX parser', async () => {
    const lines = FILES.flatMap(oracle);
    const ours = new Map<string, FieldRecord>();
    for (const file of FILES) {
      for (const r of await evtxRecords(file, (r) => ({ id: r.recordId, f: flattenJson(renderJson(r.nodes)) }))) ours.set(`${file}#${r.id}`, r.f);
    }
    const keys = FILES.flatMap((file) => oracle(file).map((l) => `${file}#${l.record_id}`));

    const got = await collect(utf8(eventsDocument(lines.map((l) => l.xml!))), 'python-evtx.xml', { sliceSize: 1 << 16 });
    expect(got.problems).toEqual([]);
    expect(got.records).toBe(lines.length);
    let compared = 0;
    let emptyExtras = 0;
    got.events.forEach((e, i) => {
      const f = flattenJson(e.json);
      const label = keys[i]!;
      const mine = ours.get(label);
      expect(mine, `${label} missing from our EVTX parse`).toBeDefined();
      for (const field of ['System.EventRecordID', 'System.EventID', 'System.Computer', 'System.Channel', 'System.Provider.Name'])
        expect(s(f[field]), `${label} ${field}`).toBe(s(mine![field]));
      expect(Math.abs(micros(s(f['System.TimeCreated.SystemTime'])) - micros(s(mine!['System.TimeCreated.SystemTime']))), label).toBeLessThanOrEqual(5);
      const names = dataNames(f).filter((n) => Object.hasOwn(mine!, n) || s(f[n]) !== '');
      emptyExtras += dataNames(f).length - names.length;
      expect(names, `${label} event data names`).toEqual(dataNames(mine!));
      compared++;
    });
    console.log(`python-evtx oracle: ${FILES.length} files, ${lines.length} records read from its XML, ${compared} agreeing with our EVTX parser (${emptyExtras} empty elements evtx_dump leaves out)`);
  });
});
