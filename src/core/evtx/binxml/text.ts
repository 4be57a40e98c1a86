// Text and number formatting shared by the value decoder and the renderers.

const utf16 = new TextDecoder('utf-16le');
const latin1 = new TextDecoder('latin1');

/** One reusable array per length, for String.fromCharCode.apply (setting an array's length costs more). */
const codesOfLength: number[][] = Array.from({ length: 21 }, (_, n) => new Array<number>(n).fill(0));

/**
 * Decodes `count` UTF-16LE code units at `offset`. TextDecoder's per-call overhead dominates
 * below ~20 characters (most event fields), so short strings are built by hand (measured: 50 ns
 * against 125 ns for 6 characters); unpaired surrogates go to TextDecoder so that they become
 * U+FFFD, as in the Rust crate.
 */
export function readUtf16(bytes: Uint8Array, offset: number, count: number): string {
  if (count <= 0) return '';
  if (count > 20) return utf16.decode(bytes.subarray(offset, offset + count * 2));
  const codes = codesOfLength[count]!;
  for (let i = 0; i < count; i++) {
    const c = bytes[offset + 2 * i]! | (bytes[offset + 2 * i + 1]! << 8);
    if (c >= 0xd800 && c <= 0xdfff) return utf16.decode(bytes.subarray(offset, offset + count * 2));
    codes[i] = c;
  }
  return count === 1 ? String.fromCharCode(codes[0]!) : String.fromCharCode.apply(null, codes);
}

/** Like readUtf16 over `size` bytes, without the NULs that end most stored strings. */
export function readUtf16Trimmed(bytes: Uint8Array, offset: number, size: number): string {
  let count = size >> 1;
  while (count > 0 && bytes[offset + 2 * count - 2] === 0 && bytes[offset + 2 * count - 1] === 0) count--;
  return readUtf16(bytes, offset, count);
}

export function trimNuls(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0) end--;
  return end === s.length ? s : s.slice(0, end);
}

export function readAnsi(bytes: Uint8Array, offset: number, size: number): string {
  return trimNuls(latin1.decode(bytes.subarray(offset, offset + size)));
}

const HEX = '0123456789ABCDEF';
export function hexUpper(bytes: Uint8Array, offset: number, size: number): string {
  let s = '';
  for (let i = offset; i < offset + size; i++) s += HEX[bytes[i]! >> 4]! + HEX[bytes[i]! & 15]!;
  return s;
}

function hex2(b: number): string {
  return HEX[b >> 4]! + HEX[b & 15]!;
}

/** GUID as evtx_dump writes it: upper case, no braces. */
export function readGuid(b: Uint8Array, o: number): string {
  return (
    hex2(b[o + 3]!) + hex2(b[o + 2]!) + hex2(b[o + 1]!) + hex2(b[o]!) + '-' +
    hex2(b[o + 5]!) + hex2(b[o + 4]!) + '-' + hex2(b[o + 7]!) + hex2(b[o + 6]!) + '-' +
    hex2(b[o + 8]!) + hex2(b[o + 9]!) + '-' +
    hex2(b[o + 10]!) + hex2(b[o + 11]!) + hex2(b[o + 12]!) + hex2(b[o + 13]!) + hex2(b[o + 14]!) + hex2(b[o + 15]!)
  );
}

/** Security identifier "S-R-A-S1-S2…". Returns null when `size` cannot hold the declared sub-authorities. */
export function readSid(b: Uint8Array, view: DataView, o: number, size: number): string | null {
  if (size < 8) return null;
  const revision = b[o]!;
  const count = b[o + 1]!;
  if (8 + 4 * count > size) return null;
  // The 48-bit authority is big-endian.
  let authority = 0;
  for (let i = 2; i < 8; i++) authority = authority * 256 + b[o + i]!;
  let s = `S-${revision}-${authority}`;
  for (let i = 0; i < count; i++) s += '-' + view.getUint32(o + 8 + 4 * i, true);
  return s;
}

