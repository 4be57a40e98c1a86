import { type Fragment, NodeKind, type Scalar, type Substitutions } from '../binxml/nodes';
import { FIXED_SIZE, ValueType } from '../binxml/values';
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

/** Value `index` of `args` (of class Scalar; stored as in valueClass; `srcWords` a DataView of `src`) as JSON: jsonValue(args.get(index)) as UTF-8. */
export function writeValueJson(sink: ByteSink, type: number, size: number, src: Uint8Array, srcWords: DataView, o: number, args: Substitutions, index: number): void {
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
  }
  writeJsonScalar(sink, args.get(index) as Scalar);
}
