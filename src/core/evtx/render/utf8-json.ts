import type { Scalar } from '../binxml/nodes';
import type { ByteSink } from './byte-sink';

// JSON string literals written as UTF-8 bytes. Hand-written rather than JSON.stringify followed by
// TextEncoder because that pair builds two strings per value and costs a call each; full records
// write ~40 values apiece. The output is byte for byte what JSON.stringify + TextEncoder give
// (unit tests compare them on random and hostile strings): the escapes \" \\ \b \t \n \f \r,
// \u00XX for other control characters, U+2028/U+2029 left as they are, and, for JS strings, lone
// surrogates as \uXXXX. Text read from a log's UTF-16 gets U+FFFD for a lone surrogate instead,
// which is what decoding it to a string first (TextDecoder, as the value decoder does) would give.

/** 1 for ASCII bytes written as themselves inside a JSON string. */
const PLAIN = new Uint8Array(128);
for (let c = 32; c < 128; c++) PLAIN[c] = c === 34 || c === 92 ? 0 : 1;

/** The escape of each ASCII byte that needs one, as bytes. */
const ESCAPES: number[][] = Array.from({ length: 128 }, (_, c) => {
  const text =
    c === 34 ? '\\"' : c === 92 ? '\\\\' : c === 8 ? '\\b' : c === 9 ? '\\t' : c === 10 ? '\\n' : c === 12 ? '\\f' : c === 13 ? '\\r' : c < 32 ? `\\u${c.toString(16).padStart(4, '0')}` : '';
  return Array.from(text, (ch) => ch.charCodeAt(0));
});

const HEX_LOWER = Array.from('0123456789abcdef', (ch) => ch.charCodeAt(0));

/** Most bytes one UTF-16 unit can become: \u001f. */
const MAX_BYTES_PER_UNIT = 6;

/**
 * True when both UTF-16 units of `w` (two little-endian units as one 32-bit word) are ASCII that a
 * JSON string holds as it is: 0x20–0x7f, not '"' (0x22) nor '\\' (0x5c). Each unit's lane is below
 * 0x80 once the first test passes, so adding 0x60 sets bit 7 exactly for units from 0x20, and
 * subtracting 1 from a lane XOR-ed with a character sets its bit 15 when the lane is 0 (a borrow into
 * the lane above only ever adds a false "found", never hides one).
 */
export function plainPair(w: number): boolean {
  if ((w & 0xff80ff80) !== 0 || ((w + 0x00600060) & 0x00800080) !== 0x00800080) return false;
  const q = w ^ 0x00220022;
  const b = w ^ 0x005c005c;
  return ((((q - 0x00010001) & ~q) | ((b - 0x00010001) & ~b)) & 0x80008000) === 0;
}

function escapeAscii(out: Uint8Array, p: number, c: number): number {
  const e = ESCAPES[c]!;
  for (let k = 0; k < e.length; k++) out[p++] = e[k]!;
  return p;
}

/** Writes a code point of U+0080 and up (not a surrogate) as UTF-8. */
function utf8(out: Uint8Array, p: number, c: number): number {
  if (c < 0x800) {
    out[p++] = 0xc0 | (c >> 6);
  } else if (c < 0x10000) {
    out[p++] = 0xe0 | (c >> 12);
    out[p++] = 0x80 | ((c >> 6) & 63);
  } else {
    out[p++] = 0xf0 | (c >> 18);
    out[p++] = 0x80 | ((c >> 12) & 63);
    out[p++] = 0x80 | ((c >> 6) & 63);
  }
  out[p++] = 0x80 | (c & 63);
  return p;
}

/**
 * `count` UTF-16LE code units at `offset` of `src` (a log's chunk) as a JSON string literal, without
 * building a JS string. `srcWords` is a DataView of `src`.
 */
