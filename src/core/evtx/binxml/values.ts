import { EvtxFormatError } from '../errors';
import type { Fragment, Scalar, Value } from './nodes';
import {
  formatFiletime,
  formatSystemtime,
  hexUpper,
  readAnsi,
  readGuid,
  readSid,
  readUtf16,
  readUtf16Trimmed,
  trimNuls,
} from './text';

/** BinXML value types (MS-EVEN6 2.2.18 / libevtx). Arrays are `0x80 | type`. */
export const enum ValueType {
  Null = 0x00,
  String = 0x01,
  AnsiString = 0x02,
  Int8 = 0x03,
  UInt8 = 0x04,
  Int16 = 0x05,
  UInt16 = 0x06,
  Int32 = 0x07,
  UInt32 = 0x08,
  Int64 = 0x09,
  UInt64 = 0x0a,
  Real32 = 0x0b,
  Real64 = 0x0c,
  Bool = 0x0d,
  Binary = 0x0e,
  Guid = 0x0f,
  SizeT = 0x10,
  FileTime = 0x11,
  SysTime = 0x12,
  Sid = 0x13,
  HexInt32 = 0x14,
  HexInt64 = 0x15,
  EvtHandle = 0x20,
  BinXml = 0x21,
  EvtXml = 0x23,
  ArrayFlag = 0x80,
}

const FIXED_SIZES: Record<number, number> = {
  [ValueType.Int8]: 1,
  [ValueType.UInt8]: 1,
  [ValueType.Int16]: 2,
  [ValueType.UInt16]: 2,
  [ValueType.Int32]: 4,
  [ValueType.UInt32]: 4,
  [ValueType.Int64]: 8,
  [ValueType.UInt64]: 8,
  [ValueType.Real32]: 4,
  [ValueType.Real64]: 8,
  [ValueType.Bool]: 4,
  [ValueType.Guid]: 16,
  [ValueType.FileTime]: 8,
  [ValueType.SysTime]: 16,
  [ValueType.HexInt32]: 4,
  [ValueType.HexInt64]: 8,
};
/** The same as a table by type (0: not fixed), read for every value decoded. */
export const FIXED_SIZE = new Uint8Array(256);
for (const [type, size] of Object.entries(FIXED_SIZES)) FIXED_SIZE[Number(type)] = size;

export interface ValueContext {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  /** Parses BinXML nested in a value; bounded by the caller's depth limit. */
  parseNested(offset: number, size: number): Fragment;
}

/** 64-bit integers stay exact: a Number when it fits in 2^53, a BigInt otherwise. */
function exact(v: bigint): number | bigint {
  return v <= 9007199254740991n && v >= -9007199254740991n ? Number(v) : v;
}

function hexU64(view: DataView, o: number): string {
  return hex(view.getUint32(o, true), view.getUint32(o + 4, true));
}

/**
 * Recent hex values: every record has Keywords (0x8020000000000000 in all of a Security log), and
 * logon ids and process ids repeat; radix conversion costs more than the lookup.
 */
const hexLo = new Int32Array(256);
const hexHi = new Int32Array(256);
const hexText: string[] = new Array<string>(256).fill('');

/** "0x…" of the unsigned 64-bit value hi:lo, lower case, no leading zeros (as evtx_dump). */
function hex(lo: number, hi: number): string {
  const slot = (lo ^ (lo >>> 12) ^ (lo >>> 24) ^ hi ^ (hi >>> 20)) & 255;
  if (hexLo[slot] === (lo | 0) && hexHi[slot] === (hi | 0) && hexText[slot] !== '') return hexText[slot]!;
  const text = hi === 0 ? '0x' + lo.toString(16) : '0x' + hi.toString(16) + lo.toString(16).padStart(8, '0');
  hexLo[slot] = lo;
  hexHi[slot] = hi;
  hexText[slot] = text;
  return text;
}

