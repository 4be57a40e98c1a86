/**
 * Push and pull against a real Neo4j (npm run test:neo4j): LogonTracer's sidebar queries (§6.3) see
 * what the case says, push then pull gives the case back, hostile names are stored verbatim, merge
 * does not duplicate, replace clears, the read-only console refuses writes.
 */
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoint, testDriver } from '../../../e2e/neo4j/connect.ts';
import { pullGraph, toNumber } from './pull.ts';
import { pushGraph, type PushProgress } from './push.ts';
import { runReadOnly } from './readonly.ts';
import type { LogonTracerGraph, LtEvent } from './schema.ts';
import { HOSTILE_NAMES, generatedGraph, hostileGraph, normalizeGraph, smallGraph, T0 } from './testgraph.ts';

let driver: Driver;
const database = () => endpoint().database;

beforeAll(() => {
  driver = testDriver();
});
afterAll(async () => {
  await driver.close();
});

async function query(text: string, params: Record<string, unknown> = {}) {
  const r = await driver.executeQuery(text, params, { database: database() });
  return r.records.map((rec) => rec.toObject() as Record<string, unknown>);
}

async function count(text: string): Promise<number> {
  const [row] = await query(text);
  return toNumber(row?.n);
}

// The event/count and date filters of §6.2, as parameters. LogonTracer's pattern is undirected and
// unlabelled, so each edge comes back twice; DISTINCT on the relationship undoes that, as its UI does.
const FILTER = 'event.id IN $ids AND event.count > $minCount AND event.date >= $from AND event.date <= $to';
const EDGE = 'RETURN DISTINCT startNode(event).IP AS host, endNode(event).user AS user, event.id AS id, event.date AS date, event.logintype AS logintype';
const ALL_IDS = [4624, 4625, 4768, 4769, 4776];

interface Sidebar {
  name: string;
  cypher: string;
  expect: (e: LtEvent, g: LogonTracerGraph) => boolean;
}

const userOf = (g: LogonTracerGraph, name: string) => g.users.find((u) => u.user === name)!;
const SIDEBAR: Sidebar[] = [
  { name: 'All Users', cypher: `MATCH (user)-[event:Event]-(ip) WHERE ${FILTER} ${EDGE}`, expect: () => true },
  {
    name: 'SYSTEM Privileges',
    cypher: `MATCH (user)-[event:Event]-(ip) WHERE user.rights = 'system' AND ${FILTER} ${EDGE}`,
    expect: (e, g) => userOf(g, e.user).rights === 'system',
  },
  {
    name: 'NTLM Remote Logon',
    cypher: `MATCH (user)-[event:Event]-(ip) WHERE event.id = 4624 AND event.authname = 'NTLM' AND event.logintype = 3 AND event.date >= $from AND event.date <= $to ${EDGE}`,
    expect: (e) => e.id === 4624 && e.authname === 'NTLM' && e.logintype === 3,
  },
  { name: 'RDP Logon', cypher: `MATCH (user)-[event:Event]-(ip) WHERE event.logintype = 10 AND ${FILTER} ${EDGE}`, expect: (e) => e.logintype === 10 },
  { name: 'Network Logon', cypher: `MATCH (user)-[event:Event]-(ip) WHERE event.logintype = 3 AND ${FILTER} ${EDGE}`, expect: (e) => e.logintype === 3 },
  { name: 'Batch Logon', cypher: `MATCH (user)-[event:Event]-(ip) WHERE event.logintype = 4 AND ${FILTER} ${EDGE}`, expect: (e) => e.logintype === 4 },
  { name: 'Service Logon', cypher: `MATCH (user)-[event:Event]-(ip) WHERE event.logintype = 5 AND ${FILTER} ${EDGE}`, expect: (e) => e.logintype === 5 },
  {
    name: 'MS14-068 Exploit Failure',
    cypher: `MATCH (user)-[event:Event]-(ip) WHERE event.id = 4769 AND event.status =~ '.*0F' AND event.date >= $from AND event.date <= $to ${EDGE}`,
    expect: (e) => e.id === 4769 && /0F$/.test(e.status),
  },
  { name: 'Logon Failure', cypher: `MATCH (user)-[event:Event]-(ip) WHERE event.id = 4625 AND event.date >= $from AND event.date <= $to ${EDGE}`, expect: (e) => e.id === 4625 },
  {
    name: 'Detect DCSync/DCShadow',
    cypher: `MATCH (user)-[event:Event]-(ip) WHERE (user.status CONTAINS 'DCSync' OR user.status CONTAINS 'DCShadow') AND event.date >= $from AND event.date <= $to ${EDGE}`,
    expect: (e, g) => /DCSync|DCShadow/.test(userOf(g, e.user).status),
  },
  {
    name: 'Add/Delete Users',
    cypher:
      "MATCH (user)-[event:Event]-(ip) WHERE (user.status STARTS WITH 'Created' OR user.status CONTAINS 'Deleted' OR user.status CONTAINS 'RemoveGroup' " +
      `OR user.status CONTAINS 'AddGroup') AND event.date >= $from AND event.date <= $to ${EDGE}`,
    expect: (e, g) => {
      const s = userOf(g, e.user).status;
      return s.startsWith('Created') || /Deleted|RemoveGroup|AddGroup/.test(s);
    },
  },
];

