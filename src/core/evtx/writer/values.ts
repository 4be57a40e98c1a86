import type { ChunkBuilder } from './chunk';
import { VT } from './security-schemas';

/** A field's value as the caller gives it; converted to the type the schema names. */
export type FieldInput = string | number | bigint | null | undefined;

const TWO32 = 4294967296;
const MAX_VALUE = 0xffff; // a value's size is a u16 in its descriptor

/** Thrown for a value that cannot be converted; the writer adds which event and field. */
export class ValueError extends TypeError {}

function describe(v: FieldInput): string {
  return typeof v === 'string' ? JSON.stringify(v.length > 60 ? v.slice(0, 60) + '…' : v) : `${String(v)}${typeof v === 'bigint' ? 'n' : ''}`;
}

/** An unsigned integer of `bits` (≤ 32) from a number, a bigint, or decimal or "0x…" text. Negative numbers wrap. */
export function toUint(v: FieldInput, bits: number, typeName: string): number {
  const max = bits === 32 ? TWO32 : 2 ** bits;
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'bigint') n = v >= -(2n ** 31n) && v < BigInt(max) ? Number(v) : NaN;
  else {
    const s = String(v).trim();
    n = /^0x[0-9a-f]+$/i.test(s) || /^-?\d+$/.test(s) ? Number(s) : NaN;
  }
  if (!Number.isInteger(n) || n >= max || n < -(max / 2)) throw new ValueError(`${describe(v)} is not a ${typeName}`);
  return n < 0 ? n + max : n;
}

/** An unsigned 64-bit integer from a number, a bigint, or decimal or "0x…" text. Negative values wrap. */
export function toU64(v: FieldInput, typeName: string): bigint | number {
  if (typeof v === 'number') {
    if (Number.isSafeInteger(v) && v >= 0) return v;
    if (Number.isSafeInteger(v)) return BigInt.asUintN(64, BigInt(v));
    throw new ValueError(`${describe(v)} is not a ${typeName}`);
  }
  let b: bigint;
  if (typeof v === 'bigint') b = v;
  else {
    const s = String(v).trim();
    if (!/^0x[0-9a-f]+$/i.test(s) && !/^-?\d+$/.test(s)) throw new ValueError(`${describe(v)} is not a ${typeName}`);
    b = BigInt(s);
  }
  if (b >= 2n ** 64n || b < -(2n ** 63n)) throw new ValueError(`${describe(v)} is out of range for a ${typeName}`);
  return BigInt.asUintN(64, b);
}

export function writeU64(c: ChunkBuilder, v: bigint | number): void {
  c.room(8);
  if (typeof v === 'number') {
    const hi = Math.floor(v / TWO32);
    c.view.setUint32(c.at, v - hi * TWO32, true);
    c.view.setUint32(c.at + 4, hi, true);
  } else c.view.setBigUint64(c.at, v, true);
  c.at += 8;
}

const GUID = /^\{?([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\}?$/i;

/** A GUID from text, braces optional, any case; stored as Windows does (first three groups little-endian). */
export function writeGuid(c: ChunkBuilder, v: FieldInput): void {
  const m = typeof v === 'string' ? GUID.exec(v.trim()) : null;
  if (!m) throw new ValueError(`${describe(v)} is not a GUID`);
  c.room(16);
  const at = c.at;
  c.view.setUint32(at, parseInt(m[1]!, 16), true);
  c.view.setUint16(at + 4, parseInt(m[2]!, 16), true);
  c.view.setUint16(at + 6, parseInt(m[3]!, 16), true);
  const rest = m[4]! + m[5]!;
  for (let i = 0; i < 8; i++) c.buf[at + 8 + i] = parseInt(rest.slice(2 * i, 2 * i + 2), 16);
  c.at += 16;
}

/** SIDs repeat (S-1-5-18, the same accounts): their bytes are kept, up to a bound. */
const sidCache = new Map<string, Uint8Array>();

/** A binary SID from "S-R-A-S1-S2…": revision, count, 48-bit big-endian authority, little-endian sub-authorities. */
export function sidBytes(v: FieldInput): Uint8Array {
  const text = typeof v === 'string' ? v.trim() : '';
  const cached = sidCache.get(text);
  if (cached) return cached;
  const parts = /^S-\d+-\d+(-\d+)*$/i.test(text) ? text.slice(2).split('-').map(Number) : [];
  const [revision = NaN, authority = NaN, ...subs] = parts;
  if (!(revision <= 255) || !(authority < 2 ** 48) || subs.length > 15 || subs.some((s) => s >= TWO32))
    throw new ValueError(`${describe(v)} is not a SID`);
  const out = new Uint8Array(8 + 4 * subs.length);
  const view = new DataView(out.buffer);
  out[0] = revision;
  out[1] = subs.length;
  view.setUint16(2, Math.floor(authority / TWO32), false);
  view.setUint32(4, authority % TWO32, false);
  subs.forEach((s, i) => view.setUint32(8 + 4 * i, s, true));
  if (sidCache.size >= 4096) sidCache.clear();
  sidCache.set(text, out);
  return out;
}

/** A string value: UTF-16LE, with a NUL terminator when asked (older Windows versions wrote one). */
export function writeString(c: ChunkBuilder, s: string, nulTerminated: boolean): void {
  const size = 2 * s.length + (nulTerminated ? 2 : 0);
  if (size > MAX_VALUE) throw new ValueError(`a string of ${s.length} characters is longer than a value can be (${MAX_VALUE >> 1} characters)`);
  c.utf16(s);
  if (nulTerminated) c.u16(0);
}

/**
 * What null (or a field left out) is written as: the value Windows writes when there is nothing, of
 * the field's own type. Not a Null-typed value: Windows never writes one in event data, and libevtx
 * cannot read one in a `<Data>` element (nor python-evtx a SID or GUID of zero bytes).
 */
export function absentValue(type: number): string | number {
  switch (type) {
    case VT.String:
      return '';
    case VT.Sid:
      return 'S-1-0-0'; // the NULL SID
    case VT.Guid:
      return '00000000-0000-0000-0000-000000000000';
    default:
      return 0;
  }
}

/** Writes `v` converted to `type` at the chunk's position and returns the type written. */
export function writeValue(c: ChunkBuilder, type: number, v: FieldInput, nulTerminated: boolean): number {
  if (v === null || v === undefined) v = absentValue(type);
  switch (type) {
    case VT.String:
      writeString(c, typeof v === 'string' ? v : String(v), nulTerminated);
      break;
    case VT.UInt8:
      c.u8(toUint(v, 8, 'UInt8'));
      break;
    case VT.UInt16:
      c.u16(toUint(v, 16, 'UInt16'));
      break;
    case VT.UInt32:
      c.u32(toUint(v, 32, 'UInt32'));
      break;
    case VT.HexInt32:
      c.u32(toUint(v, 32, 'HexInt32'));
      break;
    case VT.UInt64:
    case VT.HexInt64:
    case VT.SizeT:
      writeU64(c, toU64(v, type === VT.UInt64 ? 'UInt64' : 'HexInt64'));
      break;
    case VT.Guid:
      writeGuid(c, v);
      break;
    case VT.Sid:
      c.bytes(sidBytes(v));
      break;
    default:
      throw new ValueError(`value type 0x${type.toString(16)} is not supported by the writer`);
  }
  return type;
}
