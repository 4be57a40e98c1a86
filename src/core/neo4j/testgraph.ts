/**
 * Graphs for the Neo4j tests and the push bench: a small crafted case that lights up every sidebar
 * view (reference §6.3), hostile names, and a generated case of any size. Not used by the app.
 */
import type { LogonTracerGraph, LtEvent, LtUser } from './schema.ts';

const H = 3600;
export const T0 = 1_700_000_000 - (1_700_000_000 % H); // an hour boundary

function user(name: string, extra: Partial<LtUser> = {}): LtUser {
  return {
    user: name,
    rights: 'user',
    sid: `S-1-5-21-1-2-3-${name.length}`,
    rank: 0.25,
    status: '-',
    counts: '0.0,1.0',
    counts4624: '0.0,1.0',
    counts4625: '0.0,0.0',
    counts4768: '0.0,0.0',
    counts4769: '0.0,0.0',
    counts4776: '0.0,0.0',
    detect: '0.0,0.12',
    ...extra,
  };
}

function ev(host: string, userName: string, id: number, logintype: number, extra: Partial<LtEvent> = {}): LtEvent {
  return { host, user: userName, id, logintype, status: '-', count: 1, authname: '-', date: T0, ...extra };
}

/** Every sidebar view has something to show, and something it must not show. */
export function smallGraph(): LogonTracerGraph {
  const users = [
    user('alice'),
    user('administrator', { rights: 'system', rank: 1 }),
    user('bob', { status: 'DCSync(2023-11-14 22:13:20) ' }),
    user('carol', { status: 'DCShadow(2023-11-14 23:00:01) ' }),
    user('dave', { status: 'Created(2023-11-14 22:00:00) ' }),
    user('erin', { status: 'Deleted(2023-11-15 01:00:00) ' }),
    user('frank', { status: 'AddGroup(Domain Admins) ', rights: 'system' }),
    user('svc', { rank: 0, sid: '-' }),
  ];
  const hosts = [
    { IP: 'WS01', rank: 0.5, hostname: '10.0.0.11' }, // §3.2 inversion: name in IP, address in hostname
    { IP: '10.0.0.12', rank: 0.1, hostname: '10.0.0.12' },
    { IP: 'DC01', rank: 1, hostname: '10.0.0.1' },
  ];
  const events = [
    ev('WS01', 'alice', 4624, 10, { authname: 'Negotiate', count: 3 }), // RDP
    ev('WS01', 'alice', 4624, 3, { authname: 'Kerberos', date: T0 + H }), // network
    ev('10.0.0.12', 'administrator', 4624, 3, { authname: 'NTLM', count: 7 }), // NTLM remote logon
    ev('10.0.0.12', 'administrator', 4624, 3, { authname: 'NTLM', count: 2, date: T0 + 2 * H }),
    ev('DC01', 'bob', 4625, 3, { status: '0xc000006a', count: 40 }), // failure
    ev('DC01', 'carol', 4769, 0, { status: '0x0000000F' }), // ms14-068
    ev('DC01', 'carol', 4769, 0, { status: '-', date: T0 + 3 * H }),
    ev('DC01', 'dave', 4768, 0, { count: 5 }),
    ev('WS01', 'erin', 4776, 0, { authname: 'NTLM' }),
    ev('DC01', 'frank', 4624, 4, {}), // batch
    ev('DC01', 'svc', 4624, 5, { count: 24, date: T0 + 5 * H }), // service
  ];
  return {
    users,
    hosts,
    domains: ['EXAMPLE', 'WORKGROUP'],
    events,
    groups: users.map((u) => ({ user: u.user, domain: u.user === 'svc' ? 'WORKGROUP' : 'EXAMPLE' })),
    dateRange: { start: '2023-11-14 22:00:00', end: '2023-11-15 03:00:00' },
    deletetime: { date: '2023-11-15 02:10:00', user: 'administrator', domain: 'EXAMPLE' },
    policies: [
      { id: 0, changetime: '2023-11-14 23:10:00', category: 'Logon/Logoff', sub: 'Logon', user: 'administrator', date: String(T0 + H) },
      { id: 1, changetime: '2023-11-14 23:11:00', category: '%%8278', sub: 'Others', user: null, date: '' }, // orphan: no user node
    ],
  };
}

/** Names that would break or rewrite LogonTracer's string-built Cypher (§8.2). */
export const HOSTILE_NAMES = [
  "o'brien",
  'say "hi"',
  'back\\slash\\',
  '{brace}',
  'line\nbreak\r\n',
  '}) DETACH DELETE n //',
  'MATCH (n) DETACH DELETE n',
  "'}) MATCH (n) DETACH DELETE n //",
  '"})-[:Event]->(x) CREATE (evil:Username {user:"pwned"}) //',
  '$rows',
  '`tick`',
  'tab\there',
  '日本語ユーザー',
  ' ',
];

