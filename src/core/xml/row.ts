import { type FieldValue, flattenJson, type JsonObject, type RecordRow } from '../evtx';

const SUMMARY_FIELDS = 6;

function text(v: FieldValue | undefined): string {
  if (v === undefined || v === null) return '';
  return Array.isArray(v) ? v.join(',') : String(v);
}

function integer(v: FieldValue | undefined): number | null {
  if (v === undefined || v === null || Array.isArray(v) || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/**
 * A records-table row from evtx_dump-shaped JSON (an event read from XML), filled the way
 * recordRow fills it from an EVTX record. `recordId` is EventRecordID, or `index + 1` (the
 * event's position, counted like record ids) when the event has none; `chunk` is -1 (XML has no
 * chunks); `offset` is the byte offset of the event in the file, -1 when unknown.
 */
export function rowFromJson(json: JsonObject, index: number, offset = -1): RecordRow {
  const f = flattenJson(json);
  const names = Object.keys(f)
    .filter((k) => !k.startsWith('System.'))
    .slice(0, SUMMARY_FIELDS);
  return {
    recordId: integer(f['System.EventRecordID']) ?? index + 1,
    time: text(f['System.TimeCreated.SystemTime']),
    eventId: integer(f['System.EventID']),
    channel: text(f['System.Channel']),
    computer: text(f['System.Computer']),
    provider: text(f['System.Provider.Name']),
    summary: names.map((n) => `${n}=${text(f[n])}`).join(' '),
    chunk: -1,
    offset,
  };
}
