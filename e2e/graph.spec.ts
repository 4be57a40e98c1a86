import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from '@playwright/test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { CaseAccumulator } from '../src/core/case/accumulator';
import { buildEdges } from '../src/core/case/edges';
import { importSources } from '../src/core/case/import';
import { userNodes } from '../src/core/case/users';
import { memorySource } from '../src/core/evtx';
import { writeEvtxFile } from '../src/core/evtx/writer/file';
import { createScenario } from '../src/core/generator';
import { ARTIFACTS, createCase, expect, test } from './support';

/**
 * The graph view on a case made from a generated log with hostile names: sidebar views, search,
 * node and edge details with the raw record, exports (contents checked), the diff view, state kept
 * in the URL across a reload. The support fixture fails the test on any CSP violation or page error.
 */

let dir: string;
let log: string;
/** A second, smaller domain for the two-case diff. */
let other: string;
/**
 * Accounts with hostile names that survive normalisation (markup characters are refused by the
 * reference's UCHECK, so `<script>` never becomes a node; the unit tests of export.ts cover those).
 */
const hostile = "o'brien";
const proto = '__proto__';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dir = mkdtempSync(join(tmpdir(), 'logonlens-graph-'));
  log = join(dir, 'graph-domain.evtx');
  await writeEvtxFile(
    log,
    createScenario({ seed: 1, users: 30, workstations: 14, servers: 3, domainControllers: 1, days: 3, start: '2024-03-04', hostile: true, attacks: ['password-spraying', 'rdp-hopping', 'dcsync', 'new-domain-admin'] }).events(),
  );
  other = join(dir, 'other-domain.evtx');
  await writeEvtxFile(other, createScenario({ seed: 2, users: 12, workstations: 6, servers: 1, domainControllers: 1, days: 1, start: '2024-03-04', attacks: [] }).events());
  const acc = new CaseAccumulator({ tzHours: 0, from: null, to: null });
  await importSources(acc, [memorySource(new Uint8Array(readFileSync(log)), 'graph-domain.evtx')]);
  buildEdges(acc);
  const names = userNodes(acc).map((u) => u.name);
  expect(names).toContain(hostile);
  expect(names).toContain(proto);
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CASE = 'Graph <b>case</b> =1+1';
const OTHER = 'Other "case"';

const graph = (page: Page) => page.getByTestId('graph-view');

async function drawn(page: Page, view: string): Promise<number> {
  await expect(graph(page)).toHaveAttribute('data-view', view);
  await expect(graph(page)).toHaveAttribute('data-status', 'done');
  return Number(await graph(page).getAttribute('data-edges'));
}

