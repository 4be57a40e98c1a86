import { ANY, hasWildcards, normalizeParts, type Part, parseSigmaString, plainText } from './wildcard';

/** A rule that cannot be compiled: the message says why (it is reported, never dropped silently). */
export class SigmaCompileError extends Error {}

/** Scalar values a detection item may hold, as YAML gives them. */
export type YamlScalar = string | number | boolean | null;

/**
 * A string value on its way through the modifiers: wildcard parts, and whether its text is bytes
 * (one char per byte, after `utf16le`/`utf16be`/`wide`) rather than text to encode as UTF-8.
 */
export interface SigmaStr {
  parts: Part[];
  bytes: boolean;
}

/** One value after the transforming modifiers: alternatives (any may match). */
export type Expansion = SigmaStr[];

export const KNOWN_MODIFIERS = new Set([
  'contains', 'startswith', 'endswith', 'all', 're', 'i', 'ignorecase', 'm', 'multiline', 's', 'dotall',
  'cidr', 'base64', 'base64offset', 'utf16le', 'utf16be', 'utf16', 'wide', 'windash', 'exists',
  'gt', 'gte', 'lt', 'lte', 'fieldref', 'cased', 'expand',
]);

// ---- bytes and base64 ----------------------------------------------------------------------------

const encoder = new TextEncoder();

function utf8Bytes(s: string): string {
  let out = '';
  for (const b of encoder.encode(s)) out += String.fromCharCode(b);
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of a byte string (one char per byte). */
export function base64OfBytes(bin: string): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bin.length; i += 3) {
    const n = (bin.charCodeAt(i) << 16) | (bin.charCodeAt(i + 1) << 8) | bin.charCodeAt(i + 2);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bin.length - i;
  if (rest === 1) {
    const n = bin.charCodeAt(i) << 16;
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bin.charCodeAt(i) << 16) | (bin.charCodeAt(i + 1) << 8);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + '=';
  }
  return out;
}

function toBytes(v: SigmaStr, modifier: string): string {
  if (hasWildcards(v.parts)) throw new SigmaCompileError(`|${modifier} cannot encode a value with wildcards (${plainText(v.parts)})`);
  const text = plainText(v.parts);
  return v.bytes ? text : utf8Bytes(text);
}

const str = (s: string): SigmaStr => ({ parts: s ? [s] : [], bytes: false });

function utf16(v: SigmaStr, bigEndian: boolean): SigmaStr {
  const parts = v.parts.map((p) => {
    if (typeof p !== 'string') return p;
    let out = '';
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      out += bigEndian ? String.fromCharCode(c >> 8, c & 255) : String.fromCharCode(c & 255, c >> 8);
    }
    return out;
  });
  return { parts, bytes: true };
}

/** `base64offset`: the three encodings of the value at each byte offset in a stream (as pySigma cuts them). */
function base64Offsets(v: SigmaStr): SigmaStr[] {
  const bytes = toBytes(v, 'base64offset');
  const start = [0, 2, 3];
  const endCut = [0, 3, 2];
  const out: SigmaStr[] = [];
  for (let i = 0; i < 3; i++) {
    const enc = base64OfBytes(' '.repeat(i) + bytes);
    const cut = endCut[(bytes.length + i) % 3]!;
    out.push(str(enc.slice(start[i], cut ? enc.length - cut : enc.length)));
  }
  return out;
}

/** `windash`: a `-` or `/` that starts a word may be any of the dashes Windows command lines accept. */
const WINDASH = ['-', '/', '\u2013', '\u2014', '\u2015'];
const MAX_WINDASH_POSITIONS = 4;

