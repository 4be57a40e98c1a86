import { readSid } from '../binxml/text';
import { PROVIDER_GUIDS, securitySchema, VT } from './security-schemas';
import { toFiletime, type SecurityEvent } from './writer';
import { absentValue, sidBytes, toU64, toUint, ValueError } from './values';

/**
 * Event Viewer's "Save as XML" text for `events`, in pieces (the declaration and `<Events>`, one
 * `<Event>` per event, `</Events>`), so that any number of events streams in constant memory.
 * Each event is rendered the way the event log's renderer writes it (single-quoted attributes, no
 * indentation, `{UPPER-CASE}` GUIDs, 100 ns SystemTime, empty elements for absent values) from the
 * same events and with the same conversions as EvtxWriter, so the XML and the EVTX file agree.
 * Without the provider's message table there is no `<RenderingInfo>`.
 */
export function* eventViewerXml(events: Iterable<SecurityEvent>): Iterable<string> {
  yield '<?xml version="1.0" encoding="utf-8" standalone="yes"?>\r\n<Events>\r\n';
  let nextId = 1;
  for (const e of events) {
    const recordId = e.recordId ?? nextId;
    yield eventXml(e, recordId) + '\r\n';
    nextId = recordId + 1;
  }
  yield '</Events>\r\n';
}

const TEXT = /[&<>\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;
const ATTR = /[&<>'"\u0000-\u0008\u000b\u000c\u000e-\u001f\t\n\r]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&apos;', '"': '&quot;' };
const escape = (c: string) => ENTITY[c] ?? `&#x${c.charCodeAt(0).toString(16)};`;
const text = (s: string) => s.replace(TEXT, escape);
const attr = (s: string) => s.replace(ATTR, escape);

const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;

/** A field value as the event log renders it, after the conversion the writer applies. */
function valueText(type: number, v: string | number | bigint | null | undefined): string {
  if (v === null || v === undefined) v = absentValue(type);
  switch (type) {
    case VT.String:
      return typeof v === 'string' ? v : String(v);
    case VT.UInt32:
      return String(toUint(v, 32, 'UInt32'));
    case VT.HexInt32:
      return '0x' + toUint(v, 32, 'HexInt32').toString(16);
    case VT.HexInt64:
      return '0x' + toU64(v, 'HexInt64').toString(16);
    case VT.Guid: {
      const m = typeof v === 'string' ? GUID.exec(v.trim()) : null;
      if (!m) throw new ValueError(`${String(v)} is not a GUID`);
      return `{${m[1]!.toUpperCase()}}`;
    }
    case VT.Sid: {
      const b = sidBytes(v);
      return readSid(b, new DataView(b.buffer, b.byteOffset, b.length), 0, b.length) ?? '';
    }
    default:
      throw new ValueError(`value type 0x${type.toString(16)} is not supported`);
  }
}

/** FILETIME as the event log renders SystemTime: seven decimals of seconds, then "00Z". */
function systemTime(filetime: bigint): string {
  const unixTicks = filetime - 116444736000000000n;
  const seconds = unixTicks / 10000000n - (unixTicks % 10000000n < 0n ? 1n : 0n);
  const fraction = unixTicks - seconds * 10000000n;
  const iso = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  return `${iso}.${fraction.toString().padStart(7, '0')}00Z`;
}

function eventXml(e: SecurityEvent, recordId: number): string {
  const schema = securitySchema(e.eventId);
  const known = new Set(schema.fields.map((f) => f.name));
  for (const name in e.fields) if (!known.has(name)) throw new RangeError(`eventViewerXml: event ${e.eventId} has no field "${name}"`);
  const guid = PROVIDER_GUIDS[schema.provider];
  const keywords = e.keywords ?? schema.keywords;
  const system =
    `<System><Provider Name='${schema.provider}' Guid='{${guid}}'/>` +
    `<EventID>${schema.eventId}</EventID><Version>${schema.version}</Version><Level>${schema.level}</Level>` +
    `<Task>${schema.task}</Task><Opcode>${schema.opcode}</Opcode><Keywords>0x${BigInt.asUintN(64, keywords).toString(16)}</Keywords>` +
    `<TimeCreated SystemTime='${systemTime(toFiletime(e.time))}'/><EventRecordID>${recordId}</EventRecordID>` +
    `<Correlation/><Execution ProcessID='${e.processId ?? 4}' ThreadID='${e.threadId ?? 0}'/>` +
    `<Channel>Security</Channel><Computer>${text(String(e.computer))}</Computer><Security/></System>`;
  const values = schema.fields.map((f) => {
    try {
      return text(valueText(f.type, e.fields[f.name]));
    } catch (err) {
      throw new ValueError(`eventViewerXml: event ${e.eventId}, record ${recordId}, field ${f.name}: ${(err as Error).message}`);
    }
  });
  let data: string;
  if (schema.userData) {
    const { element, attributes } = schema.userData;
    const ns = attributes.find(([n]) => n === 'xmlns')?.[1] ?? '';
    data = `<UserData><${element} xmlns='${attr(ns)}'>${schema.fields.map((f, i) => `<${f.name}>${values[i]}</${f.name}>`).join('')}</${element}></UserData>`;
  } else {
    data = `<EventData>${schema.fields.map((f, i) => `<Data Name='${f.name}'>${values[i]}</Data>`).join('')}</EventData>`;
  }
  return `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>${system}${data}</Event>`;
}
