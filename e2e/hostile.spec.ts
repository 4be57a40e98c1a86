import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from '@playwright/test';
import { CaseAccumulator } from '../src/core/case/accumulator';
import { buildEdges } from '../src/core/case/edges';
import { importSources } from '../src/core/case/import';
import { userNodes } from '../src/core/case/users';
import { memorySource, openEvtx, readChunk, recordRow } from '../src/core/evtx';
import { writeEvtxFile } from '../src/core/evtx/writer/file';
import { containsHostile, createScenario, HOSTILE_PAYLOADS } from '../src/core/generator';
import { ARTIFACTS, expect, test } from './support';

/**
 * A log whose account, host and domain names carry HTML, script, CSV-formula, Cypher and template
 * payloads (the generator's `hostile` option): nothing runs (no dialog, no CSP violation: the
 * support fixture fails on those and on page errors), every name shows as text, and every CSV the
 * app writes neutralises formulas. LogonTracer's name checks keep markup out of the graph's
 * accounts, so there the payloads that pass them (`o'brien`, `__proto__`, `constructor`) are
 * checked; the record table, the raw record, detections and Sigma hits carry all of them.
 */

let dir: string;
let log: string;
/** Graph accounts whose names are payloads (those LogonTracer's UCHECK lets through). */
let graphPayloads: string[];
/** Index in file order of the first record whose summary holds `<script>`. */
let scriptRow: { index: number; recordId: number };