export function writeUtf16JsonString(sink: ByteSink, src: Uint8Array, srcWords: DataView, offset: number, count: number): void {
  sink.reserve(count * MAX_BYTES_PER_UNIT + 2);
  const out = sink.bytes;
  const outWords = sink.words;
  let p = sink.length;
  out[p++] = 34;
  const end = offset + 2 * count;
  let i = offset;
  // Four units at a time while they are ASCII with nothing to escape (a third faster on event fields),
  // tested on both 16-bit lanes of each word at once rather than by a table lookup per unit.
  for (; i + 8 <= end; i += 8) {
    const w0 = srcWords.getUint32(i, true);
    const w1 = srcWords.getUint32(i + 4, true);
    if (!plainPair(w0) || !plainPair(w1)) break;
    outWords.setUint32(p, (w0 & 127) | ((w0 >>> 16) << 8) | ((w1 & 127) << 16) | ((w1 >>> 16) << 24), true);
    p += 4;
  }
  for (; i < end; i += 2) {
    const lo = src[i]!;
    const hi = src[i + 1]!;
    if (hi === 0 && lo < 128) {
      if (PLAIN[lo] === 1) out[p++] = lo;
      else p = escapeAscii(out, p, lo);
      continue;
    }
    const c = lo | (hi << 8);
    if (c < 0xd800 || c > 0xdfff) p = utf8(out, p, c);
    else if (c < 0xdc00 && i + 2 < end && (src[i + 3]! & 0xfc) === 0xdc) {
      p = utf8(out, p, 0x10000 + ((c - 0xd800) << 10) + ((src[i + 2]! | (src[i + 3]! << 8)) - 0xdc00));
      i += 2;
    } else {
      // A lone surrogate: U+FFFD, as TextDecoder('utf-16le') decodes it.
      out[p++] = 0xef;
      out[p++] = 0xbf;
      out[p++] = 0xbd;
    }
  }
  out[p++] = 34;
  sink.length = p;
}

/** A JS string as a JSON string literal in UTF-8: JSON.stringify(s) then TextEncoder, in one pass. */
export function writeJsonString(sink: ByteSink, s: string): void {
  const count = s.length;
  sink.reserve(count * MAX_BYTES_PER_UNIT + 2);
  const out = sink.bytes;
  let p = sink.length;
  out[p++] = 34;
  for (let i = 0; i < count; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) {
      if (PLAIN[c] === 1) out[p++] = c;
      else p = escapeAscii(out, p, c);
    } else if (c < 0xd800 || c > 0xdfff) p = utf8(out, p, c);
    else if (c < 0xdc00 && i + 1 < count && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      p = utf8(out, p, 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(i + 1) - 0xdc00));
      i++;
    } else {
      // A lone surrogate: JSON.stringify escapes it (lower-case hex).
      out[p++] = 92;
      out[p++] = 117;
      for (let shift = 12; shift >= 0; shift -= 4) out[p++] = HEX_LOWER[(c >> shift) & 15]!;
    }
  }
  out[p++] = 34;
  sink.length = p;
}

/** Text known to be ASCII without anything to escape (numbers, hex), as is. */
export function writeAscii(sink: ByteSink, s: string): void {
  sink.reserve(s.length);
  const out = sink.bytes;
  let p = sink.length;
  for (let i = 0; i < s.length; i++) out[p++] = s.charCodeAt(i);
  sink.length = p;
}

/** 10^k for the digit count of an unsigned 32-bit integer. */
const POWERS = [1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/** An unsigned integer below 2^32 in decimal (Number.prototype.toString's digits, without the string). */
export function writeUint32(sink: ByteSink, n: number): void {
  let digits = 1;
  while (digits < 10 && n >= POWERS[digits]!) digits++;
  sink.reserve(digits);
  const out = sink.bytes;
  let p = sink.length + digits;
  sink.length = p;
  do {
    const q = Math.floor(n / 10);
    out[--p] = 48 + n - q * 10;
    n = q;
  } while (n > 0);
}

/** Any decoded scalar as JSON, as JSON.stringify writes it (BigInt exactly, non-finite numbers as null). */
export function writeJsonScalar(sink: ByteSink, v: Scalar): void {
  switch (typeof v) {
    case 'string':
      return writeJsonString(sink, v);
    case 'number':
      if (v >= 0 && v < 4294967296 && Math.floor(v) === v) return writeUint32(sink, v);
      return writeAscii(sink, Number.isFinite(v) ? String(v) : 'null');
    case 'bigint':
      return writeAscii(sink, v.toString());
    case 'boolean':
      return writeAscii(sink, v ? 'true' : 'false');
    default:
      return writeAscii(sink, 'null');
  }
}
