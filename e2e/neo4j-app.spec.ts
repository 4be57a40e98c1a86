import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import neo4j, { type Driver } from 'neo4j-driver';
import { CaseAccumulator } from '../src/core/case/accumulator';
import { allEdgeHours, buildEdges } from '../src/core/case/edges';
import { importSources } from '../src/core/case/import';
import { userNodes } from '../src/core/case/users';
import { memorySource } from '../src/core/evtx';
import { writeEvtxFile } from '../src/core/evtx/writer/file';
import { createScenario } from '../src/core/generator';
import { neo4jForTests, type Neo4jServer } from './neo4j/server';
import { ARTIFACTS, expect, test } from './support';

/**
 * Neo4j sync from the built app in Chromium, over Bolt on WebSocket (ws://) to a real Neo4j: this spec
 * starts its own server (the in-process launcher of e2e/neo4j/, or the one LOGONLENS_NEO4J_URL names,
 * whose database it empties). A case made in the page from a generated log is pushed; Node counts what
 * arrived; the read-only console shows rows and a graph and refuses a write; a new case pulled from
 * the database holds the same logon events.
 */

let server: Neo4jServer;
let driver: Driver;
let dir: string;
let log: string;
let want: { logonEvents: number; users: number; hosts: number; events: number };

test.describe.configure({ timeout: 300_000 });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  server = await neo4jForTests();
  driver = neo4j.driver(server.url, neo4j.auth.basic(server.user, server.password));
  dir = mkdtempSync(join(tmpdir(), 'logonlens-neo4j-app-'));
  log = join(dir, 'neo4j-domain.evtx');
  await writeEvtxFile(log, createScenario({ seed: 31, users: 40, workstations: 15, servers: 2, domainControllers: 1, days: 2, start: '2024-06-03', hostile: true, attacks: ['pass-the-hash', 'dcsync', 'new-domain-admin'] }).events());
  // What the pushed database must hold, computed here from the same file (toLogonTracer's counts:
  // one Event relationship per edge and hour).
  const acc = new CaseAccumulator({ tzHours: 0, from: null, to: null });
  await importSources(acc, [memorySource(new Uint8Array(readFileSync(log)), 'neo4j-domain.evtx')]);
  const table = buildEdges(acc);
  want = { logonEvents: acc.logonCount, users: userNodes(acc).length, hosts: table.hosts.length, events: allEdgeHours(acc, table).reduce((n, m) => n + m.size, 0) };
});