const key = (edge: object) => {
  const e = edge as Record<string, unknown>;
  return JSON.stringify([e.host, e.user, toNumber(e.id), toNumber(e.date), toNumber(e.logintype)]);
};

describe('push, then LogonTracer reads it', () => {
  const g = smallGraph();
  const params = { ids: ALL_IDS, minCount: 0, from: T0, to: T0 + 24 * 3600 };

  beforeAll(async () => {
    await pushGraph(driver, g, { database: database(), mode: 'replace' });
  });

  it('stores the labels, keys, properties, relationship types and directions of §4.1', async () => {
    expect(await count('MATCH (n:Username) RETURN count(n) AS n')).toBe(g.users.length);
    expect(await count('MATCH (n:IPAddress) RETURN count(n) AS n')).toBe(g.hosts.length);
    expect(await count('MATCH (n:Domain) RETURN count(n) AS n')).toBe(g.domains.length);
    expect(await count('MATCH (:IPAddress)-[r:Event]->(:Username) RETURN count(r) AS n')).toBe(g.events.length);
    expect(await count('MATCH (:Username)-[r:Group]->(:Domain) RETURN count(r) AS n')).toBe(g.groups.length);
    expect(await count('MATCH (:Username)-[r:Policy]->(:ID) RETURN count(r) AS n')).toBe(1);
    expect(await count('MATCH (n:ID) RETURN count(n) AS n')).toBe(2);
    expect(await count("MATCH (n:Date {date: 'Daterange'}) RETURN count(n) AS n")).toBe(1);
    expect(await count('MATCH (n:Deletetime) RETURN count(n) AS n')).toBe(1);
    // Property types as LogonTracer writes them: integers on Event, floats for rank, a string policy date.
    const [types] = await query(
      'MATCH (h:IPAddress)-[e:Event]->(u:Username) WITH h, e, u LIMIT 1 ' +
        'RETURN valueType(e.id) AS id, valueType(e.date) AS date, valueType(e.count) AS count, valueType(e.logintype) AS lt, valueType(u.rank) AS urank, valueType(h.rank) AS hrank',
    );
    expect(types).toEqual({ id: 'INTEGER NOT NULL', date: 'INTEGER NOT NULL', count: 'INTEGER NOT NULL', lt: 'INTEGER NOT NULL', urank: 'FLOAT NOT NULL', hrank: 'FLOAT NOT NULL' });
    const [policy] = await query('MATCH ()-[p:Policy]->(i:ID) RETURN valueType(p.date) AS date, valueType(i.id) AS id');
    expect(policy).toEqual({ date: 'STRING NOT NULL', id: 'INTEGER NOT NULL' });
  });

  for (const view of SIDEBAR) {
    it(`sidebar "${view.name}" returns the accounts, hosts and edges the case has`, async () => {
      const got = (await query(view.cypher, params)).map(key).sort();
      const want = g.events.filter((e) => view.expect(e, g)).map(key).sort();
      expect(want.length).toBeGreaterThan(0);
      expect(want.length).toBeLessThan(g.events.length + (view.name === 'All Users' ? 1 : 0));
      expect(got).toEqual(want);
    });
  }

  it('sidebar "Domain Check" returns every Group relationship', async () => {
    const got = await query('MATCH (user)-[group:Group]-(domain) RETURN DISTINCT startNode(group).user AS user, endNode(group).domain AS domain');
    expect(got.map((r) => `${r.user}@${r.domain}`).sort()).toEqual(g.groups.map((r) => `${r.user}@${r.domain}`).sort());
  });

  it('sidebar "Audit Policy Change": as in LogonTracer the string date compares to nothing, the data is there', async () => {
    const cypher = 'MATCH (user)-[policy:Policy]-(id) WHERE policy.date >= $from AND policy.date <= $to RETURN DISTINCT startNode(policy).user AS user, endNode(policy).id AS id';
    expect(await query(cypher, params)).toEqual([]); // the reference's bug (§6.3), faithfully kept by storing a string
    const fixed = await query(cypher.replaceAll('policy.date', 'toInteger(policy.date)'), params);
    expect(fixed.map((r) => [r.user, toNumber(r.id)])).toEqual([['administrator', 0]]);
  });

  it('the Date and Deletetime nodes the page load reads (§6.1, §6.12)', async () => {
    expect(await query("MATCH (d:Date) WHERE d.date = 'Daterange' RETURN d.start AS start, d.end AS end")).toEqual([g.dateRange]);
    expect(await query('MATCH (d:Deletetime) RETURN d.date AS date, d.user AS user, d.domain AS domain')).toEqual([g.deletetime]);
  });

  it('pull gives the pushed case back', async () => {
    expect(normalizeGraph(await pullGraph(driver, { database: database() }))).toEqual(normalizeGraph(g));
  });
});

