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

/**
 * Recent short values by a hash of their length and three code units. Event fields repeat a lot
 * (domains, account and package names, "-"): checking a candidate costs about half of building a
 * string, which is the largest cost of reading fields.
 */
const RECENT_BITS = 10;
const recent: string[] = new Array<string>(1 << RECENT_BITS).fill('');

/** Like readUtf16 over `size` bytes, without the NULs that end most stored strings. */
export function readUtf16Trimmed(bytes: Uint8Array, offset: number, size: number): string {
  let count = size >> 1;
  while (count > 0 && bytes[offset + 2 * count - 2] === 0 && bytes[offset + 2 * count - 1] === 0) count--;
  if (count === 0 || count > 20) return readUtf16(bytes, offset, count);
  const h = bytes[offset]! ^ (bytes[offset + 2 * count - 2]! << 8) ^ (bytes[offset + (count & ~1)]! << 16) ^ (count << 24);
  const slot = Math.imul(h, 0x9e3779b1) >>> (32 - RECENT_BITS);
  const known = recent[slot]!;
  if (known.length === count) {
    let i = 0;
    while (i < count && known.charCodeAt(i) === (bytes[offset + 2 * i]! | (bytes[offset + 2 * i + 1]! << 8))) i++;
    if (i === count) return known;
  }
  return (recent[slot] = readUtf16(bytes, offset, count));
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

/** Recent GUIDs with their bytes: the provider's is in every record, and a few others repeat. */
const recentGuids: { bytes: Uint8Array; text: string }[] = Array.from({ length: 64 }, () => ({ bytes: new Uint8Array(0), text: '' }));

/** GUID as evtx_dump writes it: upper case, no braces. */
export function readGuid(b: Uint8Array, o: number): string {
  const entry = recentGuids[(b[o]! ^ b[o + 5]! ^ b[o + 15]!) & 63]!;
  const known = entry.bytes;
  if (known.length === 16) {
    let i = 0;
    while (i < 16 && known[i] === b[o + i]) i++;
    if (i === 16) return entry.text;
  }
  entry.text = formatGuid(b, o);
  entry.bytes = b.slice(o, o + 16);
  return entry.text;
}

function formatGuid(b: Uint8Array, o: number): string {
  return (
    hex2(b[o + 3]!) + hex2(b[o + 2]!) + hex2(b[o + 1]!) + hex2(b[o]!) + '-' +
    hex2(b[o + 5]!) + hex2(b[o + 4]!) + '-' + hex2(b[o + 7]!) + hex2(b[o + 6]!) + '-' +
    hex2(b[o + 8]!) + hex2(b[o + 9]!) + '-' +
    hex2(b[o + 10]!) + hex2(b[o + 11]!) + hex2(b[o + 12]!) + hex2(b[o + 13]!) + hex2(b[o + 14]!) + hex2(b[o + 15]!)
  );
}

/** Recent SIDs by a hash of their last bytes, with their bytes: a few accounts make most events. */
const recentSids: { bytes: Uint8Array; text: string }[] = Array.from({ length: 256 }, () => ({ bytes: new Uint8Array(0), text: '' }));

/** Security identifier "S-R-A-S1-S2…". Returns null when `size` cannot hold the declared sub-authorities. */
export function readSid(b: Uint8Array, view: DataView, o: number, size: number): string | null {
  if (size < 8) return null;
  const count = b[o + 1]!;
  const n = 8 + 4 * count;
  if (n > size) return null;
  // Formatting the numbers costs several times more than comparing the bytes with a recent SID.
  const entry = recentSids[(b[o + n - 4]! ^ (b[o + n - 3]! << 3) ^ (b[o + n - 1]! << 5) ^ count) & 255]!;
  const known = entry.bytes;
  if (known.length === n) {
    let i = 0;
    while (i < n && known[i] === b[o + i]) i++;
    if (i === n) return entry.text;
  }
  entry.text = formatSid(b, view, o, count);
  entry.bytes = b.slice(o, o + n);
  return entry.text;
}

function formatSid(b: Uint8Array, view: DataView, o: number, count: number): string {
  const revision = b[o]!;
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
 * Microseconds since 1970 of a FILETIME (100 ns ticks since 1601) given as two 32-bit halves: exact
 * when the result is a safe integer (1685–2255), which the caller checks.
 */
export function filetimeMicros(lo: number, hi: number): number {
  let dhi = hi - EPOCH_HI;
  let dlo = lo - EPOCH_LO;
  if (dlo < 0) {
    dlo += TWO32;
    dhi -= 1;
  }
  const qhi = Math.floor(dhi / 10);
  return qhi * TWO32 + Math.floor(((dhi - qhi * 10) * TWO32 + dlo) / 10);
}

/**
 * Splits a FILETIME (100 ns ticks since 1601) into whole seconds since the Unix epoch and the
 * microseconds within that second, exactly. Tick counts exceed 2^53, so the division by 10 is done
 * on the 32-bit halves; microseconds since 1970 fit a double exactly between 1685 and 2255.
 * (BigInt would be simpler but costs about a microsecond per call, and every record has a time.)
 */
function filetimeParts(lo: number, hi: number): [seconds: number, micros: number] {
  const micros = filetimeMicros(lo, hi);
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

/** "000"…"999": six-digit microseconds as two lookups (String.padStart was ~5 % of a fast parse). */
const DIGITS3 = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));
const DIGITS2 = DIGITS3.map((d) => d.slice(1));

let lastLo = NaN;
let lastHi = NaN;
let lastText = '';
let lastDay = NaN;
let lastDayText = '';
let lastSecond = NaN;
let lastSecondText = '';

/** FILETIME to ISO 8601 with microseconds, as evtx_dump prints it. */
export function formatFiletime(lo: number, hi: number): string {
  // Events come in bursts that share their time: the last text is kept.
  if (lo === lastLo && hi === lastHi) return lastText;
  const [second, micros] = filetimeParts(lo, hi);
  // And consecutive events mostly share their day: only the time of day is formatted.
  const day = Math.floor(second / 86400);
  if (day !== lastDay) {
    const d = new Date(day * 86400000);
    if (Number.isNaN(d.getTime()) || Number.isNaN(new Date(second * 1000).getTime())) return `0x${hi.toString(16)}${lo.toString(16).padStart(8, '0')}`;
    lastDay = day;
    lastDayText = isoDay(d);
  }
  // Events also share their second: "YYYY-MM-DDTHH:MM:SS." is kept, so only the fraction is joined
  // to it (each join of short strings is an allocation: eleven per time before).
  if (second !== lastSecond) {
    const s = second - day * 86400;
    const h = Math.floor(s / 3600);
    const m = Math.floor((s - h * 3600) / 60);
    lastSecond = second;
    lastSecondText = lastDayText + DIGITS2[h]! + ':' + DIGITS2[m]! + ':' + DIGITS2[s - h * 3600 - m * 60]! + '.';
  }
  const ms = Math.floor(micros / 1000);
  lastLo = lo;
  lastHi = hi;
  lastText = lastSecondText + DIGITS3[ms]! + DIGITS3[micros - ms * 1000]! + 'Z';
  return lastText;
}

/** "YYYY-MM-DDT" of a UTC midnight. */
function isoDay(d: Date): string {
  const y = d.getUTCFullYear();
  const year = y >= 0 && y <= 9999 ? pad(y, 4) : (y < 0 ? '-' : '+') + pad(Math.abs(y), 6);
  return `${year}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}T`;
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