async function download(page: Page, kind: string): Promise<Download> {
  const summary = page.getByTestId('graph-export');
  if ((await summary.locator('xpath=..').getAttribute('open')) === null) await summary.click();
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-${kind}`).click()]);
  return d;
}
const bytesOf = async (d: Download) => readFileSync((await d.path())!);

test('graph: views, search, details with raw record, exports, diff, URL state', async ({ page }) => {
  test.setTimeout(240_000);
  const otherId = await createCase(page, OTHER, other);
  const id = await createCase(page, CASE, log);

  await page.goto(`/#/case/${encodeURIComponent(id)}/graph?view=all`);
  expect(await drawn(page, 'all')).toBeGreaterThan(20);
  await expect(page.getByTestId('graph-legend')).toContainText('Privileged account');
  await expect(page.getByTestId('graph-canvas').locator('canvas').first()).toBeVisible();

  // Sidebar views: RDP hopping, password spraying (4625) and DCSync are in the log.
  await page.getByTestId('graph-view-rdp').click();
  expect(await drawn(page, 'rdp')).toBeGreaterThan(0);
  await expect(page.getByTestId('graph-view-rdp')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('graph-view-logon-failure').click();
  expect(await drawn(page, 'logon-failure')).toBeGreaterThan(0);
  await page.getByTestId('graph-view-dcsync-dcshadow').click();
  expect(await drawn(page, 'dcsync-dcshadow')).toBeGreaterThan(0);
  await page.getByTestId('graph-view-all').click();
  await drawn(page, 'all');

  // `__proto__` is a node like any other (no object-key mix-ups).
  await page.getByTestId('graph-node-picker').selectOption(`account:${proto}`);
  await expect(page.getByTestId('node-name')).toHaveText(proto);

  // Search an account with a quote in its name: autocomplete offers it, the graph narrows to it.
  const value = page.getByTestId('search-value').first();
  await value.fill("o'b");
  await expect(page.locator('datalist option').first()).toHaveAttribute('value', hostile);
  await value.fill(hostile);
  await page.getByTestId('search-submit').click();
  await expect(graph(page)).toHaveAttribute('data-status', 'done');
  await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).toContain(`search=account:${hostile}`);
  const nodes = Number(await graph(page).getAttribute('data-nodes'));
  expect(nodes).toBeGreaterThan(1);

  // Select it (the picker is the keyboard's way to the canvas): details as text, not markup.
  await page.getByTestId('graph-node-picker').selectOption(`account:${hostile}`);
  await expect(page.getByTestId('node-details')).toBeVisible();
  await expect(page.getByTestId('node-name')).toHaveText(hostile);
  await expect(page.getByTestId('node-rank')).toHaveText(/^\d\.\d{4}$/);
  await expect(page.getByTestId('node-hmm')).toHaveText(/flagged|no/);
  expect(await page.locator('.graph-details script').count()).toBe(0);

  // An edge of it: its events, and the raw record (the file was imported in this page).
  await page.getByTestId('node-edge').first().click();
  await expect(page.getByTestId('edge-details')).toBeVisible();
  const rows = page.getByTestId('edge-events').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  await expect(rows.first()).toContainText('graph-domain.evtx');
  await page.getByTestId('edge-event-raw').first().click();
  await expect(page.getByTestId('raw-record')).toContainText('EventRecordID');
  await expect(page.getByTestId('raw-record')).toContainText('TargetUserName');

  // Exports: PNG and JPEG bytes, SVG and GraphML well-formed with the name escaped.
  const png = await bytesOf(await download(page, 'png'));
  expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  const jpg = await bytesOf(await download(page, 'jpg'));
  expect([...jpg.subarray(0, 2)]).toEqual([0xff, 0xd8]); // really JPEG (the reference wrote PNG data)
  const svgDownload = await download(page, 'svg');
  expect(svgDownload.suggestedFilename()).toMatch(/\.svg$/);
  expect(svgDownload.suggestedFilename()).not.toMatch(/[<>]/);
  const svg = (await bytesOf(svgDownload)).toString('utf8');
  expect(XMLValidator.validate(svg)).toBe(true);
  expect(svg).toContain('>o&apos;brien</text>');
  expect(svg).not.toContain("o'brien");
  const parsedInPage = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { error: doc.querySelector('parsererror') !== null, scripts: doc.getElementsByTagName('script').length, labels: [...doc.querySelectorAll('text')].map((t) => t.textContent) };
  }, svg);
  expect(parsedInPage.error).toBe(false);
  expect(parsedInPage.scripts).toBe(0);
  expect(parsedInPage.labels).toContain(hostile);
  const graphml = (await bytesOf(await download(page, 'graphml'))).toString('utf8');
  expect(XMLValidator.validate(graphml)).toBe(true);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (n) => n === 'node' || n === 'edge' }).parse(graphml);
  expect((doc.graphml.graph.node as { '@id': string }[]).map((n) => n['@id'])).toContain(`account:${hostile}`);
  expect(doc.graphml.graph.edge.length).toBe(Number(await graph(page).getAttribute('data-edges')));
  const csv = (await bytesOf(await download(page, 'csv-edges'))).toString('utf8');
  for (const line of csv.split('\r\n')) expect(line).not.toMatch(/(^|,)[=+\-@]/);

  await page.screenshot({ path: join(ARTIFACTS, 'graph.png') });

  // Reload: view, search and selection come back from the URL; the file is no longer held.
  await page.reload();
  await expect(graph(page)).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('search-value').first()).toHaveValue(hostile);
  await page.getByTestId('graph-node-picker').selectOption(`account:${hostile}`);
  await page.getByTestId('node-edge').first().click();
  await page.getByTestId('edge-event-raw').first().click();
  await expect(page.getByTestId('raw-unavailable')).toContainText('import it again');

  // Diff: the first day against the second, from the sidebar.
  await page.getByTestId('graph-to-diff').click();
  await expect(page.getByTestId('diff-view')).toHaveAttribute('data-status', 'done');
  const counts = page.getByTestId('diff-counts');
  await expect(counts).toBeVisible();
  const total = ['data-only-a', 'data-only-b', 'data-both'].map(async (a) => Number(await counts.getAttribute(a)));
  expect((await Promise.all(total)).reduce((x, y) => x + y, 0)).toBeGreaterThan(0);
  await expect(page.getByTestId('graph-legend')).toContainText('Only in A');
  await page.screenshot({ path: join(ARTIFACTS, 'graph-diff.png') });

  // Diff with another case: the same view on both, nodes compared by name.
  await page.getByTestId('diff-mode-cases').check();
  await page.getByTestId('diff-other').selectOption(otherId);
  await page.getByTestId('diff-apply').click();
  await expect(page.getByTestId('diff-view')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('graph-legend')).toContainText(`Only in “${OTHER}”`);
  await expect(counts).toHaveAttribute('data-only-b', /^[1-9]\d*$/);

  // Dark theme (the shell sets data-theme on <html>): the graph redraws with the dark palette, no reload.
  await page.goBack();
  await expect(graph(page)).toHaveAttribute('data-status', 'done');
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  await page.getByTestId('graph-view-rdp').click();
  expect(await drawn(page, 'rdp')).toBeGreaterThan(0);
  await page.screenshot({ path: join(ARTIFACTS, 'graph-dark.png') });
});
