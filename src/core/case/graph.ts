import { MultiDirectedGraph } from 'graphology';
import type { CaseAccumulator } from './accumulator';
import type { CaseAnalysis } from './analysis';
import { allEdgeHours } from './edges';

export type CaseNodeAttributes =
  | {
      kind: 'account';
      name: string;
      admin: boolean;
      sid: string | null;
      status: string;
      ntlm: boolean;
      created: number | null;
      deleted: number | null;
      rank: number;
      standardRank: number;
      changeFinderMax: number;
      hmm: boolean;
    }
  | { kind: 'host'; name: string; ip: string | null; hostname: string | null; rank: number; standardRank: number }
  | { kind: 'domain'; name: string };

export type CaseEdgeAttributes =
  | {
      kind: 'logon';
      eventId: number;
      logonType: number;
      status: string | null;
      authPackage: string | null;
      count: number;
      first: number;
      last: number;
      /** Hour bucket (ms) → events in that hour. */
      hours: Map<number, number>;
    }
  | { kind: 'member' };

export type CaseGraph = MultiDirectedGraph<CaseNodeAttributes, CaseEdgeAttributes>;

/**
 * The case as a graphology graph: accounts, hosts and domains; one logon edge host → account per
 * (event id, logon type, status, package) with counts, first and last time and hourly buckets; one
 * member edge account → domain. For graph algorithms and exports that want a graph library's view;
 * the views themselves read the analysis's flat tables, which are smaller and faster to filter.
 * Node keys are `account:NAME`, `host:NAME`, `domain:NAME`.
 */
export function caseGraph(acc: CaseAccumulator, a: CaseAnalysis): CaseGraph {
  const g: CaseGraph = new MultiDirectedGraph();
  a.users.forEach((u, i) =>
    g.addNode(`account:${u.name}`, {
      kind: 'account',
      name: u.name,
      admin: u.admin,
      sid: u.sid,
      status: u.status,
      ntlm: u.ntlm,
      created: u.created,
      deleted: u.deleted,
      rank: a.userRank[i]!,
      standardRank: a.userStdRank[i]!,
      changeFinderMax: a.changeFinder.max[i]!,
      hmm: a.hmmFlag[i] === 1,
    }),
  );
  a.hosts.forEach((h, i) => g.addNode(`host:${h.name}`, { kind: 'host', name: h.name, ip: h.ip, hostname: h.hostname, rank: a.hostRank[i]!, standardRank: a.hostStdRank[i]! }));
  const hours = allEdgeHours(acc, a);
  a.edges.forEach((e, i) =>
    g.addDirectedEdgeWithKey(`edge:${i}`, `host:${a.hosts[e.host]!.name}`, `account:${a.users[e.user]!.name}`, {
      kind: 'logon',
      eventId: e.eventId,
      logonType: e.logonType,
      status: e.status,
      authPackage: e.authPackage,
      count: e.count,
      first: e.first,
      last: e.last,
      hours: hours[i]!,
    }),
  );
  for (const u of a.users) {
    for (const d of u.domains) {
      if (!g.hasNode(`domain:${d}`)) g.addNode(`domain:${d}`, { kind: 'domain', name: d });
      g.addDirectedEdge(`account:${u.name}`, `domain:${d}`, { kind: 'member' });
    }
  }
  return g;
}
