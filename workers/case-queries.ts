import type { CaseAccumulator } from '../src/core/case/accumulator';
import { LOGON_EVENT_IDS } from '../src/core/case/accumulator';
import type { CaseAnalysis } from '../src/core/case/analysis';
import type { CaseSource } from '../src/core/case/facts';
import { groupBy, type Grouping, type Timeline, timelineOf } from '../src/core/case/timelines';
import type { CaseCounts, CaseMeta } from '../src/core/store/meta';

/** The open case's headline numbers (plain data: sent to the page as is). */
export interface CaseSummary {
  id: string;
  name: string;
  options: CaseMeta['options'];
  bytes: number;
  logonEvents: number;
  users: number;
  hosts: number;
  edges: number;
  /** Detections per kind. */
  detections: Record<string, number>;
  firstHour: number | null;
  lastHour: number | null;
  sources: CaseSource[];
}

export interface RankRow {
  /** Index of the user or host in the analysis (for timelines and views). */
  index: number;
  name: string;
  /** LogonTracer's PageRank, normalised to 0–1. */
  rank: number;
  /** Standard PageRank on the same links. */
  standardRank: number;
  /** Users only (null for hosts): ChangeFinder's max score, the HMM flag, privileged. */
  changeFinderMax: number | null;
  hmm: boolean | null;
  admin: boolean | null;
}

export interface EdgeEventRow {
  /** Shifted time (ms). */
  time: number;
  /** EventRecordID, or null when the record had none. */
  recordId: number | null;
  /** Name of the file it was imported from. */
  source: string;
  eventId: number;
  logonType: number;
}

export function countsOf(a: CaseAnalysis): CaseCounts {
  const detections: Record<string, number> = {};
  for (const d of a.detections) detections[d.kind] = (detections[d.kind] ?? 0) + 1;
  return { users: a.users.length, hosts: a.hosts.length, edges: a.edges.length, detections };
}

export function summaryOf(meta: CaseMeta, a: CaseAnalysis): CaseSummary {
  const c = countsOf(a);
  return {
    id: meta.id,
    name: meta.name,
    options: meta.options,
    bytes: meta.bytes,
    logonEvents: meta.logonEvents,
    users: c.users,
    hosts: c.hosts,
    edges: c.edges,
    detections: c.detections,
    firstHour: meta.firstHour,
    lastHour: meta.lastHour,
    sources: meta.sources,
  };
}

const byRank = (x: RankRow, y: RankRow) => y.rank - x.rank || x.index - y.index;

/** Users and hosts, highest LogonTracer rank first; at most `limit` of each. */
export function ranksOf(a: CaseAnalysis, limit = Infinity): { users: RankRow[]; hosts: RankRow[] } {
  const users = a.users.map((u, i): RankRow => ({
    index: i,
    name: u.name,
    rank: a.userRank[i]!,
    standardRank: a.userStdRank[i]!,
    changeFinderMax: a.changeFinder.max[i]!,
    hmm: a.hmmFlag[i] === 1,
    admin: u.admin,
  }));
  const hosts = a.hosts.map((h, i): RankRow => ({ index: i, name: h.name, rank: a.hostRank[i]!, standardRank: a.hostStdRank[i]!, changeFinderMax: null, hmm: null, admin: null }));
  return { users: users.sort(byRank).slice(0, limit), hosts: hosts.sort(byRank).slice(0, limit) };
}

/** The events behind one edge, in import order: at most `limit` rows, and how many there are. */
export function edgeEventsOf(acc: CaseAccumulator, a: CaseAnalysis, edge: number, limit: number): { rows: EdgeEventRow[]; total: number } {
  const e = a.edges[edge];
  if (!e) throw new RangeError(`no edge ${edge} in this case (it has ${a.edges.length})`);
  const rows: EdgeEventRow[] = [];
  const time = acc.time.view();
  const rid = acc.recordId.view();
  const src = acc.source.view();
  const code = acc.code.view();
  const type = acc.logonType.view();
  for (let i = 0; i < a.eventEdge.length && rows.length < limit; i++) {
    if (a.eventEdge[i] !== edge) continue;
    rows.push({ time: time[i]!, recordId: rid[i]! >= 0 ? rid[i]! : null, source: acc.sources[src[i]!]?.name ?? '?', eventId: LOGON_EVENT_IDS[code[i]!]!, logonType: type[i]! });
  }
  return { rows, total: e.count };
}

/** Hourly counts per event id for one user or host; host groupings are built on first use. */
export class Timelines {
  private byHost: Grouping | null = null;
  constructor(
    private readonly acc: CaseAccumulator,
    private readonly a: CaseAnalysis,
  ) {}

  of(kind: 'user' | 'host', index: number): Timeline {
    const size = kind === 'user' ? this.a.users.length : this.a.hosts.length;
    if (!Number.isInteger(index) || index < 0 || index >= size) throw new RangeError(`no ${kind} ${index} in this case`);
    const g = kind === 'user' ? this.a.byUser : (this.byHost ??= groupBy(this.a.eventHost, this.a.hosts.length));
    return timelineOf(this.acc, g.order, g.start[index]!, g.start[index + 1]!);
  }
}