function scalar(ctx: ValueContext, type: number, o: number, size: number): Scalar {
  const { bytes: b, view: v } = ctx;
  switch (type) {
    case ValueType.Null:
      return null;
    case ValueType.String:
      return readUtf16Trimmed(b, o, size);
    case ValueType.AnsiString:
      return readAnsi(b, o, size);
    case ValueType.Int8:
      return v.getInt8(o);
    case ValueType.UInt8:
      return b[o]!;
    case ValueType.Int16:
      return v.getInt16(o, true);
    case ValueType.UInt16:
      return v.getUint16(o, true);
    case ValueType.Int32:
      return v.getInt32(o, true);
    case ValueType.UInt32:
      return v.getUint32(o, true);
    case ValueType.Int64: {
      const hi = v.getInt32(o + 4, true);
      // Within ±2^53 the halves combine exactly without a BigInt allocation.
      return hi >= -0x200000 && hi < 0x200000 ? hi * 4294967296 + v.getUint32(o, true) : exact(v.getBigInt64(o, true));
    }
    case ValueType.UInt64: {
      const hi = v.getUint32(o + 4, true);
      return hi < 0x200000 ? hi * 4294967296 + v.getUint32(o, true) : exact(v.getBigUint64(o, true));
    }
    case ValueType.Real32:
      return v.getFloat32(o, true);
    case ValueType.Real64:
      return v.getFloat64(o, true);
    case ValueType.Bool:
    {
      // Some writers store values other than 0 and 1; like evtx_dump, those stay numbers.
      const n = size >= 4 ? v.getInt32(o, true) : b[o]!;
      return n === 0 ? false : n === 1 ? true : n;
    }
    case ValueType.Binary:
    case ValueType.EvtHandle:
    case ValueType.EvtXml:
      return hexUpper(b, o, size);
    case ValueType.Guid:
      return readGuid(b, o);
    case ValueType.SizeT:
      return size === 8 ? hexU64(v, o) : hex(v.getUint32(o, true), 0);
    case ValueType.FileTime:
      return formatFiletime(v.getUint32(o, true), v.getUint32(o + 4, true));
    case ValueType.SysTime:
      return formatSystemtime(v, o);
    case ValueType.Sid:
      return readSid(b, v, o, size);
    case ValueType.HexInt32:
      return hex(v.getUint32(o, true), 0);
    case ValueType.HexInt64:
      return hexU64(v, o);
    default:
      throw new EvtxFormatError(`unknown value type 0x${type.toString(16)}`, o);
  }
}

/** Decodes one substitution value of `size` bytes at chunk offset `o`. */
export function decodeValue(ctx: ValueContext, type: number, o: number, size: number): Value {
  if (o + size > ctx.bytes.length) throw new EvtxFormatError(`value of ${size} bytes runs past the chunk end`, o);
  if (size === 0) return type === ValueType.String || type === ValueType.AnsiString ? '' : null;

  if (type === ValueType.BinXml) return ctx.parseNested(o, size);
  if (type & ValueType.ArrayFlag) return decodeArray(ctx, type & 0x7f, o, size);
  if (size < FIXED_SIZE[type]!) {
    // A value shorter than its type is damage (e.g. an incomplete SID or truncated integer).
    if (type !== ValueType.Bool) return null;
  }
  return scalar(ctx, type, o, size);
}

function decodeArray(ctx: ValueContext, type: number, o: number, size: number): Scalar[] {
  if (type === ValueType.String) {
    const s = readUtf16(ctx.bytes, o, size >> 1);
    const parts = s.split('\0');
    if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
    return parts;
  }
  if (type === ValueType.AnsiString) {
    const parts = readAnsi(ctx.bytes, o, size).split('\0');
    return parts;
  }
  let width: number | undefined = FIXED_SIZES[type];
  if (type === ValueType.SizeT) width = 8;
  if (width === undefined) return [hexUpper(ctx.bytes, o, size)];
  const out: Scalar[] = [];
  for (let p = o; p + width <= o + size; p += width) out.push(scalar(ctx, type, p, width));
  return out;
}

export { trimNuls };
