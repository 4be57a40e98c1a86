/**
 * What the page and the CLI do with Neo4j, against the test server:
 * - the Neo4j worker's API (workers/neo4j-api.ts) run with neo4j-driver's browser build over
 *   WebSocket, as in the page: connect (and its failures, said plainly), push bytes from the case
 *   worker with progress, cancel, the read-only console (table, graph, writes refused), pull;
 * - `logonlens push` spawned as a user runs it: imports, pushes, reports; fails with a clear message.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type neo4jType from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNeo4jApi, type DriverModule, type Neo4jWorkerApi, type ServerInfo } from '../../../workers/neo4j-api.ts';
import { endpoint, testDriver } from '../../../e2e/neo4j/connect.ts';
import { CaseAccumulator } from '../case/accumulator.ts';
import { analyze } from '../case/analysis.ts';
import { importSources } from '../case/import.ts';
import { toLogonTracer } from '../case/logontracer.ts';
import { memorySource } from '../evtx/index.ts';
import { writeEvtxFile } from '../evtx/writer/file.ts';
import { createScenario } from '../generator/index.ts';
import { decodeGraph, encodeGraph, type PlainNode } from './plain.ts';
import { pullGraph, toNumber } from './pull.ts';
import type { PushProgress } from './push.ts';
import { graphCounts } from './schema.ts';
import { generatedGraph, hostileGraph, normalizeGraph } from './testgraph.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const hasWebSocket = typeof (globalThis as { WebSocket?: unknown }).WebSocket === 'function';

async function count(text: string): Promise<number> {
  const d = testDriver();
  try {
    const r = await d.executeQuery(text, {}, { database: endpoint().database });
    return toNumber(r.records[0]?.get('n'));
  } finally {
    await d.close();
  }
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe.skipIf(!hasWebSocket)('the Neo4j worker API, browser driver over WebSocket', () => {
  let api: Neo4jWorkerApi;
  const settings = () => {
    const ep = endpoint();
    return { url: ep.url, user: ep.user, password: ep.password, database: ep.database ?? '' };
  };

  beforeAll(async () => {
    const file = createRequire(import.meta.url).resolve('neo4j-driver/lib/browser/neo4j-web.esm.js');
    const web = ((await import(/* @vite-ignore */ pathToFileURL(file).href)) as { default: typeof neo4jType }).default;
    api = createNeo4jApi(web as unknown as DriverModule);
  });
  afterAll(async () => {
    await api?.disconnect();
  });

  it('says plainly when it cannot connect: bad URL, wrong password, nothing listening, no such database', async () => {
    expect(await api.connect({ ...settings(), url: 'http://localhost:7474' })).toMatchObject({ ok: false, kind: 'settings' });
    expect(await api.connect({ ...settings(), password: 'wrong password' })).toMatchObject({ ok: false, kind: 'auth', message: expect.stringMatching(/refused the user name or password/) });
    // (Node's WebSocket never reports a refused connection to the driver: it gives up after 20 s.)
    expect(await api.connect({ ...settings(), url: `bolt://127.0.0.1:${await closedPort()}` })).toMatchObject({ ok: false, kind: 'unreachable', message: expect.stringMatching(/nothing answered/) });
    if (!endpoint().external) expect(await api.connect({ ...settings(), database: 'nosuchdb' })).toMatchObject({ ok: false, kind: 'database' });
    expect(await api.query('RETURN 1')).toMatchObject({ ok: false, message: expect.stringMatching(/Not connected/) });
  });

  it('connects, pushes a case from bytes with progress, queries read-only, refuses writes, pulls it back', async () => {
    const info = (await api.connect(settings())) as ServerInfo;
    expect(info).toMatchObject({ ok: true, agent: expect.stringMatching(/^Neo4j\//) });

    const g = hostileGraph();
    const seen: PushProgress[] = [];
    const out = await api.push(encodeGraph(g), { mode: 'replace', batchSize: 5 }, (p) => seen.push(p));
    expect(out).toMatchObject({ status: 'done', report: { complete: true, committed: graphCounts(g) } });
    expect(seen.at(-1)?.phase).toBe('done');
    expect(await count('MATCH ()-[r:Event]->() RETURN count(r) AS n')).toBe(g.events.length);

    const read = await api.query('MATCH (h:IPAddress)-[e:Event]->(u:Username) RETURN h, e, u.user AS user ORDER BY user LIMIT 5');
    if (!read.ok) throw new Error(read.message);
    expect(read.result.keys).toEqual(['h', 'e', 'user']);
    expect(read.result.rows).toHaveLength(5);
    expect(read.result.graph.relationships).toHaveLength(5);
    const host = read.result.rows[0]![0] as PlainNode;
    expect(host).toMatchObject({ $type: 'node', labels: ['IPAddress'] });
    expect(typeof read.result.rows[0]![1]).toBe('object');
    expect(typeof (read.result.rows[0]![1] as { properties: { id: unknown } }).properties.id).toBe('number'); // Integers as numbers

    for (const write of ['MATCH (n) DETACH DELETE n', "CREATE (:Username {user: 'x'})", 'CREATE INDEX x IF NOT EXISTS FOR (n:X) ON (n.y)']) {
      expect(await api.query(write), write).toMatchObject({ ok: false, kind: 'forbidden', message: expect.stringMatching(/only reads/) });
    }
    expect(await api.query('MATCH (n RETURN n')).toMatchObject({ ok: false, kind: 'query' });
    expect(await count('MATCH (n:Username) RETURN count(n) AS n')).toBe(g.users.length);

    const pulled = await api.pull();
    if (!pulled.ok) throw new Error(pulled.message);
    expect(pulled.counts.events).toBe(g.events.length);
    expect(normalizeGraph(decodeGraph(pulled.graph))).toEqual(normalizeGraph(g));
  });

  it('cancels a push between batches and says what was written', async () => {
    expect(await api.connect(settings())).toMatchObject({ ok: true });
    const g = generatedGraph(20_000, { users: 200, hosts: 50 });
    let asked = false;
    const out = await api.push(g, { mode: 'replace', batchSize: 2000 }, (p) => {
      if (!asked && p.report.committed.events >= 4000) {
        asked = true;
        void api.cancelPush();
      }
    });
    expect(out).toMatchObject({ status: 'cancelled', kind: 'cancelled', report: { complete: false, cleared: true, inFlight: null } });
    if (out.status === 'done') throw new Error('not cancelled');
    const events = out.report!.committed.events;
    expect(events % 2000).toBe(0);
    expect(events).toBeGreaterThanOrEqual(4000);
    expect(out.message).toMatch(new RegExp(`cancelled.*${events.toLocaleString('en-US')} events`, 's'));
    expect(await count('MATCH ()-[r:Event]->() RETURN count(r) AS n')).toBe(events);
  });
});

// ---- logonlens push ----

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts/logonlens.mjs'), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

describe('logonlens push', () => {
  let dir: string;
  let log: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'logonlens-push-'));
    log = join(dir, "domain o'brien.evtx");
    await writeEvtxFile(log, createScenario({ seed: 21, users: 60, workstations: 25, servers: 3, domainControllers: 1, days: 3, start: '2024-05-06', attacks: ['pass-the-hash', 'dcsync', 'new-domain-admin', 'audit-policy-change', 'log-clearing'], hostile: true }).events());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const base = () => {
    const ep = endpoint();
    return ['--neo4j', ep.url, '--user', ep.user, '--password-env', 'LL_TEST_NEO4J_PW', ...(ep.database ? ['--database', ep.database] : [])];
  };

  it('imports the logs and pushes the case in one step; Neo4j then holds what toLogonTracer gives', async () => {
    const r = await runCli(['push', ...base(), '--mode', 'replace', '--tz', '2', log], { LL_TEST_NEO4J_PW: endpoint().password });
    expect(r.stderr).toMatch(/reading .*o'brien\.evtx/);
    expect(r.stderr).toMatch(/events: \d+% /);
    expect(r.stderr).toMatch(/done: 100% /);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^pushed \d[\d,]* hosts, .* events, .* to bolt:\/\/.* \(replace\) in \d+\.\d s/);
    console.log(`logonlens push: ${r.stdout.trim()} (${r.ms} ms with start-up)`);

    const acc = new CaseAccumulator({ tzHours: 2, from: null, to: null });
    await importSources(acc, [memorySource(new Uint8Array(readFileSync(log)), 'x.evtx')]);
    const want = toLogonTracer(acc, analyze(acc));
    const d = testDriver();
    try {
      expect(normalizeGraph(await pullGraph(d, { database: endpoint().database }))).toEqual(normalizeGraph(want));
    } finally {
      await d.close();
    }

    // Merge the same case again: nothing doubles.
    const again = await runCli(['push', ...base(), '--mode', 'merge', '--tz', '2', log], { LL_TEST_NEO4J_PW: endpoint().password });
    expect(again.code, again.stderr).toBe(0);
    expect(await count('MATCH ()-[r:Event]->() RETURN count(r) AS n')).toBe(want.events.length);
  });

  it('fails with a clear message and a non-zero exit: wrong password, server down, no password variable, bad options', async () => {
    const before = await count('MATCH ()-[r:Event]->() RETURN count(r) AS n');
    const wrong = await runCli(['push', ...base(), log], { LL_TEST_NEO4J_PW: 'not the password' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/push failed: Neo4j at bolt:\/\/.* refused the user name or password\..*database.* was not touched: written before the push stopped: nothing/s);
    expect(await count('MATCH ()-[r:Event]->() RETURN count(r) AS n')).toBe(before);

    const port = await closedPort();
    const down = await runCli(['push', '--neo4j', `bolt://127.0.0.1:${port}`, '--user', 'neo4j', '--password-env', 'LL_TEST_NEO4J_PW', log], { LL_TEST_NEO4J_PW: 'x' });
    expect(down.code).toBe(1);
    expect(down.stderr).toContain(`Could not connect to Neo4j at bolt://127.0.0.1:${port}: nothing answered`);

    const noVar = await runCli(['push', ...base(), log], {});
    expect(noVar.code).toBe(2);
    expect(noVar.stderr).toMatch(/environment variable LL_TEST_NEO4J_PW \(--password-env\) is not set/);

    const badMode = await runCli(['push', ...base(), '--mode', 'append', log], { LL_TEST_NEO4J_PW: 'x' });
    expect(badMode.code).toBe(2);
    expect(badMode.stderr).toMatch(/--mode must be replace or merge/);

    const notLog = await runCli(['push', ...base(), join(ROOT, 'package.json')], { LL_TEST_NEO4J_PW: endpoint().password });
    expect(notLog.code).toBe(1);
    expect(notLog.stderr).toMatch(/package\.json.*not an EVTX/i);
  });
});
