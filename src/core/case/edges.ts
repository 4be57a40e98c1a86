import { LOGON_EVENT_IDS, type CaseAccumulator } from './accumulator';
import { StringPool } from './columns';

/** A host node: host keys that name one machine (an IP and the name it was seen with) become one. */
export interface HostNode {
  /** Display key: the host name when an event tied the IP to one, otherwise the host key. */
  name: string;
  /** The IP tied to this name (the last one, as the reference), or the key itself when it is an IP; else null. */
  ip: string | null;
  /** The host name, when known. */
  hostname: string | null;
}

/** One edge of the graph: all events with the same host, user, event id, logon type, status and package. */
export interface LogonEdge {
  host: number;
  user: number;
  eventId: number;
  logonType: number;
  /** Lower-case `0x…`, or null. */
  status: string | null;
  authPackage: string | null;
  count: number;
  first: number;
  last: number;
}

export interface EdgeTable {
  hosts: HostNode[];
  edges: LogonEdge[];
  /** Per logon event (accumulator row): its host node and its edge. */
  eventHost: Uint32Array;
  eventEdge: Uint32Array;
}

const IPV4_OR_6 = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:.]*:[0-9a-f:.]*)$/;

/**
 * Merges host keys through the IP→host name map (§3.2: a 4624 keyed by IP and a 4776 keyed by
 * workstation name are one machine) and aggregates events into edges, in one pass over the columns.
 */
export function buildEdges(acc: CaseAccumulator): EdgeTable {
  const hostPool = new StringPool();
  const hostNodes: HostNode[] = [];
  const nameToIp = new Map<string, string>();
  for (const [ip, name] of acc.ipHostnames) nameToIp.set(name, ip); // last IP wins (§3.2)
  const hostOf = new Uint32Array(acc.hosts.size);
  acc.hosts.values.forEach((key, i) => {
    const name = acc.ipHostnames.get(key) ?? key;
    const before = hostPool.size;
    const id = hostPool.id(name);
    if (id === before) {
      const isIp = IPV4_OR_6.test(name);
      hostNodes.push({ name, ip: nameToIp.get(name) ?? (isIp ? name : null), hostname: isIp ? null : name });
    }
    hostOf[i] = id;
  });

  const n = acc.logonCount;
  const eventHost = new Uint32Array(n);
  const eventEdge = new Uint32Array(n);
  const edges: LogonEdge[] = [];
  const index = new Map<string, number>();
  const time = acc.time.view();
  const user = acc.user.view();
  const host = acc.host.view();
  const code = acc.code.view();
  const logonType = acc.logonType.view();
  const status = acc.status.view();
  const auth = acc.auth.view();
  const values = acc.values.values;
  for (let i = 0; i < n; i++) {
    const h = hostOf[host[i]!]!;
    eventHost[i] = h;
    const key = `${h},${user[i]},${code[i]},${logonType[i]},${status[i]},${auth[i]}`;
    let e = index.get(key);
    const t = time[i]!;
    if (e === undefined) {
      e = edges.length;
      index.set(key, e);
      edges.push({
        host: h,
        user: user[i]!,
        eventId: LOGON_EVENT_IDS[code[i]!]!,
        logonType: logonType[i]!,
        status: values[status[i]!] || null,
        authPackage: values[auth[i]!] || null,
        count: 0,
        first: t,
        last: t,
      });
    }
    const edge = edges[e]!;
    edge.count++;
    if (t < edge.first) edge.first = t;
    if (t > edge.last) edge.last = t;
    eventEdge[i] = e;
  }
  return { hosts: hostNodes, edges, eventHost, eventEdge };
}

/** Hourly counts of one edge (hour bucket ms → count), from the events behind it. */
export function edgeHours(acc: CaseAccumulator, table: EdgeTable, edge: number): Map<number, number> {
  const out = new Map<number, number>();
  const time = acc.time.view();
  for (let i = 0; i < table.eventEdge.length; i++) {
    if (table.eventEdge[i] !== edge) continue;
    const h = Math.floor(time[i]! / 3_600_000) * 3_600_000;
    out.set(h, (out.get(h) ?? 0) + 1);
  }
  return out;
}

/** Every edge's hourly counts at once (the reference's per-hour Neo4j relationships, §3.3). */
export function allEdgeHours(acc: CaseAccumulator, table: EdgeTable): Map<number, number>[] {
  const out = table.edges.map(() => new Map<number, number>());
  const time = acc.time.view();
  for (let i = 0; i < table.eventEdge.length; i++) {
    const m = out[table.eventEdge[i]!]!;
    const h = Math.floor(time[i]! / 3_600_000) * 3_600_000;
    m.set(h, (m.get(h) ?? 0) + 1);
  }
  return out;
}
