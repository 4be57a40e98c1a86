import type { Rng } from './rng';

/** Value formats as Windows writes them (and as our parser renders them). */

/** A GUID as the parser renders a GUID value: upper case, no braces. */
export function guid(rng: Rng): string {
  const h = rng.hex(32).toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A GUID inside a string (DS object GUIDs in 4662 text, AD schema GUIDs): lower case, braces. */
export function bracedGuid(rng: Rng): string {
  return `{${guid(rng).toLowerCase()}}`;
}

export const NULL_GUID = '00000000-0000-0000-0000-000000000000';

/** HexInt64 values (logon ids, process ids) are rendered `0x` + lower-case hex without padding. */
export function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

/** A fresh logon id, as LSA hands them out (above the well-known 0x3e4–0x3e7). */
export function logonId(rng: Rng): string {
  return hex(0x10000 + rng.int(0x7fff0000));
}

/** An ephemeral source port. */
export function port(rng: Rng): string {
  return String(rng.between(49152, 65535));
}

/** A process id: a multiple of 4, as Windows allocates them. */
export function pid(rng: Rng): number {
  return 4 * rng.between(64, 4000);
}

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
