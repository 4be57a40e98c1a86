// Test support (not a test): compares what a reader printed as XML with what was written.
import { type EventFields, eventFields } from '../testing/xml-fields';
import { SECURITY_SCHEMAS } from './security-schemas';
import type { Expected } from './test-events';

/** The `<Event>` elements of a reader's output, parsed. */
export function readerEvents(xml: string): EventFields[] {
  return [...xml.matchAll(/<Event[ >][^]*?<\/Event>/g)].map((m) => eventFields(m[0]));
}

/** Microseconds since the epoch from "2024-01-01 08:00:00.123456", "…T…Z" or nine decimals. */
function micros(t: string): number {
  const m = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(?:\.(\d+))?Z?$/.exec(t);
  if (!m) return NaN;
  return Date.parse(`${m[1]}T${m[2]}Z`) * 1000 + Number((m[3] ?? '').padEnd(6, '0').slice(0, 6));
}

/**
 * libevtx 20181227 (libuna) decodes every surrogate pair to the code point 0x3FF below the right one
 * (🔥 U+1F525 comes out as U+1F126): undone here so that the rest of its output is still compared.
 */
export function undoLibunaSurrogateBug(s: string): string {
  return s.replace(/[\u{10000}-\u{10FFFF}]/gu, (c) => String.fromCodePoint(c.codePointAt(0)! + 0x3ff));
}

/** The same value, as each reader prints it: GUIDs {lower} or UPPER, hex zero-padded or not. */
function same(want: string, got: string): boolean {
  if (want === got) return true;
  const guid = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;
  const [g1, g2] = [guid.exec(want), guid.exec(got)];
  if (g1 && g2) return g1[1]!.toUpperCase() === g2[1]!.toUpperCase();
  const hex = /^0x[0-9a-f]+$/i;
  if (hex.test(want) && hex.test(got)) return BigInt(want) === BigInt(got);
  return false;
}

export function compare(reader: string, got: EventFields[], expected: Expected[], fix: (s: string) => string = (s) => s): string[] {
  const diffs: string[] = [];
  if (got.length !== expected.length) diffs.push(`${reader}: ${got.length} records, ${expected.length} written`);
  expected.forEach((want, i) => {
    const g = got[i];
    if (!g) return;
    const where = `${reader} record ${want.recordId}`;
    if (g.recordId !== String(want.recordId)) diffs.push(`${where}: EventRecordID ${g.recordId}`);
    if (g.eventId !== String(want.eventId)) diffs.push(`${where}: EventID ${g.eventId}, written ${want.eventId}`);
    if (fix(g.computer) !== want.computer) diffs.push(`${where}: Computer ${JSON.stringify(g.computer)}, written ${JSON.stringify(want.computer)}`);
    // python-evtx converts FILETIME through a float: a few microseconds off.
    if (!(Math.abs(micros(g.systemTime) - micros(want.systemTime)) <= 5)) diffs.push(`${where}: SystemTime ${g.systemTime}, written ${want.systemTime}`);
    const schema = SECURITY_SCHEMAS.get(want.eventId)!;
    const key = (name: string) => (schema.userData ? `UserData/${schema.userData.element}/${name}` : name);
    for (const f of schema.fields) {
      const v = g.data.get(key(f.name));
      const w = want.data[f.name];
      const wantText = w === null || w === undefined ? '' : String(w);
      if (v === undefined) diffs.push(`${where}: ${f.name} missing`);
      else if (!same(wantText, fix(v))) diffs.push(`${where}: ${f.name} ${JSON.stringify(v).slice(0, 100)}, written ${JSON.stringify(wantText).slice(0, 100)}`);
    }
    if (g.data.size !== schema.fields.length) diffs.push(`${where}: ${g.data.size} fields, ${schema.fields.length} written`);
  });
  return diffs;
}