// FILETIME of 1970-01-01 (116444736000000000 ticks), split in 32-bit halves.
const EPOCH_HI = 27111902;
const EPOCH_LO = 3577643008;
const TWO32 = 4294967296;
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/**
 * Splits a FILETIME (100 ns ticks since 1601) into whole seconds since the Unix epoch and the
 * microseconds within that second, exactly. Tick counts exceed 2^53, so the division by 10 is done
 * on the 32-bit halves; microseconds since 1970 fit a double exactly between 1685 and 2255.
 * (BigInt would be simpler but costs about a microsecond per call, and every record has a time.)
 */
function filetimeParts(lo: number, hi: number): [seconds: number, micros: number] {
  let dhi = hi - EPOCH_HI;
  let dlo = lo - EPOCH_LO;
  if (dlo < 0) {
    dlo += TWO32;
    dhi -= 1;
  }
  const qhi = Math.floor(dhi / 10);
  const low = (dhi - qhi * 10) * TWO32 + dlo;
  const micros = qhi * TWO32 + Math.floor(low / 10);
  if (Number.isSafeInteger(micros)) {
    const seconds = Math.floor(micros / 1e6);
    return [seconds, micros - seconds * 1e6];
  }
  // Outside 1685–2255 (mostly garbage values): exact BigInt arithmetic.
  const ticks = ((BigInt(hi) << 32n) | BigInt(lo)) - 116444736000000000n;
  let seconds = ticks / 10000000n;
  if (seconds * 10000000n > ticks) seconds -= 1n;
  return [Number(seconds), Number((ticks - seconds * 10000000n) / 10n)];
}

/** Microseconds since the Unix epoch, for sorting and time windows. */
export function filetimeToUnixMicros(lo: number, hi: number): number {
  const [seconds, micros] = filetimeParts(lo, hi);
  return seconds * 1e6 + micros;
}

let lastSecond = NaN;
let lastSecondText = '';

/** FILETIME to ISO 8601 with microseconds, as evtx_dump prints it. */
export function formatFiletime(lo: number, hi: number): string {
  const [second, micros] = filetimeParts(lo, hi);
  // Consecutive events mostly share their second: its text is cached.
  if (second !== lastSecond) {
    const d = new Date(second * 1000);
    if (Number.isNaN(d.getTime())) return `0x${hi.toString(16)}${lo.toString(16).padStart(8, '0')}`;
    lastSecond = second;
    lastSecondText = isoSeconds(d);
  }
  return `${lastSecondText}.${pad(micros, 6)}Z`;
}

function isoSeconds(d: Date): string {
  const y = d.getUTCFullYear();
  const year = y >= 0 && y <= 9999 ? pad(y, 4) : (y < 0 ? '-' : '+') + pad(Math.abs(y), 6);
  return `${year}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
}

/** SYSTEMTIME (eight u16: year, month, weekday, day, hour, minute, second, milliseconds). */
export function formatSystemtime(view: DataView, o: number): string {
  const f = (i: number) => view.getUint16(o + 2 * i, true);
  return `${pad(f(0), 4)}-${pad(f(1), 2)}-${pad(f(3), 2)}T${pad(f(4), 2)}:${pad(f(5), 2)}:${pad(f(6), 2)}.${pad(f(7), 3)}000Z`;
}

// Control characters (other than tab, LF, CR) cannot appear in XML 1.0 even as references, yet
// event fields hold them (e.g. "\u0002-" in 4661 PrivilegeList). They are written as character
// references so that nothing is lost; XML readers that reject them will say so instead of dropping data.
const XML_TEXT = /[&<>\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;
const XML_ATTR = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\t\n\r]/g;
function xmlEscape(c: string): string {
  switch (c) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '"':
      return '&quot;';
    default:
      return `&#x${c.charCodeAt(0).toString(16)};`;
  }
}

export function escapeXmlText(s: string): string {
  return s.replace(XML_TEXT, xmlEscape);
}

export function escapeXmlAttr(s: string): string {
  return s.replace(XML_ATTR, xmlEscape);
}
