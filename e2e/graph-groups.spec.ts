import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { writeEvtxFile } from '../src/core/evtx/writer/file';
import { createScenario } from '../src/core/generator';
import { expect, test } from './support';

/**
 * A graph too big to draw node by node (more elements than big-graph mode starts at): drawn grouped
 * by default, groups open when chosen, grouping can be turned off (and on), and a search answers
 * with the searched nodes themselves.
 */

let dir: string;
let log: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dir = mkdtempSync(join(tmpdir(), 'logonlens-groups-'));
  log = join(dir, 'many-accounts.evtx');
  // Hundreds of accounts, each mostly on its own workstation: a few thousand nodes and edges.
  await writeEvtxFile(log, createScenario({ seed: 3, users: 700, workstations: 140, servers: 8, domainControllers: 1, days: 1, start: '2024-03-04', attacks: [] }).events());
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const graph = (page: Page) => page.getByTestId('graph-view');
const attr = async (page: Page, name: string) => Number(await graph(page).getAttribute(name));

test('a big graph is drawn grouped; groups open; grouping can be turned off', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/#/cases');
  await page.getByLabel('Case name').fill('Many accounts');
  const panel = page.getByTestId('cases-panel');
  await page.getByTestId('new-case-files').setInputFiles(log);
  await expect(panel).toHaveAttribute('data-imports-finished', '1', { timeout: 120_000 });
  const id = await page.locator('[data-testid=case-row]').first().getAttribute('data-case-id');

  await page.goto(`/#/case/${encodeURIComponent(id!)}/graph?view=all&limit=40000`);
  await expect(graph(page)).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-drawn', /\d+/);
  const nodes = await attr(page, 'data-nodes');
  const edges = await attr(page, 'data-edges');
  expect(nodes + edges).toBeGreaterThan(3000);
  await expect(page.getByTestId('graph-grouped')).toContainText('click a group to open it');
  const grouped = await attr(page, 'data-drawn-nodes');
  expect(grouped).toBeLessThan(nodes / 2);
  expect(await attr(page, 'data-drawn-edges')).toBeLessThan(edges);

  // Choosing a group (the picker stands in for a click on it) draws its members instead.
  const picker = page.getByTestId('graph-node-picker');
  await picker.focus();
  const group = (await picker.locator('option[value^="group:account:host:"]').first().getAttribute('value'))!;
  const label = (await picker.locator(`option[value="${group}"]`).textContent())!;
  const members = Number(/(\d+) accounts/.exec(label)?.[1]);
  expect(members).toBeGreaterThan(1);
  await picker.selectOption(group);
  await expect.poll(() => attr(page, 'data-drawn-nodes')).toBe(grouped - 1 + members);
  await expect(picker.locator(`option[value="${group}"]`)).toHaveCount(0);

  // The group's anchor, chosen: its details and its edges (all of them, folded ends or not) listed.
  const anchor = group.slice('group:account:'.length);
  await picker.selectOption(anchor);
  await expect(page.getByTestId('node-details')).toBeVisible();
  await expect(page.getByTestId('node-edge').first()).toBeVisible();

  // Grouping off: every node drawn (parallel edges still one line each).
  await page.getByTestId('graph-group').uncheck();
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('group=0');
  await expect.poll(() => attr(page, 'data-drawn-nodes')).toBe(nodes);
  await expect(page.getByTestId('graph-grouped')).toHaveCount(0);
  await page.getByTestId('graph-group').check();
  await expect.poll(() => attr(page, 'data-drawn-nodes')).toBeLessThan(nodes);

  // A search answers with a small graph: nothing folded.
  const value = page.getByTestId('search-value').first();
  await value.fill(anchor.slice('host:'.length));
  await page.getByTestId('search-field').first().selectOption('host');
  await page.getByTestId('search-submit').click();
  await expect.poll(() => attr(page, 'data-nodes')).toBeLessThan(nodes);
  await expect(graph(page)).toHaveAttribute('data-status', 'done');
  expect(await attr(page, 'data-drawn-nodes')).toBe(await attr(page, 'data-nodes'));
});
