import type { FieldValue } from '../evtx';

/**
 * LogonTracer's validation and normalisation rules (reference §2.3, §2.4, §2.8), as pure functions.
 * Where this project departs from the reference on purpose, the comment says so and
 * docs/differences-from-logontracer.md gives the reason.
 */

/** UCHECK: characters that reject an account or group name. */
const UCHECK = /["%&*+,/:;<=>?[\\\]|]/;
/** HCHECK: characters that reject a host name or domain. */
const HCHECK = /["&*/:<>?\\|]/;
const IPV4 = /^\d+\.\d+\.\d+\.\d+$/;
const SID = /^S-[\d-]+$/;
/** Difference: 1 to 8 hex digits (the reference demands exactly 8 word characters and drops Kerberos's short codes). */
const STATUS = /^0x[0-9a-f]{1,8}$/;
const LOGON_TYPE = /^\d{1,2}$/;
const AUTH_PACKAGE = /^\w*$/;
const CATEGORY = /^%%\d{4}$/;
const SUBCATEGORY = /^\{[\w-]+\}$/;

export const failsUcheck = (s: string): boolean => UCHECK.test(s);
export const failsHcheck = (s: string): boolean => HCHECK.test(s);

/** A field value as the text the reference's XML would hold; null when absent. */
export function text(v: FieldValue | undefined): string | null {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.length === 0 ? null : text(v[0]);
  if (typeof v === 'string') return v;
  return String(v);
}

/** Absent, empty, or the "-" placeholder Windows writes for "nothing". */
function blank(s: string | null): s is null {
  return s === null || s === '' || s === '-';
}

/**
 * Account name → user key: the text before the first `@`, lower-cased; null (the reference's `-`)
 * for an empty name, a machine account (`…$`), or a name failing UCHECK.
 * Difference: the key carries no trailing `@` (the reference appends one in memory and strips it on
 * output), and the placeholder `-` is absent rather than a user named "-".
 */
export function userKey(raw: string | null): string | null {
  if (blank(raw) || failsUcheck(raw)) return null;
  const name = raw.split('@', 1)[0]!;
  if (name === '' || name.endsWith('$') || name === '-') return null;
  return name.toLowerCase();
}

/** Difference (reference [BUG]): the reference meant to drop these but never did. */
export function isAnonymous(user: string): boolean {
  return user === 'anonymous logon';
}

/** Valid IPv6 text (any standard form, lower case, zone index already removed), including an embedded IPv4 tail. */
export function isIpv6(s: string): boolean {
  if (!/^[0-9a-f:.]+$/.test(s)) return false;
  const lastColon = s.lastIndexOf(':');
  if (lastColon < 0) return false;
  let body = s;
  let width = 8;
  const tail = s.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!isIpv4(tail, true)) return false;
    body = s.slice(0, lastColon + 1);
    if (!body.endsWith('::')) body = body.slice(0, -1);
    width = 6; // the IPv4 tail stands for two groups
  }
  const parts = body.split('::');
  if (parts.length > 2) return false;
  const groups = (p: string) => (p === '' ? [] : p.split(':'));
  const hex = (g: string) => /^[0-9a-f]{1,4}$/.test(g);
  if (parts.length === 1) {
    const g = groups(parts[0]!);
    return g.length === width && g.every(hex);
  }
  const all = [...groups(parts[0]!), ...groups(parts[1]!)];
  return all.every(hex) && all.length <= width - 1;
}

/** IPv4 dotted quad. Difference: octets must be 0–255 (the reference checks digits only). */
export function isIpv4(s: string, strict = true): boolean {
  if (!IPV4.test(s)) return false;
  return !strict || s.split('.').every((o) => Number(o) <= 255 && o.length <= 3);
}

/**
 * The IP/host value of `IpAddress`, `Workstation` or `WorkstationName` (§2.4): before the first `@`,
 * lower-cased, every `::ffff:` and backslash deleted; accepted when it passes HCHECK or is an IP.
 * Null for absent, `-`, empty or rejected values. Difference: an IPv6 zone index (`%12`) is removed and
 * every valid IPv6 form is accepted (the reference's pattern rejects leading zeros, zones and some forms).
 */
export function hostValue(raw: string | null): string | null {
  if (blank(raw)) return null;
  let v = raw.split('@', 1)[0]!.toLowerCase().replaceAll('::ffff:', '').replaceAll('\\', '');
  if (v.includes(':')) v = v.replace(/%[0-9a-z]+$/, '');
  if (blank(v)) return null;
  if (!failsHcheck(v) || isIpv4(v, false) || isIpv6(v)) return v;
  return null;
}

/** Loopback: the reference drops exactly `127.0.0.1` and `::1`; we drop all of 127.0.0.0/8 and every form of ::1. */
export function isLoopback(ip: string): boolean {
  if (isIpv4(ip, false)) return ip.startsWith('127.');
  // Every group zero but the last, which is 1: a single '1' digit, and it ends the text.
  return isIpv6(ip) && !ip.includes('.') && ip.endsWith('1') && ip.replace(/[0:]/g, '') === '1';
}

