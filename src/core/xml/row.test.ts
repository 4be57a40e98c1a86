import { describe, expect, it } from 'vitest';
import { flattenJson, recordRow, renderJson, renderXml } from '../evtx';
import { normalizeSystemTime, rowFromJson } from '.';
import { collect } from './testing/collect';
import { corpusFiles, evtxRecords, hasCorpus, NO_CORPUS } from './testing/corpus';
import { eventsDocument, utf8 } from './testing/documents';
import { hasEntityRef } from './testing/normalize';

/**
 * A row made from an event read back from XML must match recordRow of the same EVTX record, but
 * for chunk and offset (they point into the XML file) and recordId: XML only has EventRecordID,
 * while recordRow takes the record header's id, which can differ (exported or copied logs), and
 * time, which recordRow takes from the record header when the event has no SystemTime.
 */
const FILES = hasCorpus ? [...corpusFiles('evtx-samples', '.evtx'), ...corpusFiles('attack-samples/Lateral Movement', '.evtx')] : [];
if (!hasCorpus) console.warn(NO_CORPUS);

const withoutEmpty = (summary: string) =>
  summary
    .split(' ')
    .filter((t) => !/^[\w#]+=$/.test(t))
    .join(' ');

describe('rowFromJson', () => {
  it('fills a row from the JSON, with fallbacks for what is missing', () => {
    expect(rowFromJson({ Event: { System: null } }, 4)).toEqual({
      recordId: 5,
      time: '',
      eventId: null,
      channel: '',
      computer: '',
      provider: '',
      summary: '',
      chunk: -1,
      offset: -1,
    });
  });

  it.skipIf(!hasCorpus)('matches recordRow for the same records read from XML', async () => {
    let rows = 0;
    let differ = 0;
    let otherIds = 0;
    for (const file of FILES) {
      const records = await evtxRecords(file, (r) => {
        const f = flattenJson(renderJson(r.nodes));
        return {
          xml: renderXml(r.nodes),
          row: recordRow(r),
          eventRecordId: f['System.EventRecordID'],
          hasTime: f['System.TimeCreated.SystemTime'] !== undefined,
          entityRef: hasEntityRef(r.nodes),
        };
      });
      const got = await collect(utf8(eventsDocument(records.map((r) => r.xml))), file);
      expect(got.records).toBe(records.length);
      for (const e of got.events) {
        const row = rowFromJson(e.json, e.index, e.offset);
        const { row: header, eventRecordId, hasTime, entityRef } = records[e.index]!;
        // A SystemTime stored as a string keeps its 7+ digits on the EVTX side (see roundtrip.test.ts);
        // without a SystemTime, recordRow falls back to the record header's time, which XML does not have.
        const want = { ...header, time: hasTime ? normalizeSystemTime(header.time) : '', recordId: eventRecordId === undefined || eventRecordId === null ? e.index + 1 : Number(eventRecordId) };
        if (want.recordId !== header.recordId) otherIds++;
        expect(row.offset).toBe(e.offset);
        expect(row.chunk).toBe(-1);
        const same = { ...row, chunk: want.chunk, offset: want.offset };
        // Empty fields may differ: an element renderXml writes for an absent optional value shows up
        // as "Name=" (see roundtrip.test.ts), and recordRow's fast path lists empty leaves that
        // flattenJson (its own slow path, which rowFromJson uses) does not.
        if (same.summary !== want.summary && withoutEmpty(same.summary) === withoutEmpty(want.summary)) {
          differ++;
          same.summary = want.summary;
        }
        expect(same, `${file} #${e.index}`).toEqual(want);
        rows++;
      }
    }
    console.log(`rowFromJson: ${rows} rows from XML equal to recordRow (${differ} once empty summary fields are ignored; ${otherIds} with an EventRecordID other than the header's record id)`);
  });
});