describe('hostile names', () => {
  it('are stored verbatim and inject nothing', async () => {
    const g = hostileGraph();
    const before = JSON.stringify(g);
    await pushGraph(driver, g, { database: database(), mode: 'replace' });
    expect(JSON.stringify(g)).toBe(before); // the local case is not touched
    // Exactly the nodes and relationships of the case: nothing deleted, nothing added.
    const nodes = g.users.length + g.hosts.length + g.domains.length + g.policies.length + 2;
    expect(await count('MATCH (n) RETURN count(n) AS n')).toBe(nodes);
    const rels = g.events.length + g.groups.length + g.policies.filter((p) => p.user !== null).length;
    expect(await count('MATCH ()-[r]->() RETURN count(r) AS n')).toBe(rels);
    expect(await count("MATCH (n:Username {user: 'pwned'}) RETURN count(n) AS n")).toBe(0);
    for (const name of HOSTILE_NAMES) {
      const rows = await query('MATCH (h:IPAddress)-[e:Event]->(u:Username {user: $name})-[:Group]->(d:Domain) RETURN h.IP AS ip, e.authname AS auth, u.status AS status, d.domain AS domain', { name });
      expect(rows).toEqual([{ ip: `${name} host`, auth: name, status: `Created(${name}) `, domain: `${name} domain` }]);
    }
    expect(normalizeGraph(await pullGraph(driver, { database: database() }))).toEqual(normalizeGraph(g));
  });
});

