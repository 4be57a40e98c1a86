import { eventDataNames, type FieldValue, readFields } from './fields';
import type { EvtxRecord } from './record';

/** What a records table shows for one record; small, so millions fit in the UI thread. */
export interface RecordRow {
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

const SYSTEM_FIELDS = ['System.EventID', 'System.Channel', 'System.Computer', 'System.Provider.Name', 'System.TimeCreated.SystemTime'];
const SUMMARY_FIELDS = 6;

function text(v: FieldValue | undefined): string {
  if (v === undefined || v === null) return '';
  return Array.isArray(v) ? v.join(',') : String(v);
}

export function recordRow(record: EvtxRecord): RecordRow {
  const f = readFields(record.nodes, SYSTEM_FIELDS);
  const eventId = Number(f['System.EventID']);
  const names = eventDataNames(record.nodes).slice(0, SUMMARY_FIELDS);
  const data = names.length ? readFields(record.nodes, names) : {};
  return {
    recordId: record.recordId,
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
