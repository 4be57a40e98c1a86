import { TIMELINE_IDS } from './csv';

export const HOUR = 3_600_000;

/** The case's hour axis: `hours` slots from `first` (shifted ms). */
export interface Axis {
  first: number;
  hours: number;
}

export function axisOf(firstHour: number | null, lastHour: number | null): Axis | null {
  if (firstHour === null || lastHour === null) return null;
  return { first: firstHour, hours: Math.round((lastHour - firstHour) / HOUR) + 1 };
}

export interface DenseTimeline {
  /** Per event id, counts per slot of the axis. */
  counts: Record<number, Float64Array>;
  total: Float64Array;
}

/** The worker's sparse timeline (`{ "4624": [[hourMs, n], …] }`) on the case's axis. */
export function densify(sparse: Record<string, [number, number][]>, axis: Axis): DenseTimeline {
  const counts: Record<number, Float64Array> = {};
  const total = new Float64Array(axis.hours);
  for (const id of TIMELINE_IDS) {
    const c = new Float64Array(axis.hours);
    for (const [h, n] of sparse[String(id)] ?? []) {
      const slot = Math.round((h - axis.first) / HOUR);
      if (slot >= 0 && slot < axis.hours) {
        c[slot]! += n;
        total[slot]! += n;
      }
    }
    counts[id] = c;
  }
  return { counts, total };
}

/** ChangeFinder scores that start at `first`, moved onto the axis (missing hours are 0). */
export function alignScores(scores: ArrayLike<number>, first: number, axis: Axis): Float64Array {
  const out = new Float64Array(axis.hours);
  const shift = Math.round((first - axis.first) / HOUR);
  for (let i = 0; i < scores.length; i++) {
    const slot = i + shift;
    if (slot >= 0 && slot < axis.hours) out[slot] = scores[i]!;
  }
  return out;
}

/**
 * How drastic an hour's change is, by the reference's timeline thresholds (§6.11): score above 17
 * is level 4, above 16 level 3, above 13 level 2, above 10 level 1, else 0.
 */
export function drasticLevel(score: number): 0 | 1 | 2 | 3 | 4 {
  if (score > 17) return 4;
  if (score > 16) return 3;
  if (score > 13) return 2;
  if (score > 10) return 1;
  return 0;
}

/** A visible range of slots, both ends inclusive. */
export interface Range {
  from: number;
  to: number;
}

export function clampRange(r: Range, axis: Axis): Range {
  const last = Math.max(0, axis.hours - 1);
  let from = Math.max(0, Math.min(Math.round(r.from), last));
  let to = Math.max(0, Math.min(Math.round(r.to), last));
  if (from > to) [from, to] = [to, from];
  return { from, to };
}

/** Halves (factor 0.5) or doubles (2) the visible span around its middle; at least 6 hours shown. */
export function zoom(r: Range, factor: number, axis: Axis): Range {
  const span = r.to - r.from + 1;
  const next = Math.max(Math.min(6, axis.hours), Math.min(axis.hours, Math.round(span * factor)));
  const mid = (r.from + r.to) / 2;
  let from = Math.round(mid - (next - 1) / 2);
  from = Math.max(0, Math.min(from, axis.hours - next));
  return { from, to: from + next - 1 };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An hour as the URL writes it: `YYYY-MM-DDTHH` (the case's shifted clock). */
export function formatHourParam(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}`;
}

export function parseHourParam(v: string | null): number | null {
  if (!v || !/^\d{4}-\d{2}-\d{2}T\d{2}$/.test(v)) return null;
  const ms = Date.parse(`${v}:00:00Z`);
  return Number.isFinite(ms) ? ms : null;
}

/** The zoom the URL holds (`from`, `to`), on the axis; the whole axis without one. */
export function rangeFromParams(p: URLSearchParams, axis: Axis): Range {
  const from = parseHourParam(p.get('from'));
  const to = parseHourParam(p.get('to'));
  const whole = { from: 0, to: axis.hours - 1 };
  if (from === null && to === null) return clampRange(whole, axis);
  return clampRange({ from: from === null ? 0 : (from - axis.first) / HOUR, to: to === null ? axis.hours - 1 : (to - axis.first) / HOUR }, axis);
}

/** Evenly spaced tick slots (at most `n`), on whole hours, days when the span is long. */
export function ticks(r: Range, n: number): number[] {
  const span = r.to - r.from + 1;
  const steps = [1, 2, 3, 6, 12, 24, 48, 72, 168, 336, 720, 2160, 8760];
  const step = steps.find((s) => span / s <= n) ?? Math.ceil(span / n);
  const out: number[] = [];
  for (let s = Math.ceil(r.from / step) * step; s <= r.to; s += step) out.push(s);
  return out;
}
