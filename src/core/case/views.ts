import type { CaseAccumulator } from './accumulator';
import type { CaseAnalysis } from './analysis';
import { isMs14068Status } from './detections';

/** The sidebar views of the reference (§6.3). */
export const VIEWS = [
  'all',
  'privileged',
  'ntlm-remote',
  'rdp',
  'network',
  'batch',
  'service',
  'ms14-068',
  'logon-failure',
  'dcsync-dcshadow',
  'user-changes',
  'domains',
  'policy',
] as const;
export type ViewName = (typeof VIEWS)[number];

export interface SearchTerm {
  field: 'account' | 'host' | 'ip';
  /** Matched as a case-insensitive substring (the reference: case-sensitive CONTAINS). */
  value: string;
  /** How this term joins the ones before it (the first term's is ignored). */
  join?: 'and' | 'or';
}

export interface ViewQuery {
  view: ViewName;
  /** Event ids shown (the filter checkboxes); default all five logon ids. */
  eventIds?: readonly number[];
  /** Only edges with more than this many events in the window (the Count box, default 0). */
  minCount?: number;
  /** Time window on shifted times (ms), inclusive. */
  from?: number | null;
  to?: number | null;
  search?: readonly SearchTerm[];
  /** At most this many edges (the most frequent first); default 5,000. */
  limit?: number;
}

export interface ViewNode {
  id: string;
  kind: 'account' | 'host' | 'domain' | 'policy';
  name: string;
  index: number;
}

export interface ViewEdge {
  id: string;
  kind: 'logon' | 'domain' | 'policy';
  source: string;
  target: string;
  /** Index into the analysis's edges (logon edges only), else -1. */
  edge: number;
  eventId: number | null;
  logonType: number | null;
  status: string | null;
  authPackage: string | null;
  /** Events in the window. */
  count: number;
}

export interface ViewResult {
  nodes: ViewNode[];
  edges: ViewEdge[];
  /** Edges that matched before `limit` cut the list. */
  matched: number;
}

const ALL_IDS = [4624, 4625, 4768, 4769, 4776];

export const accountId = (name: string) => `account:${name}`;
export const hostId = (name: string) => `host:${name}`;

/** Per edge, its events within [from, to] (one pass over the event columns; all counts when no window). */
function windowCounts(acc: CaseAccumulator, a: CaseAnalysis, from: number | null, to: number | null): ArrayLike<number> {
  if (from === null && to === null) return a.edges.map((e) => e.count);
  const counts = new Uint32Array(a.edges.length);
  const time = acc.time.view();
  const lo = from ?? -Infinity;
  const hi = to ?? Infinity;
  for (let i = 0; i < time.length; i++) {
    const t = time[i]!;
    if (t >= lo && t <= hi) counts[a.eventEdge[i]!]!++;
  }
  return counts;
}

function matchesSearch(a: CaseAnalysis, user: number, host: number, terms: readonly SearchTerm[]): boolean {
  let result = false;
  terms.forEach((term, i) => {
    const v = term.value.toLowerCase();
    const h = a.hosts[host]!;
    const hit =
      term.field === 'account'
        ? a.users[user]!.name.includes(v)
        : term.field === 'ip'
          ? (h.ip ?? '').toLowerCase().includes(v)
          : h.name.toLowerCase().includes(v) || (h.hostname ?? '').toLowerCase().includes(v);
    result = i === 0 ? hit : term.join === 'or' ? result || hit : result && hit;
  });
  return result;
}

/**
 * The nodes and edges one view shows. Logon edges are the case's aggregated edges, counted within
 * the window; the Count filter compares that count (the reference compared per-hour counts).
 */
