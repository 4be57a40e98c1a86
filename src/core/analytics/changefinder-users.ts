/**
 * LogonTracer's use of ChangeFinder (`adetection`, reference §5.1 "LogonTracer's use"): every
 * user's hourly logon total is scored by a fresh model first warmed up on the average series.
 *
 * The reference warms a new randomly started model per user. Our models all start from the same
 * seeded state, so the warm-up ends in the same state for everyone: it is run once and copied,
 * which halves the work (O(T + users × T) updates) and makes users' scores comparable.
 */
import { ChangeFinder, type ChangeFinderOptions, LOGONTRACER_CHANGEFINDER } from './changefinder';
import { roundLikeNumpy } from './round';

export interface UserChangeScores {
  /** Hour-by-hour mean over users of their totals (the warm-up series). */
  readonly average: Float64Array;
  /** Per user (input order), one score per hour, rounded to 2 decimals like `detect`. */
  readonly scores: Float64Array[];
  /** Per user, the max of its rounded scores (what feeds PageRank); 0 for an empty series. */
  readonly max: Float64Array;
}

/** Mean over users, hour by hour. Hourly counts are integers, so the sum is exact and only the division rounds, as in numpy. */
export function averageSeries(series: ReadonlyArray<ArrayLike<number>>, hours: number): Float64Array {
  const avg = new Float64Array(hours);
  if (series.length === 0) return avg;
  for (const s of series) {
    for (let t = 0; t < hours; t++) avg[t] = (avg[t] as number) + (s[t] as number);
  }
  for (let t = 0; t < hours; t++) avg[t] = (avg[t] as number) / series.length;
  return avg;
}

/**
 * Score each user's hourly total series (all of the same length T). Options default to
 * LogonTracer's r = 0.04, order = 1, smooth = 5, seeded start.
 */
export function changeFinderUserScores(
  series: ReadonlyArray<ArrayLike<number>>,
  options: ChangeFinderOptions = LOGONTRACER_CHANGEFINDER,
): UserChangeScores {
  const hours = series.length > 0 ? (series[0] as ArrayLike<number>).length : 0;
  for (const s of series) {
    if (s.length !== hours) throw new RangeError(`changeFinderUserScores: series lengths differ (${s.length} vs ${hours})`);
  }
  const average = averageSeries(series, hours);
  const warmed = new ChangeFinder(options);
  for (let t = 0; t < hours; t++) warmed.update(average[t] as number);

  const model = new ChangeFinder(options);
  const scores: Float64Array[] = new Array(series.length);
  const max = new Float64Array(series.length);
  for (let u = 0; u < series.length; u++) {
    const s = series[u] as ArrayLike<number>;
    model.copyFrom(warmed);
    const out = new Float64Array(hours);
    let m = hours > 0 ? -Infinity : 0;
    for (let t = 0; t < hours; t++) {
      const v = roundLikeNumpy(model.update(s[t] as number), 2);
      out[t] = v;
      if (v > m) m = v;
    }
    scores[u] = out;
    max[u] = m;
  }
  return { average, scores, max };
}
