import { eventDataNames, type FieldValue, readFields } from './fields';
import type { EvtxRecord } from './record';

/** What a records table shows for one record; small, so millions fit in the UI thread. */
export interface RecordRow {
  /** EventRecordID, or the record header's id when the event has none. */
  recordId: number;
  /** System/TimeCreated/@SystemTime, or the record header's time when the event has none. */
  time: string;
  eventId: number | null;
  channel: string;
  computer: string;
  provider: string;
  /** The first event-data fields as `name=value`, for a glance. */
  summary: string;
  chunk: number;
  /** Absolute file offset of the record: with the chunk index, enough to find the record again. */
  offset: number;
}

const SYSTEM_FIELDS = ['System.EventID', 'System.Channel', 'System.Computer', 'System.Provider.Name', 'System.TimeCreated.SystemTime', 'System.EventRecordID'];
const SUMMARY_FIELDS = 6;

/**
 * The same list of names as the same array: the fast path caches its plans per names array, so a
 * fresh array per record would plan every record anew. Bounded: names come from the log.
 */
const internedNames = new Map<string, string[]>();
function intern(names: string[]): string[] {
  const key = names.join('\u0000');
  let same = internedNames.get(key);
  if (!same) {
    if (internedNames.size >= 4096) internedNames.clear();
    internedNames.set(key, (same = names));
  }
  return same;
}

function text(v: FieldValue | undefined): string {
  if (v === undefined || v === null) return '';
  return Array.isArray(v) ? v.join(',') : String(v);
}

export function recordRow(record: EvtxRecord): RecordRow {
  const f = readFields(record.nodes, SYSTEM_FIELDS);
  const eventId = Number(f['System.EventID']);
  const names = intern(eventDataNames(record.nodes).slice(0, SUMMARY_FIELDS));
  const data = names.length ? readFields(record.nodes, names) : {};
  // EventRecordID is what Event Viewer shows; the record header's id differs in forwarded or exported logs.
  const eventRecordId = Number(f['System.EventRecordID']);
  return {
    recordId: f['System.EventRecordID'] !== undefined && f['System.EventRecordID'] !== null && Number.isSafeInteger(eventRecordId) ? eventRecordId : record.recordId,
    time: text(f['System.TimeCreated.SystemTime']) || record.writtenTime,
    eventId: Number.isFinite(eventId) && f['System.EventID'] !== null ? eventId : null,
    channel: text(f['System.Channel']),
    computer: text(f['System.Computer']),
    provider: text(f['System.Provider.Name']),
    summary: names.map((n) => `${n}=${text(data[n])}`).join(' '),
    chunk: record.chunk,
    offset: record.offset,
  };
}