test.afterAll(async () => {
  await driver?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function count(cypher: string): Promise<number> {
  const r = await driver.executeQuery(cypher, {}, { database: server.database });
  return Number(r.records[0]!.get('n'));
}

const caseRow = (page: Page, name: string) => page.locator(`[data-testid=case-row][data-name="${name}"]`);

/** Creates a case from the log in the page (the Cases view) and returns its id. */
async function createCase(page: Page, name: string): Promise<string> {
  await page.goto('/#cases');
  await page.getByLabel('Case name').fill(name);
  await page.getByTestId('new-case-files').setInputFiles(log);
  await expect(caseRow(page, name)).toBeVisible({ timeout: 120_000 });
  await expect(caseRow(page, name).getByTestId('case-events')).toHaveAttribute('data-value', String(want.logonEvents), { timeout: 120_000 });
  return (await caseRow(page, name).getAttribute('data-case-id'))!;
}

test('push a case over WebSocket, read it in the console, pull it into a new case', async ({ page }) => {
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  const id = await createCase(page, 'Pushed from the page');

  await page.goto(`/#/case/${encodeURIComponent(id)}/neo4j`);
  await expect(page.getByTestId('neo4j-view')).toBeVisible({ timeout: 30_000 });

  // Wrong password: said plainly, not connected.
  await page.getByTestId('neo4j-url').fill(server.url);
  await page.getByTestId('neo4j-user').fill(server.user);
  await page.getByTestId('neo4j-password').fill('not the password');
  await page.getByTestId('neo4j-database').fill(server.database ?? '');
  await page.getByTestId('neo4j-connect').click();
  await expect(page.getByTestId('neo4j-connect-error')).toContainText('refused the user name or password');
  await expect(page.getByTestId('neo4j-status')).toHaveAttribute('data-connected', 'no');

  // Nothing listening: said plainly too.
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const closed = (probe.address() as { port: number }).port;
  await new Promise((r) => probe.close(r));
  await page.getByTestId('neo4j-url').fill(`bolt://127.0.0.1:${closed}`);
  await page.getByTestId('neo4j-connect').click();
  await expect(page.getByTestId('neo4j-connect-error')).toContainText('nothing answered', { timeout: 40_000 });
  await page.getByTestId('neo4j-url').fill(server.url);

  await page.getByTestId('neo4j-password').fill(server.password);
  await page.getByTestId('neo4j-connect').click();
  await expect(page.getByTestId('neo4j-status')).toHaveAttribute('data-connected', 'yes', { timeout: 30_000 });

  // Push (replace): the page reports what it wrote, and Neo4j holds it.
  await page.getByTestId('neo4j-mode-replace').check();
  await page.getByTestId('neo4j-push').click();
  const result = page.getByTestId('neo4j-push-result');
  await expect(result).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await expect(result).toHaveAttribute('data-events', String(want.events));
  expect(await count('MATCH ()-[r:Event]->() RETURN count(r) AS n')).toBe(want.events);
  expect(await count('MATCH (n:Username) RETURN count(n) AS n')).toBe(want.users);
  expect(await count('MATCH (n:IPAddress) RETURN count(n) AS n')).toBe(want.hosts);
  expect(await count('MATCH ()-[r:Event]->() RETURN sum(r.count) AS n')).toBe(want.logonEvents);

  // The read-only console: rows in a table, nodes and relationships as a graph.
  const query = page.getByTestId('neo4j-query');
  await query.fill('MATCH (u:Username) RETURN u.user AS user, u.rights AS rights ORDER BY user LIMIT 10');
  await page.getByTestId('neo4j-run').click();
  await expect(page.getByTestId('console-result')).toHaveAttribute('data-rows', String(Math.min(10, want.users)));
  await expect(page.getByTestId('console-table').locator('tbody tr')).toHaveCount(Math.min(10, want.users));
  await query.fill('MATCH (h:IPAddress)-[e:Event]->(u:Username) RETURN h, e, u LIMIT 25');
  await page.getByTestId('neo4j-run').click();
  await expect(page.getByTestId('console-result')).toHaveAttribute('data-rows', '25');
  await expect(page.getByTestId('console-graph')).toHaveAttribute('data-edges', '25');
  expect(Number(await page.getByTestId('console-graph').getAttribute('data-nodes'))).toBeGreaterThan(1);
  await expect(page.getByTestId('console-graph').locator('canvas').first()).toBeVisible();
  await page.screenshot({ path: join(ARTIFACTS, 'neo4j.png'), fullPage: true });

  // A write is refused, and nothing changed.
  await query.fill('MATCH (n) DETACH DELETE n');
  await page.getByTestId('neo4j-run').click();
  await expect(page.getByTestId('console-error')).toHaveAttribute('data-kind', 'forbidden');
  await expect(page.getByTestId('console-error')).toContainText('only reads');
  expect(await count('MATCH ()-[r:Event]->() RETURN count(r) AS n')).toBe(want.events);

  // Pull into a new case: the same logon events.
  await page.getByTestId('neo4j-pull-name').fill('Pulled from Neo4j');
  await page.getByTestId('neo4j-pull').click();
  const pulled = page.getByTestId('neo4j-pull-result');
  await expect(pulled).toBeVisible({ timeout: 120_000 });
  await expect(pulled).toHaveAttribute('data-logon-events', String(want.logonEvents));
  await page.goto('/#cases');
  await expect(caseRow(page, 'Pulled from Neo4j').getByTestId('case-events')).toHaveAttribute('data-value', String(want.logonEvents));
  await expect(caseRow(page, 'Pushed from the page').getByTestId('case-events')).toHaveAttribute('data-value', String(want.logonEvents));

  // The browser build talked Bolt over WebSocket (the page's own, or its worker's).
  if (sockets.length) expect(sockets.some((u) => u.startsWith('ws://127.0.0.1:'))).toBe(true);
});
