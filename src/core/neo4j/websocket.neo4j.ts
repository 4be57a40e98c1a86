/**
 * The page talks to Neo4j with neo4j-driver's browser build, over Bolt on WebSocket (same port as
 * Bolt; Neo4j 5 answers the HTTP upgrade). This runs that very build, with Node's WebSocket
 * (`--experimental-websocket` on Node 20, see e2e/neo4j/vitest.config.ts).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type neo4jType from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { endpoint } from '../../../e2e/neo4j/connect.ts';
import { pullGraph } from './pull.ts';
import { pushGraph } from './push.ts';
import { runReadOnly } from './readonly.ts';
import { hostileGraph, normalizeGraph } from './testgraph.ts';

const hasWebSocket = typeof (globalThis as { WebSocket?: unknown }).WebSocket === 'function';

describe('browser driver over WebSocket', () => {
  it.skipIf(!hasWebSocket)('pushes, pulls and reads back a case', async () => {
    const file = createRequire(import.meta.url).resolve('neo4j-driver/lib/browser/neo4j-web.esm.js');
    const web = ((await import(/* @vite-ignore */ pathToFileURL(file).href)) as { default: typeof neo4jType }).default;
    const ep = endpoint();
    const sockets: string[] = [];
    const Native = (globalThis as unknown as { WebSocket: new (url: string, ...rest: unknown[]) => object }).WebSocket;
    // Record the URLs the driver opens, to be sure it is WebSocket and not a Node socket.
    (globalThis as { WebSocket?: unknown }).WebSocket = class extends Native {
      constructor(url: string, ...rest: unknown[]) {
        sockets.push(String(url));
        super(url, ...rest);
      }
    };
    const driver = web.driver(ep.url, web.auth.basic(ep.user, ep.password));
    try {
      const g = hostileGraph();
      const report = await pushGraph(driver, g, { database: ep.database, mode: 'replace', batchSize: 7 });
      expect(report.complete).toBe(true);
      expect(normalizeGraph(await pullGraph(driver, { database: ep.database }))).toEqual(normalizeGraph(g));
      const r = await runReadOnly(driver, 'MATCH (u:Username) RETURN count(u) AS n', {}, { database: ep.database });
      expect(Number(r.rows[0]!.n)).toBe(g.users.length);
      expect(sockets.length).toBeGreaterThan(0);
      expect(sockets[0]).toMatch(/^ws:\/\/127\.0\.0\.1:\d+/);
    } finally {
      await driver.close();
      (globalThis as { WebSocket?: unknown }).WebSocket = Native;
    }
  });
});
