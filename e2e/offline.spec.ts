import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeEvtxFile } from '../src/core/evtx/writer/file';
import { createScenario } from '../src/core/generator';
import { corpus, count, expect, HAVE_CORPUS, openFiles, test } from './support';

/**
 * The installable offline app: after one visit the service worker controls the page and has
 * precached the build (page, chunks, workers); with the network gone, a reload still loads the app,
 * the parser reads a log, and a case is created and shown in a lazily loaded view.
 */

let dir: string;
let log: string;
let events = 0;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'logonlens-offline-'));
  log = join(dir, 'offline-domain.evtx');
  const scenario = createScenario({ seed: 3, users: 20, workstations: 10, servers: 2, domainControllers: 1, days: 2, start: '2024-06-03', attacks: ['dcsync'] });
  events = (await writeEvtxFile(log, scenario.events())).records;
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('loads, parses a log and builds a case with the network off', async ({ page, context }) => {
  await page.goto('/');
  const manifest = await page.locator('link[rel=manifest]').getAttribute('href');
  expect(manifest).toBe('/manifest.webmanifest');
  const m = (await (await page.request.get(manifest!)).json()) as { name: string; icons: { sizes: string }[]; theme_color: string };
  expect(m.name).toBe('LogonLens');
  expect(m.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));

  // The first visit installs the worker, which takes control at once (clientsClaim) and says offline use is ready.
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 60_000 }).toBe(true);
  await expect(page.getByTestId('pwa-status')).toHaveAttribute('data-offline-ready', 'true');

  await context.setOffline(true);
  expect(await page.evaluate(() => fetch('/no-such-thing').then(() => 'online', () => 'offline'))).toBe('offline');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'LogonLens' })).toBeVisible();
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);

  // The parser's workers come from the cache too.
  await openFiles(page, [log]);
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'done');
  expect(await count(page, 'record-count')).toBe(events);
  expect(await count(page, 'problem-count')).toBe(0);

  // A case: the case worker, IndexedDB and a view's lazily loaded chunk, all offline.
  await page.getByTestId('cases-toggle').click();
  await page.getByLabel('Case name').fill('offline case');
  await page.getByTestId('new-case-files').setInputFiles(log);
  await expect(page.getByTestId('cases-panel')).toHaveAttribute('data-imports-finished', '1', { timeout: 60_000 });
  await expect(page.getByTestId('summary-name')).toHaveText('offline case');
  await page.getByTestId('case-view-links').getByRole('link', { name: 'Detections' }).click();
  await expect(page.getByTestId('detection-table')).toBeVisible();
  await expect(page.locator('[data-testid=detection-row][data-kind=dcsync]').first()).toBeVisible();

  // A real log (the corpus's Security log, when present): a case from it, analysed and drawn as a graph, still offline.
  if (HAVE_CORPUS) {
    await page.getByTestId('cases-toggle').click();
    await page.getByLabel('Case name').fill('offline corpus case');
    const panel = page.getByTestId('cases-panel');
    const before = Number(await panel.getAttribute('data-imports-finished'));
    await page.getByTestId('new-case-files').setInputFiles(corpus('evtx-samples/security.evtx'));
    await expect(panel).toHaveAttribute('data-imports-finished', String(before + 1), { timeout: 60_000 });
    await expect(page.getByTestId('summary-name')).toHaveText('offline corpus case');
    await page.getByTestId('case-view-links').getByRole('link', { name: 'Graph' }).click();
    const graph = page.getByTestId('graph-view');
    await expect(graph).toHaveAttribute('data-status', 'done');
    expect(Number(await graph.getAttribute('data-nodes'))).toBeGreaterThanOrEqual(2); // fsir and the host it logged on to
    await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-drawn', /^[1-9]\d*$/);
    await expect(page.getByTestId('graph-node-picker').locator('option', { hasText: 'fsir — account' })).toHaveCount(1);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  }
  await context.setOffline(false);
});