function windash(v: SigmaStr): SigmaStr[] {
  let variants: Part[][] = [[]];
  let positions = 0;
  for (const p of v.parts) {
    if (typeof p !== 'string') {
      for (const x of variants) x.push(p);
      continue;
    }
    const pieces = p.split(/\B[-/]\b/);
    positions += pieces.length - 1;
    if (positions > MAX_WINDASH_POSITIONS) throw new SigmaCompileError(`|windash on a value with more than ${MAX_WINDASH_POSITIONS} dashes`);
    for (let k = 0; k < pieces.length; k++) {
      if (k > 0) variants = variants.flatMap((x) => WINDASH.map((d) => [...x, d]));
      for (const x of variants) x.push(pieces[k]!);
    }
  }
  return variants.map((parts) => ({ parts: normalizeParts(parts), bytes: v.bytes }));
}

/** Placeholder values for `|expand` (`%name%` → the listed values), filled in by the user. */
export type Placeholders = Readonly<Record<string, readonly string[]>>;

function expand(v: SigmaStr, placeholders: Placeholders, unresolved: Set<string>): SigmaStr[] {
  let variants: Part[][] = [[]];
  for (const p of v.parts) {
    if (typeof p !== 'string') {
      for (const x of variants) x.push(p);
      continue;
    }
    const pieces = p.split(/%([^%\s]+)%/);
    for (let k = 0; k < pieces.length; k++) {
      if (k % 2 === 0) {
        for (const x of variants) x.push(pieces[k]!);
        continue;
      }
      const name = pieces[k]!;
      const values = placeholders[name];
      if (!values) {
        unresolved.add(name);
        for (const x of variants) x.push(`%${name}%`);
      } else variants = variants.flatMap((x) => values.map((val) => [...x, ...parseSigmaString(val)]));
    }
  }
  return variants.map((parts) => ({ parts: normalizeParts(parts), bytes: v.bytes }));
}

function wrap(v: SigmaStr, before: boolean, after: boolean): SigmaStr {
  const parts = [...v.parts];
  if (before && parts[0] !== ANY) parts.unshift(ANY);
  if (after && parts[parts.length - 1] !== ANY) parts.push(ANY);
  return { parts, bytes: v.bytes };
}

/**
 * Applies the transforming modifiers, left to right, to one value: the alternatives it expands to.
 * Modifiers that change how values are compared (re, cidr, gt…, cased, all, fieldref, exists) are
 * not handled here.
 */
export function transformValue(value: string, modifiers: readonly string[], placeholders: Placeholders, unresolved: Set<string>): Expansion {
  let values: SigmaStr[] = [{ parts: parseSigmaString(value), bytes: false }];
  for (const m of modifiers) {
    switch (m) {
      case 'contains':
        values = values.map((v) => wrap(v, true, true));
        break;
      case 'startswith':
        values = values.map((v) => wrap(v, false, true));
        break;
      case 'endswith':
        values = values.map((v) => wrap(v, true, false));
        break;
      case 'base64':
        values = values.map((v) => str(base64OfBytes(toBytes(v, 'base64'))));
        break;
      case 'base64offset':
        values = values.flatMap(base64Offsets);
        break;
      case 'utf16le':
      case 'wide':
        values = values.map((v) => utf16(v, false));
        break;
      case 'utf16be':
        values = values.map((v) => utf16(v, true));
        break;
      case 'utf16':
        values = values.map((v) => utf16(v, false)).map((v) => ({ parts: ['\xff\xfe', ...v.parts], bytes: true }));
        break;
      case 'windash':
        values = values.flatMap(windash);
        break;
      case 'expand':
        values = values.flatMap((v) => expand(v, placeholders, unresolved));
        break;
      default:
        break;
    }
  }
  return values;
}

// ---- CIDR ----------------------------------------------------------------------------------------

export interface Cidr {
  v6: boolean;
  /** Address as 8 (IPv6) or 2 (IPv4) 16-bit words. */
  words: number[];
  bits: number;
}

function parseIPv4(s: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return null;
  const b = m.slice(1).map(Number);
  if (b.some((x) => x > 255)) return null;
  return [(b[0]! << 8) | b[1]!, (b[2]! << 8) | b[3]!];
}