describe('modes', () => {
  it('merge twice does not duplicate nodes or relationships, and updates counts', async () => {
    const g = smallGraph();
    await pushGraph(driver, g, { database: database(), mode: 'replace' });
    const again = smallGraph();
    again.events[0]!.count = 99;
    await pushGraph(driver, again, { database: database(), mode: 'merge' });
    await pushGraph(driver, again, { database: database(), mode: 'merge' });
    expect(await count('MATCH ()-[r:Event]->() RETURN count(r) AS n')).toBe(g.events.length);
    expect(await count('MATCH ()-[r:Group]->() RETURN count(r) AS n')).toBe(g.groups.length);
    expect(await count('MATCH ()-[r:Policy]->() RETURN count(r) AS n')).toBe(1);
    expect(await count('MATCH (n) RETURN count(n) AS n')).toBe(g.users.length + g.hosts.length + g.domains.length + g.policies.length + 2);
    expect(normalizeGraph(await pullGraph(driver, { database: database() }))).toEqual(normalizeGraph(again));
  });

  it('merge adds a second case to the first; replace clears first', async () => {
    const a = smallGraph();
    const b = generatedGraph(500, { users: 20, hosts: 10 });
    await pushGraph(driver, a, { database: database(), mode: 'replace' });
    await pushGraph(driver, b, { database: database(), mode: 'merge' });
    expect(await count('MATCH ()-[r:Event]->() RETURN count(r) AS n')).toBe(a.events.length + b.events.length);
    await pushGraph(driver, b, { database: database(), mode: 'replace' });
    expect(normalizeGraph(await pullGraph(driver, { database: database() }))).toEqual(normalizeGraph(b));
  });

  it('reports progress per committed batch, in LogonTracer write order, and the indexes exist', async () => {
    const g = generatedGraph(25_000, { users: 300, hosts: 100 });
    const seen: PushProgress[] = [];
    const report = await pushGraph(driver, g, { database: database(), mode: 'replace', batchSize: 5000, onProgress: (p) => seen.push(structuredClone(p)) });
    expect(report.complete).toBe(true);
    expect(report.committed).toEqual(report.total);
    const phases = seen.map((p) => p.phase).filter((p, i, all) => all[i - 1] !== p);
    expect(phases).toEqual(['connect', 'clear', 'schema', 'hosts', 'users', 'domains', 'events', 'groups', 'dateRange', 'done']);
    expect(seen.filter((p) => p.phase === 'events').map((p) => p.report.committed.events)).toEqual([5000, 10000, 15000, 20000, 25000]);
    const indexes = await query("SHOW INDEXES YIELD name WHERE name STARTS WITH 'logonlens_' RETURN name ORDER BY name");
    expect(indexes).toHaveLength(6);
  });

  it('cancel stops between batches and says what was written', async () => {
    const g = generatedGraph(30_000, { users: 300, hosts: 100 });
    const abort = new AbortController();
    const err = await pushGraph(driver, g, {
      database: database(),
      mode: 'replace',
      batchSize: 5000,
      signal: abort.signal,
      onProgress: (p) => {
        if (p.report.committed.events >= 10_000) abort.abort();
      },
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'cancelled', report: { complete: false, cleared: true, inFlight: null } });
    const report = (err as { report: { committed: { events: number } } }).report;
    expect(report.committed.events).toBe(10_000);
    expect(await count('MATCH ()-[r:Event]->() RETURN count(r) AS n')).toBe(10_000);
    expect(String((err as Error).message)).toMatch(/cancelled.*10,000 events/s);
  });
});

describe('read-only console', () => {
  beforeAll(async () => {
    await pushGraph(driver, smallGraph(), { database: database(), mode: 'replace' });
  });

  it('runs reads, with parameters', async () => {
    const r = await runReadOnly(driver, 'MATCH (u:Username) WHERE u.rights = $r RETURN u.user AS user ORDER BY user', { r: 'system' }, { database: database() });
    expect(r.queryType).toBe('r');
    expect(r.rows).toEqual([{ user: 'administrator' }, { user: 'frank' }]);
    const limited = await runReadOnly(driver, 'UNWIND range(1, 100) AS x RETURN x', {}, { database: database(), maxRows: 10 });
    expect(limited.rows).toHaveLength(10);
    expect(limited.truncated).toBe(true);
  });

  it.each([
    ['MATCH (n) DETACH DELETE n'],
    ["CREATE (:Username {user: 'x'})"],
    ["MATCH (u:Username) SET u.rights = 'system'"],
    ["MERGE (n:Domain {domain: 'x'}) RETURN n"],
    ['CREATE INDEX evil IF NOT EXISTS FOR (n:X) ON (n.y)'],
    ['LOAD CSV FROM "file:///etc/passwd" AS l CREATE (:X {l: l})'],
    ["CALL { CREATE (:X) } RETURN 1"],
  ])('refuses %s and the database is unchanged', async (cypher) => {
    const before = await count('MATCH (n) RETURN count(n) AS n');
    await expect(runReadOnly(driver, cypher, {}, { database: database() })).rejects.toMatchObject({ kind: expect.stringMatching(/forbidden|query/) });
    expect(await count('MATCH (n) RETURN count(n) AS n')).toBe(before);
    expect(await count("MATCH (u:Username {rights: 'system'}) RETURN count(u) AS n")).toBe(2);
  });
});
