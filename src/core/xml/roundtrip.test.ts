import { describe, expect, it } from 'vitest';
import { renderJson, renderXml } from '../evtx';
import { collect } from './testing/collect';
import { corpusFiles, evtxRecords, hasCorpus, NO_CORPUS } from './testing/corpus';
import { bareEvents, eventsDocument, utf16le, utf8 } from './testing/documents';
import { type Allowance, alignSystemTime, alignXmlSide, hasEntityRef, stringsOnly } from './testing/normalize';

/**
 * Every record of the corpus, parsed with our EVTX parser, written as XML with renderXml and read
 * back with readEventXml, must give renderJson's JSON again (after both sides are made strings:
 * XML has no types). Three ways of writing the file, with slice sizes that cut events, UTF-8
 * sequences and UTF-16 code units apart. What XML cannot say is allowed for, and counted (see
 * testing/normalize.ts): elements left out for absent optional values, SystemTimes stored as
 * strings.
 */
const files = hasCorpus ? [...corpusFiles('evtx-samples', '.evtx'), ...corpusFiles('attack-samples', '.evtx')] : [];
if (!hasCorpus) console.warn(NO_CORPUS);

interface Variant {
  name: string;
  bytes: (events: string[]) => Uint8Array;
  sliceSize?: number;
  unit: 'utf-8' | 'utf-16le';
}
const variants: Variant[] = [
  { name: 'Events wrapper, UTF-8', bytes: (e) => utf8(eventsDocument(e)), unit: 'utf-8' },
  { name: 'bare wevtutil, UTF-8 BOM, 4099-byte slices', bytes: (e) => utf8(bareEvents(e), true), sliceSize: 4099, unit: 'utf-8' },
  { name: 'Events wrapper, UTF-16LE BOM, 65537-byte slices', bytes: (e) => utf16le(eventsDocument(e)), sliceSize: 65537, unit: 'utf-16le' },
];

const totals = new Map<string, { files: number; records: number; equal: number; notCompared: number }>();
const allowances = new Map<Allowance, number>();

describe.skipIf(!hasCorpus)('EVTX → renderXml → readEventXml gives renderJson back', () => {
  it.each(files)('%s', async (file) => {
    const records = await evtxRecords(file, (r) => ({ xml: renderXml(r.nodes), json: renderJson(r.nodes), entityRef: hasEntityRef(r.nodes) }));
    const xml = records.map((r) => r.xml);
    for (const v of variants) {
      const bytes = v.bytes(xml);
      const got = await collect(bytes, file, { sliceSize: v.sliceSize });
      expect(got.problems, v.name).toEqual([]);
      expect(got.records, v.name).toBe(records.length);
      let equal = 0;
      let notCompared = 0;
      got.events.forEach((e, i) => {
        expect(e.index).toBe(i);
        expect(new TextDecoder(v.unit).decode(bytes.subarray(e.offset, e.offset + (v.unit === 'utf-8' ? 6 : 12)))).toBe('<Event');
        const found = new Set<Allowance>();
        const expected = stringsOnly(records[i]!.json);
        alignSystemTime(expected, found);
        const actual = alignXmlSide(stringsOnly(e.json), expected, found);
        expect(actual, `${v.name}: record #${i}`).toEqual(expected);
        equal++;
        if (v === variants[0]) for (const a of found) allowances.set(a, (allowances.get(a) ?? 0) + 1);
      });
      const t = totals.get(v.name) ?? { files: 0, records: 0, equal: 0, notCompared: 0 };
      totals.set(v.name, { files: t.files + 1, records: t.records + records.length, equal: t.equal + equal, notCompared: t.notCompared + notCompared });
    }
  });

  it('counts', () => {
    for (const [name, t] of totals)
      console.log(`round trip, ${name}: ${t.files} files, ${t.records} records read back, ${t.equal} equal to renderJson, ${t.notCompared} not compared (entity references)`);
    for (const [a, n] of allowances) console.log(`round trip: ${n} records equal once allowing for: ${a}`);
    expect(totals.size).toBe(variants.length);
  });
});
