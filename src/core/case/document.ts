import { formatShifted } from '../logon';
import type { CaseAccumulator } from './accumulator';
import type { CaseAnalysis } from './analysis';
import type { CaseSource } from './facts';
import { type Timeline, groupBy, timelineOf } from './timelines';

/**
 * The case as one JSON document (`logonlens analyze --json`; the README documents it). Times are the
 * shifted wall-clock times as `YYYY-MM-DD HH:MM:SS` (UTC plus the case's offset), ranks are numbers.
 */
export interface CaseDocument {
  case: {
    tzHours: number;
    from: string | null;
    to: string | null;
    firstHour: string | null;
    lastHour: string | null;
    logonEvents: number;
    sources: CaseSource[];
  };
  nodes: DocumentNode[];
  edges: DocumentEdge[];
  detections: DocumentDetection[];
  /** Hourly counts per event id: `{ users: { name: { "4624": [["2024-01-01 10:00:00", 3], …] } }, hosts: … }`. */
  timelines: { users: Record<string, DocumentTimeline>; hosts: Record<string, DocumentTimeline> };
}

export interface DocumentNode {
  id: string;
  kind: 'account' | 'host' | 'domain';
  name: string;
  properties: Record<string, string | number | boolean | null | string[]>;
  /** LogonTracer's normalised PageRank (0–1); null for domains. */
  rank: number | null;
  standardRank: number | null;
  changeFinderMax: number | null;
  hmm: boolean | null;
  admin: boolean | null;
}

export interface DocumentEdge {
  kind: 'logon' | 'domain';
  source: string;
  target: string;
  eventId: number | null;
  logonType: number | null;
  status: string | null;
  authPackage: string | null;
  count: number;
  first: string | null;
  last: string | null;
}

export interface DocumentDetection {
  kind: string;
  account: string | null;
  host: string | null;
  time: string;
  lastTime: string;
  count: number;
  recordIds: number[];
  details: Record<string, string>;
}

export type DocumentTimeline = Record<string, [string, number][]>;

const nodeId = (kind: 'account' | 'host' | 'domain', name: string) => `${kind}:${name}`;
const time = (ms: number | null) => (ms === null ? null : formatShifted(ms));

function timelineText(t: Timeline): DocumentTimeline {
  const out: DocumentTimeline = {};
  for (const [id, points] of Object.entries(t)) out[id] = points.map(([h, n]) => [formatShifted(h), n]);
  return out;
}

export function caseDocument(acc: CaseAccumulator, a: CaseAnalysis): CaseDocument {
  const round = (v: number) => Math.round(v * 1e9) / 1e9;
  const nodes: DocumentNode[] = [];
  a.users.forEach((u, i) => {
    nodes.push({
      id: nodeId('account', u.name),
      kind: 'account',
      name: u.name,
      properties: {
        sid: u.sid,
        domains: u.domains,
        status: u.status,
        created: time(u.created),
        deleted: time(u.deleted),
        dcsync: time(u.dcsync),
        dcshadow: time(u.dcshadow),
        ntlm: u.ntlm,
        logonEvents: a.byUser.start[i + 1]! - a.byUser.start[i]!,
      },
      rank: round(a.userRank[i]!),
      standardRank: round(a.userStdRank[i]!),
      changeFinderMax: a.changeFinder.max[i]!,
      hmm: a.hmmFlag[i] === 1,
      admin: u.admin,
    });
  });
  a.hosts.forEach((h, i) => {
    nodes.push({
      id: nodeId('host', h.name),
      kind: 'host',
      name: h.name,
      properties: { ip: h.ip, hostname: h.hostname },
      rank: round(a.hostRank[i]!),
      standardRank: round(a.hostStdRank[i]!),
      changeFinderMax: null,
      hmm: null,
      admin: null,
    });
  });
  const domains = new Set(a.users.flatMap((u) => u.domains));
  for (const d of domains) nodes.push({ id: nodeId('domain', d), kind: 'domain', name: d, properties: {}, rank: null, standardRank: null, changeFinderMax: null, hmm: null, admin: null });

  const edges: DocumentEdge[] = a.edges.map((e) => ({
    kind: 'logon',
    source: nodeId('host', a.hosts[e.host]!.name),
    target: nodeId('account', a.users[e.user]!.name),
    eventId: e.eventId,
    logonType: e.logonType,
    status: e.status,
    authPackage: e.authPackage,
    count: e.count,
    first: time(e.first),
    last: time(e.last),
  }));
  for (const u of a.users) {
    for (const d of u.domains) {
      edges.push({ kind: 'domain', source: nodeId('account', u.name), target: nodeId('domain', d), eventId: null, logonType: null, status: null, authPackage: null, count: 1, first: null, last: null });
    }
  }

  // Null-prototype maps: an account named __proto__ is a key like any other.
  const users: Record<string, DocumentTimeline> = Object.create(null);
  a.users.forEach((u, i) => (users[u.name] = timelineText(timelineOf(acc, a.byUser.order, a.byUser.start[i]!, a.byUser.start[i + 1]!))));
  const byHost = groupBy(a.eventHost, a.hosts.length);
  const hosts: Record<string, DocumentTimeline> = Object.create(null);
  a.hosts.forEach((h, i) => (hosts[h.name] = timelineText(timelineOf(acc, byHost.order, byHost.start[i]!, byHost.start[i + 1]!))));

  return {
    case: {
      tzHours: acc.options.tzHours,
      from: time(acc.options.from),
      to: time(acc.options.to),
      firstHour: a.axis ? formatShifted(a.axis.first) : null,
      lastHour: a.axis ? formatShifted(a.axis.first + (a.axis.hours - 1) * 3_600_000) : null,
      logonEvents: acc.logonCount,
      sources: acc.sources,
    },
    nodes,
    edges,
    detections: a.detections.map((d) => ({ ...d, time: formatShifted(d.time), lastTime: formatShifted(d.lastTime) })),
    timelines: { users, hosts },
  };
}