const SCRIPT = '<script>alert(1)</script>';
const CASE = '=HYPERLINK("x") <img src=x onerror=alert(1)>';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dir = mkdtempSync(join(tmpdir(), 'logonlens-hostile-'));
  log = join(dir, 'hostile-domain.evtx');
  await writeEvtxFile(
    log,
    createScenario({
      seed: 9,
      users: 30,
      workstations: 12,
      servers: 3,
      domainControllers: 1,
      days: 2,
      start: '2024-03-04',
      hostile: true,
      attacks: ['password-spraying', 'dcsync', 'new-domain-admin', 'audit-policy-change', 'dcshadow', 'log-clearing'],
    }).events(),
  );
  const bytes = new Uint8Array(readFileSync(log));
  const acc = new CaseAccumulator({ tzHours: 0, from: null, to: null });
  await importSources(acc, [memorySource(bytes, 'hostile-domain.evtx')]);
  buildEdges(acc);
  const payloads = HOSTILE_PAYLOADS.map((p) => p.value);
  graphPayloads = userNodes(acc)
    .map((u) => u.name)
    .filter((n) => payloads.includes(n));
  expect(graphPayloads).toEqual(expect.arrayContaining(["o'brien", '__proto__', 'constructor']));

  const source = memorySource(bytes, 'hostile-domain.evtx');
  const layout = await openEvtx(source);
  let index = 0;
  for (let c = 0; c < layout.blocks && !scriptRow; c++) {
    const out = await readChunk(source, layout, c, (r) => recordRow(r));
    for (const row of out.items) {
      if (!scriptRow && row.summary.includes(SCRIPT)) scriptRow = { index, recordId: row.recordId };
      index++;
    }
  }
  expect(scriptRow).toBeTruthy();
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Fails the test if the page ever opens a dialog (alert, confirm, prompt). */
function noDialogs(page: Page): string[] {
  const seen: string[] = [];
  page.on('dialog', (d) => {
    seen.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return seen;
}

/** Elements a payload would create if it were parsed as markup anywhere in the page. */
async function expectNoInjectedMarkup(page: Page) {
  expect(await page.locator('script:not([src]), img[src="x"], svg[onload], marquee, b:text-is("bold")').count()).toBe(0);
  expect(await page.evaluate(() => [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length)).toBe(0);
}

/** RFC 4180 cells of a CSV text (quoted cells may hold commas, quotes and line breaks). */
function csvCells(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && body[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      (row = []), (cell = ''), i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length) row.push(cell), rows.push(row);
  return rows;
}

/** No cell of a CSV starts a formula: each one that would is prefixed with `'`. */
function expectFormulaSafe(text: string, what: string): string[][] {
  const rows = csvCells(text);
  expect(rows.length, what).toBeGreaterThan(1);
  for (const r of rows) for (const c of r) expect(c, `${what}: cell ${JSON.stringify(c)}`).not.toMatch(/^[=+\-@\t\r]/);
  return rows;
}

async function downloaded(page: Page, click: () => Promise<unknown>): Promise<{ name: string; text: string }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: (d as Download).suggestedFilename(), text: readFileSync((await (d as Download).path())!, 'utf8') };
}

test('record table and raw record show the payloads as text; nothing runs', async ({ page }) => {
  const dialogs = noDialogs(page);
  await page.goto('/');
  await page.getByLabel('Open EVTX or XML files').setInputFiles(log);
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  // Walk to the record with `<script>` in its names with the keyboard, and show it.
  const table = page.getByTestId('record-table');
  await table.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < scriptRow.index; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const row = page.locator(`[data-testid=record-row][data-record-id="${scriptRow.recordId}"]`);
  await expect(row).toContainText(SCRIPT);
  await expect(page.getByTestId('record-json')).toContainText(SCRIPT);
  await expect(page.getByTestId('record-xml')).toContainText('alert(1)');
  await expectNoInjectedMarkup(page);
  await page.screenshot({ path: join(ARTIFACTS, 'hostile-records.png') });
  expect(dialogs).toEqual([]);
});

test('a case of hostile names: graph, details, detections, rankings, timeline and Sigma, with formula-safe CSVs', async ({ page }) => {
  test.setTimeout(180_000);
  const dialogs = noDialogs(page);
  await page.goto('/#/cases');
  await page.getByTestId('scan-on-import').check();
  await page.getByLabel('Case name').fill(CASE);
  const panel = page.getByTestId('cases-panel');
  await page.getByTestId('new-case-files').setInputFiles(log);
  await expect(panel).toHaveAttribute('data-imports-finished', '1', { timeout: 120_000 });
  await expect(page.getByTestId('summary-name')).toHaveText(CASE);
  const id = (await page.getByTestId('case-summary').getAttribute('data-case-id'))!;
  await expect(page.getByTestId('detection-list')).toBeVisible();
  await expectNoInjectedMarkup(page);

  // Graph: each payload account is a node, named as text in the picker and the details.
  await page.goto(`/#/case/${encodeURIComponent(id)}/graph?view=all&limit=5000`);
  const graph = page.getByTestId('graph-view');
  await expect(graph).toHaveAttribute('data-status', 'done');
  for (const name of graphPayloads) {
    await page.getByTestId('graph-node-picker').selectOption(`account:${name}`);
    await expect(page.getByTestId('node-name')).toHaveText(name);
  }
  await expect(page.getByTestId('graph-node-picker').locator('option', { hasText: "o'brien" })).toHaveCount(1);
  const nodesCsv = await downloaded(page, async () => {
    const summary = page.getByTestId('graph-export');
    await summary.click();
    await page.getByTestId('export-csv-nodes').click();
  });
  const nodeRows = expectFormulaSafe(nodesCsv.text, 'graph nodes CSV');
  for (const name of graphPayloads) expect(nodeRows.some((r) => r.includes(name))).toBe(true);
  expect(nodesCsv.name).not.toMatch(/[<>"]/);
  const edgesCsv = await downloaded(page, async () => {
    await page.getByTestId('graph-export').click();
    await page.getByTestId('export-csv-edges').click();
  });
  expectFormulaSafe(edgesCsv.text, 'graph edges CSV');
  await expectNoInjectedMarkup(page);

  // Detections: the hostile names as text on screen, and the CSV safe for spreadsheets.
  await page.goto(`/#/case/${encodeURIComponent(id)}/detections`);
  await expect(page.getByTestId('detection-table')).toBeVisible();
  const shown = (await page.getByTestId('detection-table').textContent()) ?? '';
  expect(containsHostile(shown).length, 'payloads shown in the detections').toBeGreaterThan(0);
  const detections = await downloaded(page, () => page.getByTestId('detections-csv').click());
  expect(detections.name).toMatch(/detections\.csv$/);
  expect(detections.name).not.toMatch(/[<>"]/);
  const detRows = expectFormulaSafe(detections.text, 'detections CSV');
  expect(detRows[0]).toEqual(['time', 'last_time', 'kind', 'account', 'host', 'events', 'details', 'record_ids']);
  expect(containsHostile(detections.text).length).toBeGreaterThan(0);
  await expectNoInjectedMarkup(page);
  await page.screenshot({ path: join(ARTIFACTS, 'hostile-detections.png') });

  // Rankings: every account, CSV too.
  await page.goto(`/#/case/${encodeURIComponent(id)}/rankings`);
  await expect(page.locator(`[data-testid=rank-row][data-name="o'brien"]`)).toHaveCount(1);
  const ranks = await downloaded(page, () => page.getByTestId('rankings-csv').click());
  const rankRows = expectFormulaSafe(ranks.text, 'rankings CSV');
  for (const name of graphPayloads) expect(rankRows.some((r) => r[0] === name)).toBe(true);

  // Timeline: both downloads.
  await page.goto(`/#/case/${encodeURIComponent(id)}/timeline`);
  for (const which of ['download-summary', 'download-details']) {
    const t = await downloaded(page, () => page.getByTestId(which).click());
    const rows = expectFormulaSafe(t.text, which);
    expect(rows.some((r) => r[0] === "o'brien")).toBe(true);
  }

  // Sigma: hits on the hostile log, their fields as text, the CSV and JSON exports.
  await page.goto(`/#/case/${encodeURIComponent(id)}/sigma`);
  await expect(page.getByTestId('sigma-results')).toBeVisible({ timeout: 60_000 });
  expect(Number(await page.getByTestId('sigma-results').getAttribute('data-hits'))).toBeGreaterThan(0);
  const hits = await downloaded(page, () => page.getByTestId('sigma-export-csv').click());
  expectFormulaSafe(hits.text, 'Sigma hits CSV');
  expect(containsHostile(hits.text).length, 'payloads in the Sigma hits').toBeGreaterThan(0);
  const json = await downloaded(page, () => page.getByTestId('sigma-export-json').click());
  expect(() => JSON.parse(json.text)).not.toThrow();
  const raw = page.getByTestId('sigma-raw-toggle').first();
  await raw.click();
  await expect(page.getByTestId('sigma-raw').first()).toBeVisible();
  await expectNoInjectedMarkup(page);
  await page.screenshot({ path: join(ARTIFACTS, 'hostile-sigma.png') });

  expect(dialogs).toEqual([]);
});