/** Domain (`TargetDomainName`): verbatim, case kept, if it passes HCHECK. */
export function domainValue(raw: string | null): string | null {
  return blank(raw) || failsHcheck(raw) ? null : raw;
}

/** SID pattern; the NULL SID S-1-0-0 counts as absent (difference: it overwrote real SIDs, §2.6 [QUIRK]). */
export function sidValue(raw: string | null): string | null {
  if (blank(raw) || !SID.test(raw) || raw === 'S-1-0-0') return null;
  return raw;
}

/** Status: `0x` and 1–8 hex digits, lower-cased (numbers are written in hex). */
export function statusValue(v: FieldValue | undefined): string | null {
  if (typeof v === 'number' || typeof v === 'bigint') return v >= 0 ? `0x${v.toString(16)}` : null;
  const s = text(v)?.trim().toLowerCase() ?? null;
  return s !== null && STATUS.test(s) ? s : null;
}

/** Logon type: 1–2 decimal digits, else 0 (also 0 when absent, as for 4768/4769/4776). */
export function logonTypeValue(v: FieldValue | undefined): number {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 && v < 100 ? v : 0;
  const s = text(v);
  return s !== null && LOGON_TYPE.test(s) ? Number(s) : 0;
}

/** Authentication package: word characters only; empty or absent is null. */
export function authPackageValue(raw: string | null): string | null {
  return blank(raw) || !AUTH_PACKAGE.test(raw) ? null : raw;
}

export function categoryValue(raw: string | null): string | null {
  return raw !== null && CATEGORY.test(raw) ? raw : null;
}

export function subcategoryValue(raw: string | null): string | null {
  const s = raw?.toLowerCase() ?? null;
  return s !== null && SUBCATEGORY.test(s) ? s : null;
}

/**
 * `SystemTime` → shifted time (§2.8): drop everything from the first `.`, every character other than
 * digits, `-`, `:` and whitespace becomes a space, trim, parse `YYYY-MM-DD HH:MM:SS`, add `tzHours`.
 * Returned as milliseconds of that naive wall-clock time read as UTC (difference: the reference's epoch
 * reads it in the server's zone); null when it does not parse.
 */
export function shiftedTime(raw: string | null, tzHours: number): number | null {
  if (raw === null) return null;
  const fast = isoSeconds(raw);
  if (fast !== null) return fast + Math.round(tzHours * 3_600_000);
  const cut = raw.split('.', 1)[0]!.replace(/[^\d\-:\s]/g, ' ').trim();
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})\s+(\d{1,2}):(\d{1,2}):(\d{1,2})$/.exec(cut);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return ms + Math.round(tzHours * 3_600_000);
}

let lastDay = '';
let lastDayMs = NaN;

/** Two ASCII digits at i, or -1. */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The common shape, `YYYY-MM-DDTHH:MM:SS` followed by nothing, `.`, `Z` or a space (what the parser
 * and Event Viewer write), read with char codes and the day's Date.UTC cached: this runs once per
 * event. Anything else (or an invalid date) goes to the general rule in shiftedTime.
 */
function isoSeconds(raw: string): number | null {
  if (raw.length < 19 || raw.charCodeAt(4) !== 45 || raw.charCodeAt(7) !== 45 || raw.charCodeAt(13) !== 58 || raw.charCodeAt(16) !== 58) return null;
  const sep = raw.charCodeAt(10);
  if (sep !== 84 && sep !== 32) return null; // 'T' or ' '
  if (raw.length > 19) {
    const next = raw.charCodeAt(19);
    if (next !== 46 && next !== 90 && next !== 32) return null; // '.', 'Z', ' '
  }
  const h = two(raw, 11);
  const mi = two(raw, 14);
  const s = two(raw, 17);
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return null;
  const day = raw.slice(0, 10);
  if (day !== lastDay) {
    const y = two(raw, 0) * 100 + two(raw, 2);
    const mo = two(raw, 5);
    const d = two(raw, 8);
    if (two(raw, 0) < 0 || two(raw, 2) < 0 || mo < 1 || mo > 12 || d < 1) return null;
    const ms = Date.UTC(y, mo - 1, d);
    if (new Date(ms).getUTCDate() !== d || new Date(ms).getUTCFullYear() !== y) return null;
    lastDay = day;
    lastDayMs = ms;
  }
  return lastDayMs + h * 3_600_000 + mi * 60_000 + s * 1000;
}

/** The reference's string form of a shifted time, `YYYY-MM-DD HH:MM:SS`. */
export function formatShifted(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** Hour bucket of a shifted time (ms); `formatShifted` of it gives the reference's `YYYY-MM-DD HH:00:00`. */
export function hourBucket(ms: number): number {
  return Math.floor(ms / 3_600_000) * 3_600_000;
}

/** Checks a time zone offset: finite, and under 24 hours either way (fractions allowed, e.g. +5.5). */
export function checkTzHours(tz: number): void {
  if (!Number.isFinite(tz) || Math.abs(tz) >= 24) throw new RangeError(`time zone offset must be under 24 hours: ${String(tz)}`);
}
