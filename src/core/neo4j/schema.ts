/**
 * LogonTracer's Neo4j store as plain data (reference §4.1). One object per node or relationship, with
 * exactly the properties LogonTracer writes, so that what LogonLens pushes is what LogonTracer's own
 * views, its queries and Neo4j Browser expect. DOM-free: used in the page and in Node.
 *
 * Labels, keys and relationships (§4.1):
 *   (:IPAddress {IP, rank, hostname}) -[:Event {id, logintype, status, count, authname, date}]-> (:Username {user, …})
 *   (:Username) -[:Group]-> (:Domain {domain})
 *   (:Username) -[:Policy {date}]-> (:ID {id, changetime, category, sub})
 *   (:Date {date: 'Daterange', start, end}), (:Deletetime {date, user, domain})
 */

/** A `Username` node, keyed by `user` (the account name without `@`). */
export interface LtUser {
  user: string;
  rights: 'system' | 'user';
  sid: string;
  /** Normalised PageRank, stored as a float. */
  rank: number;
  status: string;
  /** Comma-joined hourly counts (`0.0,3.0,…`) — strings in LogonTracer's store, kept as strings. */
  counts: string;
  counts4624: string;
  counts4625: string;
  counts4768: string;
  counts4769: string;
  counts4776: string;
  detect: string;
}

/** An `IPAddress` node, keyed by `IP` (the host key; §3.2: a host seen by name and IP holds its name in `IP`). */
export interface LtHost {
  IP: string;
  rank: number;
  hostname: string;
}

/** An `Event` relationship `(:IPAddress {IP: host})-[:Event]->(:Username {user})`: one per hourly group (§3.3). */
export interface LtEvent {
  host: string;
  user: string;
  /** Event ID (4624, 4625, 4768, 4769, 4776): an integer in the store. */
  id: number;
  logintype: number;
  status: string;
  count: number;
  authname: string;
  /** Hour epoch (seconds), an integer in the store. */
  date: number;
}

/** A `Group` relationship `(:Username {user})-[:Group]->(:Domain {domain})`. */
export interface LtGroup {
  user: string;
  domain: string;
}

/**
 * An `ID` node (a 4719 audit-policy change), keyed by `id`, with its `Policy` relationship from the
 * user who made it. `user` is null when no such user node exists: LogonTracer then writes the node
 * alone, and `date` (stored only on the relationship, as a string) is lost; a pull gives `''`.
 */
export interface LtPolicy {
  id: number;
  changetime: string;
  category: string;
  sub: string;
  user: string | null;
  /** The hour epoch as a *string*, as LogonTracer stores it (§4.1, §6.3). */
  date: string;
}

export interface LogonTracerGraph {
  users: LtUser[];
  hosts: LtHost[];
  domains: string[];
  events: LtEvent[];
  groups: LtGroup[];
  /** The single `Date` node (`date: 'Daterange'`): hour buckets `YYYY-MM-DD HH:00:00`. */
  dateRange: { start: string; end: string } | null;
  /** The `Deletetime` node (first 1102 only), `date` as `YYYY-MM-DD HH:MM:SS`. */
  deletetime: { date: string; user: string; domain: string } | null;
  policies: LtPolicy[];
}

export function emptyGraph(): LogonTracerGraph {
  return { users: [], hosts: [], domains: [], events: [], groups: [], dateRange: null, deletetime: null, policies: [] };
}

/** The kinds of rows a push writes, in LogonTracer's write order (§4.1). */
export const WRITE_ORDER = ['hosts', 'users', 'domains', 'events', 'groups', 'dateRange', 'deletetime', 'policies'] as const;
export type RowKind = (typeof WRITE_ORDER)[number];
export type RowCounts = Record<RowKind, number>;

export function zeroCounts(): RowCounts {
  return { hosts: 0, users: 0, domains: 0, events: 0, groups: 0, dateRange: 0, deletetime: 0, policies: 0 };
}

export function graphCounts(g: LogonTracerGraph): RowCounts {
  return {
    hosts: g.hosts.length,
    users: g.users.length,
    domains: g.domains.length,
    events: g.events.length,
    groups: g.groups.length,
    dateRange: g.dateRange ? 1 : 0,
    deletetime: g.deletetime ? 1 : 0,
    policies: g.policies.length,
  };
}