function parseIPv6(input: string): number[] | null {
  let s = input;
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string): number[] | null => {
    if (h === '') return [];
    const out: number[] = [];
    const items = h.split(':');
    for (let i = 0; i < items.length; i++) {
      const it = items[i]!;
      if (i === items.length - 1 && it.includes('.')) {
        const v4 = parseIPv4(it);
        if (!v4) return null;
        out.push(...v4);
      } else if (/^[0-9a-f]{1,4}$/i.test(it)) out.push(parseInt(it, 16));
      else return null;
    }
    return out;
  };
  const a = groups(halves[0]!);
  const b = halves.length === 2 ? groups(halves[1]!) : [];
  if (!a || !b) return null;
  if (halves.length === 1) return a.length === 8 ? a : null;
  if (a.length + b.length > 7) return null;
  return [...a, ...new Array<number>(8 - a.length - b.length).fill(0), ...b];
}

/** An IP address as words (2 for IPv4, 8 for IPv6), or null. */
export function parseIp(s: string): number[] | null {
  const t = s.trim();
  return t.includes(':') ? parseIPv6(t) : parseIPv4(t);
}

export function parseCidr(s: string): Cidr {
  const [addr, len] = s.trim().split('/');
  const words = parseIp(addr ?? '');
  if (!words) throw new SigmaCompileError(`|cidr: "${s}" is not an address range`);
  const max = words.length * 16;
  const bits = len === undefined ? max : Number(len);
  if (!Number.isInteger(bits) || bits < 0 || bits > max) throw new SigmaCompileError(`|cidr: bad prefix length in "${s}"`);
  return { v6: words.length === 8, words, bits };
}

export function inCidr(net: Cidr, ip: number[]): boolean {
  let words = ip;
  if (!net.v6 && ip.length === 8) {
    // IPv4-mapped IPv6 (::ffff:a.b.c.d) matches IPv4 ranges.
    if (ip[0] || ip[1] || ip[2] || ip[3] || ip[4] || ip[5] !== 0xffff) return false;
    words = ip.slice(6);
  } else if (net.v6 !== (ip.length === 8)) return false;
  let bits = net.bits;
  for (let i = 0; bits > 0; i++, bits -= 16) {
    const mask = bits >= 16 ? 0xffff : (0xffff << (16 - bits)) & 0xffff;
    if ((words[i]! & mask) !== (net.words[i]! & mask)) return false;
  }
  return true;
}

// ---- regular expressions -------------------------------------------------------------------------

/**
 * A Sigma regular expression (PCRE-like) as a JS RegExp. Leading inline flags (`(?i)`, `(?s)`,
 * `(?m)`, `(?is)`…) become RegExp flags and `(?P<name>` becomes `(?<name>`; constructs JS lacks
 * (possessive quantifiers, atomic groups, `\A`, `\Z`, inline flag groups in the middle) are refused.
 */
export function sigmaRegExp(source: string, flags: { i: boolean; m: boolean; s: boolean }): RegExp {
  let src = source;
  let f = '';
  if (flags.i) f += 'i';
  if (flags.m) f += 'm';
  if (flags.s) f += 's';
  const lead = /^\(\?([imsx]+)\)/.exec(src);
  if (lead) {
    for (const c of lead[1]!) {
      if (c === 'x') throw new SigmaCompileError('|re: the (?x) flag is not supported');
      if (!f.includes(c)) f += c;
    }
    src = src.slice(lead[0].length);
  }
  src = src.replace(/\(\?P</g, '(?<');
  if (/\(\?>|\(\?[imsx-]+[:)]|\\[AZz]|[*+?}]\+/.test(src.replace(/\\\\/g, ''))) {
    throw new SigmaCompileError(`|re: /${source}/ uses a construct JavaScript regular expressions lack`);
  }
  try {
    return new RegExp(src, f);
  } catch (e) {
    throw new SigmaCompileError(`|re: /${source}/: ${(e as Error).message}`);
  }
}
