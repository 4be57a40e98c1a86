import { ChangeFinder, LOGONTRACER_CHANGEFINDER } from '../analytics/changefinder';
import { roundLikeNumpy } from '../analytics/round';
import { dampingFactor, normaliseRanks, pagerankCore } from '../analytics/pagerank';
import { buildLogonGraph, standardPagerank as standardPagerankOf } from '../analytics/pagerank-standard';

export interface ChangeFinderResult {
  /** Per user, the max of its rounded scores (what feeds PageRank). */
  max: Float64Array;
  /** One user's scores, one per hour of the axis, rounded to 2 decimals (the reference's `detect`). */
  scoresOf(user: number): Float64Array;
}

/**
 * LogonTracer's ChangeFinder use (§5.1) without holding users × hours in memory: the average
 * series is summed user by user, the warmed-up model is computed once (every model starts from the
 * same seeded state, so the warm-up ends the same for all) and copied for each user, and a user's
 * full score series is recomputed on demand for the timeline view (O(hours)).
 */
export function logonChangeFinder(users: number, hours: number, series: (user: number, out: Float64Array) => Float64Array): ChangeFinderResult {
  const buf = new Float64Array(hours);
  const average = new Float64Array(hours);
  for (let u = 0; u < users; u++) {
    series(u, buf);
    for (let t = 0; t < hours; t++) average[t]! += buf[t]!;
  }
  // Totals are integers, so the sum is exact and only the division rounds, as numpy's mean does.
  if (users > 0) for (let t = 0; t < hours; t++) average[t]! /= users;
  const warmed = new ChangeFinder(LOGONTRACER_CHANGEFINDER);
  for (let t = 0; t < hours; t++) warmed.update(average[t]!);
  const model = new ChangeFinder(LOGONTRACER_CHANGEFINDER);

  const run = (u: number, keep: Float64Array | null): number => {
    series(u, buf);
    model.copyFrom(warmed);
    let max = hours > 0 ? -Infinity : 0;
    for (let t = 0; t < hours; t++) {
      const v = roundLikeNumpy(model.update(buf[t]!), 2);
      if (keep) keep[t] = v;
      if (v > max) max = v;
    }
    return max;
  };
  const max = new Float64Array(users);
  for (let u = 0; u < users; u++) max[u] = run(u, null);
  return {
    max,
    scoresOf(u) {
      const out = new Float64Array(hours);
      run(u, out);
      return out;
    },
  };
}

export { LOGONTRACER_HMM as defaultHmm } from '../analytics/hmm-model';
export { flagsSequence as hmmFlagsSequence } from '../analytics/hmm-viterbi';

export interface RankNode {
  kind: 'user' | 'host';
  admin: boolean;
  hmm: boolean;
  ntlm: boolean;
  changeFinderMax: number;
}

/** LogonTracer's PageRank (§5.3) on node indices: `links` are [host index, user index], one per edge. */
export function logontracerPagerank(nodes: readonly RankNode[], links: readonly (readonly [number, number])[]): Float64Array {
  const damping = Float64Array.from(nodes, (n) => dampingFactor({ id: '', ...n }));
  const raw = pagerankCore(damping, Uint32Array.from(links, (l) => l[0]), Uint32Array.from(links, (l) => l[1]));
  return normaliseRanks(raw);
}

/** Standard PageRank (graphology-metrics) on the same links, by node index; 0 for a node without links. */
export function standardPagerank(nodeCount: number, links: readonly (readonly [number, number])[]): Float64Array {
  const ranks = standardPagerankOf(buildLogonGraph(links.map(([h, u]) => ({ host: `n${h}`, user: `n${u}` }))));
  return Float64Array.from({ length: nodeCount }, (_, i) => ranks.get(`n${i}`) ?? 0);
}
