import { LOGON_EVENT_IDS, type CaseAccumulator } from './accumulator';

const HOUR = 3_600_000;

/** The case's hourly axis: from the first to the last hour bucket of any accepted event (§2.8). */
export interface HourAxis {
  first: number;
  /** Number of hourly slots (the reference's tohours + 1). */
  hours: number;
}

export function hourAxis(acc: CaseAccumulator): HourAxis | null {
  if (acc.firstHour === Infinity) return null;
  return { first: acc.firstHour, hours: Math.round((acc.lastHour - acc.firstHour) / HOUR) + 1 };
}

/** Logon events grouped by a key column (counting sort): events of key k are order[start[k] … start[k+1]). */
export interface Grouping {
  start: Uint32Array;
  order: Uint32Array;
}

export function groupBy(keys: Uint32Array, keyCount: number): Grouping {
  const start = new Uint32Array(keyCount + 1);
  for (let i = 0; i < keys.length; i++) start[keys[i]! + 1]!++;
  for (let k = 0; k < keyCount; k++) start[k + 1]! += start[k]!;
  const next = start.slice(0, keyCount);
  const order = new Uint32Array(keys.length);
  for (let i = 0; i < keys.length; i++) order[next[keys[i]!]!++] = i;
  return { start, order };
}

/** Sparse hourly counts per event id: `{ "4624": [[hourMs, count], …], … }`, hours ascending. */
export type Timeline = Record<string, [number, number][]>;

/** The timeline of the events listed in `order[from … to)`. */
export function timelineOf(acc: CaseAccumulator, order: Uint32Array, from: number, to: number): Timeline {
  const time = acc.time.view();
  const code = acc.code.view();
  const perId = LOGON_EVENT_IDS.map(() => new Map<number, number>());
  for (let k = from; k < to; k++) {
    const i = order[k]!;
    const m = perId[code[i]!]!;
    const h = Math.floor(time[i]! / HOUR) * HOUR;
    m.set(h, (m.get(h) ?? 0) + 1);
  }
  const out: Timeline = {};
  LOGON_EVENT_IDS.forEach((id, c) => {
    const m = perId[c]!;
    if (m.size) out[id] = [...m].sort((a, b) => a[0] - b[0]);
  });
  return out;
}

/**
 * One user's hourly total over the five logon event ids (the ChangeFinder input, §5.1), into `out`
 * (length = axis.hours, zeroed here).
 */
export function totalSeries(acc: CaseAccumulator, axis: HourAxis, order: Uint32Array, from: number, to: number, out: Float64Array): Float64Array {
  out.fill(0);
  const time = acc.time.view();
  for (let k = from; k < to; k++) {
    const slot = Math.floor((time[order[k]!]! - axis.first) / HOUR);
    if (slot >= 0 && slot < out.length) out[slot]!++;
  }
  return out;
}

/** Per event id dense hourly counts for one user (the reference's counts4624… properties). */
export function denseCounts(acc: CaseAccumulator, axis: HourAxis, order: Uint32Array, from: number, to: number): Record<number, Float64Array> {
  const time = acc.time.view();
  const code = acc.code.view();
  const out: Record<number, Float64Array> = {};
  for (const id of LOGON_EVENT_IDS) out[id] = new Float64Array(axis.hours);
  for (let k = from; k < to; k++) {
    const i = order[k]!;
    const slot = Math.floor((time[i]! - axis.first) / HOUR);
    if (slot >= 0 && slot < axis.hours) out[LOGON_EVENT_IDS[code[i]!]!]![slot]!++;
  }
  return out;
}
