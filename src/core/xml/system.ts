import type { JsonObject, JsonValue } from '../evtx';

/** System children whose text is an integer in EVTX (and so a number in evtx_dump's JSON). */
const NUMERIC_ELEMENTS = ['EventID', 'Version', 'Level', 'Task', 'Opcode', 'EventRecordID'];
/** Integer attributes of System children, by element. */
const NUMERIC_ATTRIBUTES: Record<string, string[]> = { EventID: ['Qualifiers'], Execution: ['ProcessID', 'ThreadID'] };

const PLAIN_INTEGER = /^(?:0|[1-9][0-9]*)$/;

/** A plain decimal integer as a number (a BigInt past 2^53, as the EVTX side does); anything else unchanged. */
export function integerOrText(v: string): JsonValue {
  if (!PLAIN_INTEGER.test(v)) return v;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : BigInt(v);
}

const TIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/;

/**
 * ISO 8601 UTC time with exactly 6 fractional digits, as the EVTX side writes it. Windows writes
 * 7 or 9 digits ("2016-07-08T18:12:51.681640100Z"): the extra digits are cut off (FILETIME's
 * 100 ns ticks are truncated to microseconds on the EVTX side too). Other forms are left as they are.
 */
export function normalizeSystemTime(t: string): string {
  const m = TIME.exec(t);
  if (!m) return t;
  return `${m[1]}.${(m[2] ?? '').slice(0, 6).padEnd(6, '0')}Z`;
}

function isObject(v: JsonValue | undefined): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * XML carries no types. Gives System's numeric fields (EventID and its Qualifiers, Version, Level,
 * Task, Opcode, EventRecordID, Execution's ProcessID and ThreadID) their number type when they are
 * plain decimal integers, and normalizes TimeCreated/@SystemTime, in place.
 */
export function typeSystem(json: JsonObject): JsonObject {
  const event = json['Event'];
  const system = isObject(event) ? event['System'] : undefined;
  if (!isObject(system)) return json;
  for (const name of NUMERIC_ELEMENTS) {
    const v = system[name];
    if (typeof v === 'string') system[name] = integerOrText(v);
    else if (isObject(v) && typeof v['#text'] === 'string') v['#text'] = integerOrText(v['#text']);
  }
  for (const [name, attrs] of Object.entries(NUMERIC_ATTRIBUTES)) {
    const el = system[name];
    const a = isObject(el) ? el['#attributes'] : undefined;
    if (!isObject(a)) continue;
    for (const attr of attrs) {
      const v = a[attr];
      if (typeof v === 'string') a[attr] = integerOrText(v);
    }
  }
  const tc = system['TimeCreated'];
  const ta = isObject(tc) ? tc['#attributes'] : undefined;
  if (isObject(ta) && typeof ta['SystemTime'] === 'string') ta['SystemTime'] = normalizeSystemTime(ta['SystemTime']);
  return json;
}
