import { type Fragment, NodeKind, type Scalar, type Substitutions } from '../binxml/nodes';
import { filetimeMicros, formatFiletime } from '../binxml/text';
import { decodeValue, FIXED_SIZE, type ValueContext, ValueType } from '../binxml/values';
import type { ByteSink } from './byte-sink';
import { writeJsonScalar, writeUint32, writeUtf16JsonString } from './utf8-json';

// Substitution values as JSON bytes, read where they lie in the chunk. Decoding a value to a JS
// value and then encoding it again was most of the cost of full records: every record's strings
// (the provider's name alone is 35 characters, too long for the decoder's cache) were built as JS
// strings only to be escaped and encoded to UTF-8 at once. Strings, unsigned integers and hex
// numbers (nearly all values of Security events) are written straight from their bytes; the rest
// goes through the value decoder, whose caches make GUIDs, SIDs and times cheap.

/** What a value's JSON shape depends on (see json-program.ts); the numbers are stored in shapes. */
export const enum ValueClass {
  /** null: the element or attribute is left out, or written as null. */
  Absent = 0,
  /** The empty string. */
  Empty = 1,
  /** Any other scalar: becomes one JSON value. */
  Scalar = 2,
  /** BinXML that is one template instance: its elements are written in place. */
  Nested = 3,
  /** Arrays, other BinXML: left to the generic writer. */
  Other = 4,
}

/** UTF-16 units of a stored string without the NULs that end most of them (as readUtf16Trimmed). */
function trimmedUnits(src: Uint8Array, offset: number, size: number): number {
  let count = size >> 1;
  while (count > 0 && src[offset + 2 * count - 2] === 0 && src[offset + 2 * count - 1] === 0) count--;
  return count;
}

/**
 * The class of value `index` of `args`, stored as `type`, `size` bytes at `offset` of `src` (the
 * chunk): the class of `args.get(index)` (json-text tests check this on every corpus record), from
 * the type and bytes where that decides it. BinXML values are parsed (their template matters), and
 * so are the rare types whose emptiness depends on their content.
 */
export function valueClass(type: number, size: number, src: Uint8Array, offset: number, args: Substitutions, index: number): ValueClass {
  // The order of decodeValue's own checks.
  if (size === 0) return type === ValueType.String || type === ValueType.AnsiString ? ValueClass.Empty : ValueClass.Absent;
  if (type === ValueType.String) return trimmedUnits(src, offset, size) === 0 ? ValueClass.Empty : ValueClass.Scalar;
  if (type === ValueType.Null) return ValueClass.Absent;
  if (type === ValueType.BinXml) {
    const nodes = (args.get(index) as Fragment).nodes;
    return nodes.length === 1 && nodes[0]!.k === NodeKind.TemplateInstance ? ValueClass.Nested : ValueClass.Other;
  }
  if (type & ValueType.ArrayFlag) return ValueClass.Other;
  const fixed = FIXED_SIZE[type]!;
  // Numbers, GUIDs, times and hex numbers: null when shorter than their type (damage), else never empty.
  if (fixed !== 0) return size < fixed && type !== ValueType.Bool ? ValueClass.Absent : ValueClass.Scalar;
  // Binary data as hex text: never empty once it has a byte.
  if (type === ValueType.Binary || type === ValueType.EvtHandle || type === ValueType.EvtXml) return ValueClass.Scalar;
  // ANSI strings, sizes, SIDs and unknown types (which throw, as any other rendering would).
  const v = args.get(index);
  return v === null ? ValueClass.Absent : v === '' ? ValueClass.Empty : typeof v === 'object' ? ValueClass.Other : ValueClass.Scalar;
}

/**
 * valueClass for a value that is not BinXML (Other for BinXML: its class needs the nested parse,
 * which json-repeat.ts does itself), decoding through `ctx` (the chunk) where valueClass asks `args`:
 * the same decoder on the same bytes, without an instance's Substitutions.
 */
export function scalarValueClass(type: number, size: number, src: Uint8Array, offset: number, ctx: ValueContext): ValueClass {
  if (size === 0) return type === ValueType.String || type === ValueType.AnsiString ? ValueClass.Empty : ValueClass.Absent;
  if (type === ValueType.String) return trimmedUnits(src, offset, size) === 0 ? ValueClass.Empty : ValueClass.Scalar;
  if (type === ValueType.Null) return ValueClass.Absent;
  if (type === ValueType.BinXml || type & ValueType.ArrayFlag) return ValueClass.Other;
  const fixed = FIXED_SIZE[type]!;
  if (fixed !== 0) return size < fixed && type !== ValueType.Bool ? ValueClass.Absent : ValueClass.Scalar;
  if (type === ValueType.Binary || type === ValueType.EvtHandle || type === ValueType.EvtXml) return ValueClass.Scalar;
  const v = decodeValue(ctx, type, offset, size);
  return v === null ? ValueClass.Absent : v === '' ? ValueClass.Empty : typeof v === 'object' ? ValueClass.Other : ValueClass.Scalar;
}

function u32(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}

const HEX = Array.from('0123456789abcdef', (ch) => ch.charCodeAt(0));

