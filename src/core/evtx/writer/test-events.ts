// Test support (not a test): deterministic Security events with hostile values, and what each
// record must read back as. The inputs take varied forms (GUIDs with braces, hex as text, bigint,
// lower-case SIDs); the expectations are the canonical forms our parser prints.
import type { JsonValue } from '../render/json';
import { type EventSchema, SECURITY_SCHEMAS, VT } from './security-schemas';
import { EvtxWriter, type EvtxWriterOptions, type SecurityEvent } from './writer';

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 4,000 UTF-16 units of markup characters and emoji (the pattern is 8 units: no pair is split). */
export const LONG = 'ab<&>"🔥'.repeat(500);

export const HOSTILE_STRINGS: readonly string[] = [
  'a"b\'c',
  '<tag attr="x">&amp;</tag>',
  'line1\nline2\n\ttab',
  '🔥👩‍💻𝕏',
  '',
  ']]>',
  '  spaced  ',
  'Ünïcødé € 中文',
  '%%1833',
  LONG,
];

const PLAIN_STRINGS = ['alice', 'DC01$', 'CORP', '-', '%%1842', '10.0.0.5', 'C:\\Windows\\System32\\lsass.exe', 'Kerberos', 'NTLM', '49152'];

export const COMPUTERS = ['DC01.corp.local', 'DC02.corp.local', 'WS-<&"\'>-🔥.corp.local'];

export interface Expected {
  recordId: number;
  eventId: number;
  computer: string;
  /** As our parser prints it: ISO 8601 with microseconds. */
  systemTime: string;
  processId: number;
  threadId: number;
  keywords: string;
  /** The event data as renderJson gives it, in schema order. */
  data: Record<string, JsonValue>;
}

export interface GeneratedEvents {
  events: SecurityEvent[];
  expected: Expected[];
}

const hex = (n: bigint | number) => '0x' + n.toString(16);

/** One value of `type`: the input given to the writer and what it reads back as. */
function value(type: number, rand: () => number, hostile: boolean, longLeft: { n: number }): [string | number | bigint | null, JsonValue] {
  const r = rand();
  if (r < 0.04) {
    // Null: written as Windows' empty value of the type.
    const empty: Record<number, JsonValue> = { [VT.String]: '', [VT.Sid]: 'S-1-0-0', [VT.Guid]: '00000000-0000-0000-0000-000000000000', [VT.UInt32]: 0 };
    return [null, empty[type] ?? '0x0'];
  }
  switch (type) {
    case VT.String: {
      if (hostile && rand() < 0.3) {
        let s = HOSTILE_STRINGS[Math.floor(rand() * HOSTILE_STRINGS.length)]!;
        if (s === LONG && longLeft.n-- <= 0) s = 'short';
        return [s, s];
      }
      const s = PLAIN_STRINGS[Math.floor(rand() * PLAIN_STRINGS.length)]!;
      return rand() < 0.1 ? [s.length, String(s.length)] : [s, s];
    }
    case VT.Sid: {
      const pick = rand();
      if (pick < 0.2) return ['S-1-5-18', 'S-1-5-18'];
      if (pick < 0.3) return ['s-1-0-0', 'S-1-0-0'];
      const sid = `S-1-5-21-${Math.floor(rand() * 2 ** 32)}-${Math.floor(rand() * 2 ** 32)}-${Math.floor(rand() * 2 ** 32)}-${1000 + Math.floor(rand() * 100000)}`;
      return [sid, sid];
    }
    case VT.HexInt64: {
      const n = rand() < 0.3 ? BigInt(Math.floor(rand() * 1000)) : (BigInt(Math.floor(rand() * 2 ** 32)) << 32n) | BigInt(Math.floor(rand() * 2 ** 32));
      const form = rand();
      return [form < 0.3 ? n : form < 0.6 ? hex(n).toUpperCase().replace('0X', '0x') : n < 2n ** 53n ? Number(n) : hex(n), hex(n)];
    }
    case VT.HexInt32: {
      const n = Math.floor(rand() * 2 ** 32);
      const form = rand();
      return [form < 0.4 ? n : form < 0.7 ? hex(n) : n >= 2 ** 31 ? n - 2 ** 32 : n, hex(n)];
    }
    case VT.UInt32: {
      const n = Math.floor(rand() * (rand() < 0.5 ? 16 : 2 ** 32));
      return [rand() < 0.3 ? String(n) : n, n];
    }
    case VT.Guid: {
      let g = '';
      for (let i = 0; i < 32; i++) g += Math.floor(rand() * 16).toString(16);
      const text = `${g.slice(0, 8)}-${g.slice(8, 12)}-${g.slice(12, 16)}-${g.slice(16, 20)}-${g.slice(20)}`;
      return [rand() < 0.5 ? `{${text}}` : text.toUpperCase(), text.toUpperCase()];
    }
    default:
      throw new Error(`no test values for type ${type}`);
  }
}

export const BASE_TIME = Date.UTC(2024, 0, 1, 8, 0, 0);

/**
 * `perId` events of each supported event id (or of `ids`), shuffled, with ids, times, computers,
 * process ids and keywords varying; `hostile` mixes in the hostile strings (at most two 4,000-character
 * values per event, so that every record fits a chunk).
 */
export function generateEvents(perId: number, seed: number, hostile: boolean, ids = [...SECURITY_SCHEMAS.keys()]): GeneratedEvents {
  const rand = prng(seed);
  const order: number[] = [];
  for (const id of ids) for (let i = 0; i < perId; i++) order.push(id);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const events: SecurityEvent[] = [];
  const expected: Expected[] = [];
  let nextId = 1;
  order.forEach((eventId, i) => {
    const schema = SECURITY_SCHEMAS.get(eventId)!;
    const longLeft = { n: 2 };
    const fields: SecurityEvent['fields'] = {};
    const data: Record<string, JsonValue> = {};
    for (const f of schema.fields) {
      const [input, output] = value(f.type, rand, hostile, longLeft);
      if (!(input === null && rand() < 0.5)) fields[f.name] = input; // half the nulls are left out instead
      data[f.name] = schema.userData && output === '' ? null : output; // an empty UserData element reads as null
    }
    const ms = BASE_TIME + i * 1537 + Math.floor(rand() * 1000);
    const event: SecurityEvent = { eventId, time: rand() < 0.5 ? new Date(ms) : ms, computer: COMPUTERS[Math.floor(rand() * COMPUTERS.length)]!, fields };
    if (i > 0 && rand() < 0.002) event.recordId = nextId + 1000 + Math.floor(rand() * 1000);
    if (rand() < 0.3) event.processId = Math.floor(rand() * 2 ** 32);
    if (rand() < 0.3) event.threadId = Math.floor(rand() * 65536);
    if (rand() < 0.1) event.keywords = 0x8010000000000000n;
    const recordId = event.recordId ?? nextId;
    nextId = recordId + 1;
    events.push(event);
    expected.push({
      recordId,
      eventId,
      computer: event.computer,
      systemTime: new Date(ms).toISOString().replace('Z', '000Z'),
      processId: event.processId ?? 4,
      threadId: event.threadId ?? 0,
      keywords: hex(event.keywords ?? schema.keywords),
      data,
    });
  });
  return { events, expected };
}

export function schemaOf(eventId: number): EventSchema {
  return SECURITY_SCHEMAS.get(eventId)!;
}

export { writeToMemory } from './memory';