export function hostileGraph(): LogonTracerGraph {
  const g = smallGraph();
  HOSTILE_NAMES.forEach((name, i) => {
    g.users.push(user(name, { status: `Created(${name}) `, sid: name, detect: name }));
    g.hosts.push({ IP: `${name} host`, rank: 0.01 * i, hostname: name });
    g.domains.push(`${name} domain`);
    g.groups.push({ user: name, domain: `${name} domain` });
    g.events.push(ev(`${name} host`, name, 4624, 3, { authname: name, status: name, date: T0 + i * H }));
    g.policies.push({ id: 100 + i, changetime: name, category: name, sub: name, user: name, date: name });
  });
  g.deletetime = { date: '2023-11-15 02:10:00', user: HOSTILE_NAMES[5]!, domain: HOSTILE_NAMES[2]! };
  return g;
}

/** A deterministic case with `events` Event edges (distinct hourly groups) over a few thousand nodes. */
export function generatedGraph(events: number, options: { users?: number; hosts?: number } = {}): LogonTracerGraph {
  const nUsers = options.users ?? 5_000;
  const nHosts = options.hosts ?? 2_000;
  const users = Array.from({ length: nUsers }, (_, i) => user(`user${i}`, { rights: i % 50 === 0 ? 'system' : 'user', rank: (i % 100) / 100 }));
  const hosts = Array.from({ length: nHosts }, (_, i) => ({ IP: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, rank: (i % 10) / 10, hostname: `host${i}` }));
  const ids = [4624, 4625, 4768, 4769, 4776];
  const out: LtEvent[] = new Array(events);
  for (let k = 0; k < events; k++) {
    // k → (user, host, hour) is one-to-one, so every edge is its own hourly group.
    const u = k % nUsers;
    const h = Math.floor(k / nUsers) % nHosts;
    const hour = Math.floor(k / (nUsers * nHosts));
    const id = ids[(u + h) % ids.length]!;
    out[k] = {
      host: hosts[h]!.IP,
      user: users[u]!.user,
      id,
      logintype: id === 4624 || id === 4625 ? [2, 3, 10][k % 3]! : 0,
      status: id === 4625 ? '0xc000006a' : '-',
      count: 1 + (k % 7),
      authname: id === 4776 ? 'NTLM' : 'Kerberos',
      date: T0 + (hour + (k % 24)) * H,
    };
  }
  return {
    users,
    hosts,
    domains: ['EXAMPLE'],
    events: out,
    groups: users.map((u) => ({ user: u.user, domain: 'EXAMPLE' })),
    dateRange: { start: '2023-11-14 22:00:00', end: '2023-12-14 22:00:00' },
    deletetime: null,
    policies: [],
  };
}

/** Sorted copy, for comparing a pushed graph with what a pull gives back. */
export function normalizeGraph(g: LogonTracerGraph): LogonTracerGraph {
  const by = <T>(key: (x: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  return {
    ...g,
    users: [...g.users].sort(by((u) => u.user)),
    hosts: [...g.hosts].sort(by((h) => h.IP)),
    domains: [...g.domains].sort(),
    events: [...g.events].sort(by((e) => JSON.stringify([e.host, e.user, e.date, e.id, e.logintype, e.status, e.authname]))),
    groups: [...g.groups].sort(by((r) => JSON.stringify([r.user, r.domain]))),
    // LogonTracer keeps a policy's date only on its relationship: an orphan's is lost.
    policies: [...g.policies].sort((a, b) => a.id - b.id).map((p) => (p.user === null ? { ...p, date: '' } : p)),
  };
}

/**
 * Ranks rounded to 9 decimals: a case rebuilt from the store (fromLogonTracer) lists accounts and
 * hosts in another order, so PageRank's sums run in another order and differ in the last bits.
 */
export function roundRanks(g: LogonTracerGraph): LogonTracerGraph {
  const r = (x: number) => Math.round(x * 1e9) / 1e9;
  return { ...g, users: g.users.map((u) => ({ ...u, rank: r(u.rank) })), hosts: g.hosts.map((h) => ({ ...h, rank: r(h.rank) })) };
}

/**
 * Ranks set to 0. The HMM flag that feeds LogonTracer's PageRank reads the order of events inside an
 * hour, which the store does not keep: a case rebuilt from it may flag another account, and then
 * every rank moves. Everything else comes back exactly.
 */
export function withoutRanks(g: LogonTracerGraph): LogonTracerGraph {
  return { ...g, users: g.users.map((u) => ({ ...u, rank: 0 })), hosts: g.hosts.map((h) => ({ ...h, rank: 0 })) };
}