/** "0x…" of the unsigned 64-bit hi:lo in lower case without leading zeros, quoted (as the decoder's hex()). */
function writeHex(sink: ByteSink, lo: number, hi: number): void {
  sink.reserve(20);
  const out = sink.bytes;
  let p = sink.length;
  out[p++] = 34;
  out[p++] = 48;
  out[p++] = 120;
  let started = false;
  for (let shift = 28; shift >= 0; shift -= 4) {
    const d = (hi >>> shift) & 15;
    if (d !== 0 || started) {
      out[p++] = HEX[d]!;
      started = true;
    }
  }
  for (let shift = 28; shift >= 0; shift -= 4) {
    const d = (lo >>> shift) & 15;
    if (d !== 0 || started || shift === 0) {
      out[p++] = HEX[d]!;
      started = true;
    }
  }
  out[p++] = 34;
  sink.length = p;
}

/**
 * The last time written, as JSON bytes (quotes included): records of a burst share their time.
 * Nearly every record has a time of its own, and through the decoder each was a string of eleven
 * pieces, then a JSON string encoded character by character: ~0.3 µs, 0.4 s on the 1 GB log.
 */
const time = new Uint8Array(64);
let timeLength = 0;
let timeLo = -1;
let timeHi = -1;
/** The day (since 1970) whose text `time` starts with, and how long that text is with its quote. */
let timeDay = NaN;
let timeDayLength = 0;

function two(at: number, n: number): void {
  const tens = (n / 10) | 0;
  time[at] = 48 + tens;
  time[at + 1] = 48 + n - 10 * tens;
}

/** JSON of the text `formatFiletime(lo, hi)` gives, into `time`; the day's text taken from it once per day. */
function formatTime(lo: number, hi: number): void {
  timeLo = lo;
  timeHi = hi;
  const micros = filetimeMicros(lo, hi);
  const second = Math.floor(micros / 1e6);
  const day = Math.floor(second / 86400);
  if (!Number.isSafeInteger(micros) || day !== timeDay) {
    // Another day, or a time outside 1685–2255 (exact arithmetic needed): the decoder's text, as it is.
    const text = formatFiletime(lo, hi);
    time[0] = 34;
    for (let i = 0; i < text.length; i++) time[1 + i] = text.charCodeAt(i);
    time[1 + text.length] = 34;
    timeLength = text.length + 2;
    // "…THH:MM:SS.ffffffZ": the day's text is all but the last 16 characters; kept only for a normal date.
    const normal = Number.isSafeInteger(micros) && text.charCodeAt(text.length - 1) === 90 && text.charCodeAt(text.length - 17) === 84;
    timeDay = normal ? day : NaN;
    timeDayLength = text.length - 15;
    return;
  }
  const s = second - day * 86400;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s - h * 3600) / 60);
  const us = micros - second * 1e6;
  const ms = Math.floor(us / 1000);
  const rest = us - ms * 1000;
  let p = timeDayLength;
  two(p, h);
  two(p + 3, m);
  two(p + 6, s - h * 3600 - m * 60);
  // ms and the rest as three digits each.
  time[p + 9] = 48 + Math.floor(ms / 100);
  two(p + 10, ms % 100);
  time[p + 12] = 48 + Math.floor(rest / 100);
  two(p + 13, rest % 100);
  p += 15;
  time[p++] = 90;
  time[p++] = 34;
  timeLength = p;
}

/** A FILETIME (8 bytes at `o`) as JSON: jsonValue(formatFiletime(lo, hi)) as UTF-8. */
export function writeFiletimeJson(sink: ByteSink, src: Uint8Array, o: number): void {
  const lo = u32(src, o);
  const hi = u32(src, o + 4);
  if (lo !== timeLo || hi !== timeHi) formatTime(lo, hi);
  const n = timeLength;
  sink.reserve(n);
  const out = sink.bytes;
  let p = sink.length;
  for (let i = 0; i < n; i++) out[p++] = time[i]!;
  sink.length = p;
}

/**
 * A value of class Scalar, stored as `type`, `size` bytes at `o` of `src` (the chunk; `srcWords` a
 * DataView of it) as JSON: jsonValue of its decoded value as UTF-8. Types not written here are decoded
 * through `ctx` (the chunk), as the instance's Substitutions would decode them.
 */
export function writeValueJson(sink: ByteSink, type: number, size: number, src: Uint8Array, srcWords: DataView, o: number, ctx: ValueContext): void {
  switch (type) {
    case ValueType.String:
      return writeUtf16JsonString(sink, src, srcWords, o, trimmedUnits(src, o, size));
    case ValueType.UInt8:
      return writeUint32(sink, src[o]!);
    case ValueType.UInt16:
      return writeUint32(sink, src[o]! | (src[o + 1]! << 8));
    case ValueType.UInt32:
      return writeUint32(sink, u32(src, o));
    case ValueType.UInt64:
      if (u32(src, o + 4) === 0) return writeUint32(sink, u32(src, o));
      break;
    case ValueType.HexInt32:
      return writeHex(sink, u32(src, o), 0);
    case ValueType.HexInt64:
      return writeHex(sink, u32(src, o), u32(src, o + 4));
    case ValueType.FileTime:
      return writeFiletimeJson(sink, src, o);
  }
  writeJsonScalar(sink, decodeValue(ctx, type, o, size) as Scalar);
}