export function queryView(acc: CaseAccumulator, a: CaseAnalysis, q: ViewQuery): ViewResult {
  const ids = new Set(q.eventIds ?? ALL_IDS);
  const minCount = q.minCount ?? 0;
  const counts = windowCounts(acc, a, q.from ?? null, q.to ?? null);
  const terms = (q.search ?? []).filter((t) => t.value.trim() !== '');
  const flagged = (u: number) => {
    const user = a.users[u]!;
    if (q.view === 'dcsync-dcshadow') return user.dcsync !== null || user.dcshadow !== null;
    return user.created !== null || user.deleted !== null || user.groupAdded !== null || user.groupRemoved !== null;
  };

  const picked: number[] = [];
  const extra: ViewEdge[] = [];
  if (q.view === 'domains' || q.view === 'policy') {
    // Not logon edges: account→domain membership, account→policy change.
  } else {
    a.edges.forEach((e, i) => {
      if (counts[i]! === 0) return;
      const usual = ids.has(e.eventId) && counts[i]! > minCount;
      let keep = false;
      switch (q.view) {
        case 'all': keep = usual; break;
        case 'privileged': keep = usual && a.users[e.user]!.admin; break;
        case 'ntlm-remote': keep = e.eventId === 4624 && e.logonType === 3 && (e.authPackage ?? '').toUpperCase() === 'NTLM'; break;
        case 'rdp': keep = usual && e.logonType === 10; break;
        case 'network': keep = usual && e.logonType === 3; break;
        case 'batch': keep = usual && e.logonType === 4; break;
        case 'service': keep = usual && e.logonType === 5; break;
        case 'ms14-068': keep = e.eventId === 4769 && isMs14068Status(e.status); break;
        case 'logon-failure': keep = e.eventId === 4625; break;
        case 'dcsync-dcshadow':
        case 'user-changes': keep = flagged(e.user); break;
      }
      if (keep && (terms.length === 0 || matchesSearch(a, e.user, e.host, terms))) picked.push(i);
    });
  }

  picked.sort((x, y) => counts[y]! - counts[x]! || x - y);
  const limit = q.limit ?? 5000;
  const nodes = new Map<string, ViewNode>();
  const addAccount = (u: number) => {
    const id = accountId(a.users[u]!.name);
    if (!nodes.has(id)) nodes.set(id, { id, kind: 'account', name: a.users[u]!.name, index: u });
    return id;
  };
  const edges: ViewEdge[] = picked.slice(0, limit).map((i) => {
    const e = a.edges[i]!;
    const source = hostId(a.hosts[e.host]!.name);
    if (!nodes.has(source)) nodes.set(source, { id: source, kind: 'host', name: a.hosts[e.host]!.name, index: e.host });
    const target = addAccount(e.user);
    return { id: `edge:${i}`, kind: 'logon', source, target, edge: i, eventId: e.eventId, logonType: e.logonType, status: e.status, authPackage: e.authPackage, count: counts[i]! };
  });

  if (q.view === 'domains') {
    a.users.forEach((u, i) => {
      if (terms.length && !u.name.includes(terms[0]!.value.toLowerCase())) return;
      for (const d of u.domains) {
        const target = `domain:${d}`;
        if (!nodes.has(target)) nodes.set(target, { id: target, kind: 'domain', name: d, index: -1 });
        extra.push({ id: `member:${u.name}\u0000${d}`, kind: 'domain', source: addAccount(i), target, edge: -1, eventId: null, logonType: null, status: null, authPackage: null, count: 1 });
      }
    });
  }
  if (q.view === 'policy') {
    const userIndex = new Map(a.users.map((u, i) => [u.name, i]));
    acc.policies.forEach((p, k) => {
      if ((q.from != null && p.time < q.from) || (q.to != null && p.time > q.to)) return;
      const id = `policy:${k}`;
      nodes.set(id, { id, kind: 'policy', name: String(k), index: k });
      const u = p.user === null ? undefined : userIndex.get(p.user);
      // A change by a machine account has no account node: the policy node stands alone (as in the reference).
      if (u !== undefined) extra.push({ id: `policy-edge:${k}`, kind: 'policy', source: addAccount(u), target: id, edge: -1, eventId: 4719, logonType: null, status: null, authPackage: null, count: 1 });
    });
  }
  return { nodes: [...nodes.values()], edges: [...edges, ...extra.slice(0, Math.max(0, limit - edges.length))], matched: picked.length + extra.length };
}
