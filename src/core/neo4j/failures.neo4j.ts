/**
 * What the analyst sees when Neo4j is not there or goes away: a clear message, the local case
 * untouched, and a truthful account of what is on the server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { endpoint, testDriver } from '../../../e2e/neo4j/connect.ts';
import { startNeo4j } from '../../../e2e/neo4j/server.ts';
import { Neo4jSyncError } from './errors.ts';
import { pullGraph, toNumber } from './pull.ts';
import { pushGraph } from './push.ts';
import { generatedGraph, smallGraph } from './testgraph.ts';

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

describe('connection failures', () => {
  it('wrong password: a clear message, nothing written, the case untouched', async () => {
    const g = smallGraph();
    const before = JSON.stringify(g);
    const driver = testDriver({ password: 'not-the-password' });
    try {
      const err = await pushGraph(driver, g, { mode: 'replace', url: endpoint().url }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Neo4jSyncError);
      expect(err).toMatchObject({ kind: 'auth', report: { cleared: false, complete: false, inFlight: null } });
      expect((err as Neo4jSyncError).message).toMatch(/refused the user name or password.*was not touched: written before the push stopped: nothing/s);
      expect(JSON.stringify(g)).toBe(before);
      await expect(pullGraph(driver)).rejects.toMatchObject({ kind: 'auth' });
    } finally {
      await driver.close();
    }
  });

  it('refused connection: says nothing answered', async () => {
    const url = `bolt://127.0.0.1:${await closedPort()}`;
    const driver = testDriver({ url });
    try {
      const err = await pushGraph(driver, smallGraph(), { mode: 'merge', url }).catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: 'unreachable', report: { committed: { events: 0 } } });
      expect((err as Error).message).toContain(`Could not connect to Neo4j at ${url}: nothing answered`);
    } finally {
      await driver.close();
    }
  });

  it('unknown database: names it', async () => {
    const driver = testDriver();
    try {
      const err = await pushGraph(driver, smallGraph(), { mode: 'replace', database: 'nosuchcase' }).catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: 'database' });
      expect((err as Error).message).toContain('no database named "nosuchcase"');
    } finally {
      await driver.close();
    }
  });

  it('an inconsistent case is refused before anything is sent', async () => {
    const g = smallGraph();
    g.events.push({ ...g.events[0]!, host: 'nowhere' });
    const driver = testDriver({ url: 'bolt://127.0.0.1:1' }); // never contacted
    try {
      await expect(pushGraph(driver, g, { mode: 'replace' })).rejects.toMatchObject({ kind: 'invalid-graph', message: expect.stringContaining('unknown host "nowhere"') });
    } finally {
      await driver.close();
    }
  });
});

describe('server stopped in the middle of a push', () => {
  it.skipIf(endpoint().external)('reports what was committed, and the restarted server holds exactly that', async () => {
    const home = mkdtempSync(join(tmpdir(), 'logonlens-neo4j-crash-'));
    try {
      let server = await startNeo4j({ home });
      let driver = neo4j.driver(server.url, neo4j.auth.basic(server.user, server.password));
      const g = generatedGraph(200_000, { users: 2000, hosts: 500 });
      const before = JSON.stringify(g.events.slice(0, 1000));
      let killed = false;
      const err = await pushGraph(driver, g, {
        mode: 'replace',
        batchSize: 5000,
        url: server.url,
        onProgress: (p) => {
          if (!killed && p.report.committed.events >= 50_000) {
            killed = true;
            void server.kill(); // SIGKILL: no goodbye to the client
          }
        },
      }).catch((e: unknown) => e);
      await driver.close().catch(() => undefined);
      expect(err).toBeInstanceOf(Neo4jSyncError);
      const e = err as Neo4jSyncError;
      expect(e.kind).toBe('server-gone');
      expect(e.message).toMatch(/connection to Neo4j at bolt:.* was lost .*emptied, then written before the push stopped: 500 hosts, 2,000 users, 1 domains, \d{2,3},\d{3} events/s);
      const report = e.report!;
      expect(report.complete).toBe(false);
      expect(report.committed.events).toBeGreaterThanOrEqual(50_000);
      expect(report.committed.events).toBeLessThan(200_000);
      expect(JSON.stringify(g.events.slice(0, 1000))).toBe(before);

      // The store recovers on restart; it must hold what the report says (the in-flight batch, if any, either way).
      server = await startNeo4j({ home });
      driver = neo4j.driver(server.url, neo4j.auth.basic(server.user, server.password));
      try {
        const r = await driver.executeQuery('MATCH ()-[e:Event]->() RETURN count(e) AS n');
        const onServer = toNumber(r.records[0]!.get('n'));
        const inFlight = report.inFlight?.kind === 'events' ? report.inFlight.rows : 0;
        expect([report.committed.events, report.committed.events + inFlight]).toContain(onServer);
        console.log(`killed mid-push: report ${report.committed.events} events committed, in flight ${inFlight}; restarted server holds ${onServer}`);
      } finally {
        await driver.close();
        await server.stop();
      }
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
