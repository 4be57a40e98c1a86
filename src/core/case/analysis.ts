import type { CaseAccumulator } from './accumulator';
import { detections, type Detection } from './detections';
import { buildEdges, type EdgeTable } from './edges';
import { groupBy, type Grouping, type HourAxis, hourAxis, totalSeries } from './timelines';
import { forEachSequence } from './sequences';
import { type UserNode, userNodes } from './users';
import { logonChangeFinder, type ChangeFinderResult, defaultHmm, hmmFlagsSequence, logontracerPagerank, standardPagerank } from './analytics-bridge';

/** Everything the views show, computed from the accumulated facts (a pure function of them). */
export interface CaseAnalysis extends EdgeTable {
  users: UserNode[];
  axis: HourAxis | null;
  /** Logon events grouped by user index. */
  byUser: Grouping;
  /** Per user: ChangeFinder scores (rounded to 2 decimals, one per hour of the axis) and their max. */
  changeFinder: ChangeFinderResult;
  /** Per user: some decoded sequence used exactly two hidden states (§5.2.3). */
  hmmFlag: Uint8Array;
  /** LogonTracer's PageRank (§5.3), normalised to 0–1: users then hosts. */
  userRank: Float64Array;
  hostRank: Float64Array;
  /** Standard PageRank (graphology-metrics) on the same links, as a second view. */
  userStdRank: Float64Array;
  hostStdRank: Float64Array;
  detections: Detection[];
}

/** The analysis steps, in order (for progress and the benchmark's per-stage times). */
export type AnalysisStage = 'graph' | 'changefinder' | 'hmm' | 'pagerank' | 'detections';

export interface AnalyzeOptions {
  /** Called after each step with its duration (ms). */
  onStage?: (stage: AnalysisStage, ms: number) => void;
}

export function analyze(acc: CaseAccumulator, options: AnalyzeOptions = {}): CaseAnalysis {
  let t = performance.now();
  const done = (stage: AnalysisStage) => {
    const now = performance.now();
    options.onStage?.(stage, now - t);
    t = now;
  };
  const table = buildEdges(acc);
  const users = userNodes(acc);
  const axis = hourAxis(acc);
  const byUser = groupBy(acc.user.view(), acc.users.size);
  done('graph');

  const series = (u: number, out: Float64Array) => totalSeries(acc, axis!, byUser.order, byUser.start[u]!, byUser.start[u + 1]!, out);
  const changeFinder = logonChangeFinder(users.length, axis?.hours ?? 0, series);
  done('changefinder');

  const hmmFlag = new Uint8Array(users.length);
  const model = acc.hmmModel ?? defaultHmm;
  forEachSequence(acc, byUser, table.eventHost, (u, symbols) => {
    if (!hmmFlag[u] && hmmFlagsSequence(model, symbols)) hmmFlag[u] = 1;
  });
  done('hmm');

  const nodes = [
    ...users.map((u, i) => ({ kind: 'user' as const, admin: u.admin, hmm: hmmFlag[i] === 1, ntlm: u.ntlm, changeFinderMax: changeFinder.max[i]! })),
    ...table.hosts.map(() => ({ kind: 'host' as const, admin: false, hmm: false, ntlm: false, changeFinderMax: 0 })),
  ];
  const links = table.edges.map((e) => [users.length + e.host, e.user] as const);
  const rank = logontracerPagerank(nodes, links);
  const std = standardPagerank(nodes.length, links);
  done('pagerank');
  const found = detections(acc, table);
  done('detections');

  return {
    ...table,
    users,
    axis,
    byUser,
    changeFinder,
    hmmFlag,
    userRank: rank.subarray(0, users.length),
    hostRank: rank.subarray(users.length),
    userStdRank: std.subarray(0, users.length),
    hostStdRank: std.subarray(users.length),
    detections: found,
  };
}
