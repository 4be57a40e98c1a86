import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { writeEvtxFile } from '../src/core/evtx/writer/file';
import { createScenario } from '../src/core/generator';
import { parseRoute, parseSearch } from '../src/ui/shell/params';
import { ARTIFACTS, expect, test } from './support';

/**
 * The shell: routing (reload keeps case, view and parameters; back/forward), theme and language
 * switches (remembered), keyboard shortcuts, and the analysis views: rankings sort, timeline CSV
 * (formula-escaped), detections linking into the graph.
 */

let dir: string;
let log: string;

/**
 * Two accounts renamed `-NAME`: a name LogonTracer's checks accept that a spreadsheet would run as a
 * formula (`=`, `+` are refused by its UCHECK; `@` reads as a UPN separator).
 */
let formulaNames: string[] = [];

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'logonlens-shell-'));
  log = join(dir, 'shell-domain.evtx');
  const events = [
    ...createScenario({ seed: 7, users: 40, workstations: 16, servers: 3, domainControllers: 1, days: 4, start: '2024-05-06', hostile: false, attacks: ['password-spraying', 'dcsync', 'new-domain-admin', 'audit-policy-change'] }).events(),
  ];
  const logons = new Map<string, number>();
  for (const e of events) {
    const n = e.fields['TargetUserName'];
    if (e.eventId === 4624 && typeof n === 'string' && /^[a-z]{3,}$/.test(n)) logons.set(n, (logons.get(n) ?? 0) + 1);
  }
  const [a, b] = [...logons].sort((x, y) => y[1] - x[1]).map(([n]) => n);
  const rename = new Map([[a!, `-${a}`], [b!, `-1+${b}`.replace('+', '-')]]);
  formulaNames = [...rename.values()];
  const renamed = events.map((e) => ({ ...e, fields: Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k, typeof v === 'string' ? (rename.get(v) ?? v) : v])) }));
  await writeEvtxFile(log, renamed);
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const route = (page: Page) => parseRoute(new URL(page.url()).hash);

/** A key pressed with nothing focused (as an analyst would after clicking the page). */
async function shortcut(page: Page, key: string) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(key);
}

/** Creates a case from the generated log in the Cases view; returns its id. */
async function createCase(page: Page, name: string): Promise<string> {
  await page.goto('/');
  await page.getByTestId('cases-toggle').click();
  await expect(page).toHaveURL(/#\/cases$/);
  const panel = page.getByTestId('cases-panel');
  await expect(panel).toBeVisible();
  await page.getByLabel('Case name').fill(name);
  await page.getByTestId('new-case-files').setInputFiles(log);
  await expect(panel).toHaveAttribute('data-imports-finished', '1', { timeout: 60_000 });
  await expect(page.getByTestId('summary-name')).toHaveText(name);
  const id = await page.locator(`[data-testid=case-row][data-name="${name}"]`).getAttribute('data-case-id');
  expect(id).toBeTruthy();
  return id!;
}

test('routing: a case view in the URL survives reload, back and forward; tabs and shortcuts move between views', async ({ page }) => {
  const id = await createCase(page, 'routing case');

  // The case's name in the list opens its graph.
  await page.getByTestId('case-link').click();
  await expect(page).toHaveURL(new RegExp(`#/case/${id}/graph$`));
  await expect(page.getByTestId('case-view')).toHaveAttribute('data-view', 'graph');
  await expect(page.locator('[data-view=graph][aria-current=page]')).toBeVisible();

  // A tab: rankings; reload keeps case and view.
  await page.getByTestId('tab-rankings').click();
  await expect(page).toHaveURL(new RegExp(`#/case/${id}/rankings$`));
  await expect(page.getByTestId('rank-table')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('rank-table')).toBeVisible();
  expect(route(page)).toMatchObject({ caseId: id, view: 'rankings' });

  // Back to the graph, forward to the rankings again.
  await page.goBack();
  await expect(page.getByTestId('case-view')).toHaveAttribute('data-view', 'graph');
  expect(route(page).view).toBe('graph');
  await page.goForward();
  await expect(page.getByTestId('rank-table')).toBeVisible();

  // Shortcuts: t, d, then ? shows the list (and typing in a field does not switch views).
  await shortcut(page, 't');
  await expect(page).toHaveURL(new RegExp(`#/case/${id}/timeline`));
  await expect(page.getByTestId('timeline')).toBeVisible();
  await shortcut(page, 'd');
  await expect(page).toHaveURL(new RegExp(`#/case/${id}/detections`));
  await page.getByLabel('Filter by name').fill('t');
  await expect(page).toHaveURL(/detections\?q=t$/);
  await shortcut(page, '?');
  await expect(page.getByTestId('shortcuts-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts-dialog')).toBeHidden();
  await shortcut(page, '/');
  await expect(page.getByLabel('Filter by name')).toBeFocused();
  await page.keyboard.press('r'); // typed into the box, not a shortcut
  await expect(page.getByLabel('Filter by name')).toHaveValue('r');
  expect(route(page).view).toBe('detections');
  await shortcut(page, 'c');
  await expect(page).toHaveURL(/#\/cases$/);
  await shortcut(page, 'l');
  await expect(page).toHaveURL(/#\/records$/);
  await expect(page.getByLabel('Open EVTX or XML files')).toBeVisible();
  // The case is still the open one: g goes back to its graph.
  await shortcut(page, 'g');
  await expect(page).toHaveURL(new RegExp(`#/case/${id}/graph`));
});

test('theme and language switches: data-theme, Japanese text, both remembered', async ({ page }) => {
  await page.goto('/');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.getByTestId('theme-select').selectOption('dark');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  const bg = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--bg').trim());
  expect(bg).toBe('#111418');
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('theme-select').selectOption('system');
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(html).toHaveAttribute('data-theme', 'light');

  await expect(page.getByTestId('cases-toggle')).toHaveText('Cases');
  await page.getByTestId('language-select').selectOption('ja');
  await expect(page.getByTestId('cases-toggle')).toHaveText('ケース');
  await expect(page.getByRole('navigation', { name: 'ビュー' })).toBeVisible();
  await expect(html).toHaveAttribute('lang', 'ja');
  await page.reload();
  await expect(page.getByTestId('cases-toggle')).toHaveText('ケース');
  await page.getByTestId('language-select').selectOption('en');
  await expect(page.getByTestId('cases-toggle')).toHaveText('Cases');
});

test('rankings sort; timeline zoom and CSV downloads, formula-escaped; detections link to the graph', async ({ page }) => {
  test.setTimeout(180_000);
  const id = await createCase(page, 'analysis case');
  await page.goto(`/#/case/${id}/rankings`);
  const table = page.getByTestId('rank-table');
  await expect(table).toBeVisible();
  const column = (attr: string) => table.getByTestId('rank-row').evaluateAll((rows, a) => rows.map((r) => r.getAttribute(a)!), attr);

  // Default: LogonTracer's rank, highest first.
  const ranks = (await column('data-rank')).map(Number);
  expect(ranks.length).toBeGreaterThan(10);
  expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  // ChangeFinder max, highest first, then lowest first; names A→Z; kept in the URL over a reload.
  await page.getByTestId('sort-cf').click();
  await expect(table).toHaveAttribute('data-sort', 'cf');
  let cf = (await column('data-cf')).map(Number);
  expect(cf).toEqual([...cf].sort((a, b) => b - a));
  await page.getByTestId('sort-cf').click();
  await expect(table).toHaveAttribute('data-dir', 'asc');
  cf = (await column('data-cf')).map(Number);
  expect(cf).toEqual([...cf].sort((a, b) => a - b));
  await page.getByTestId('sort-name').click();
  await page.reload();
  await expect(table).toHaveAttribute('data-sort', 'name');
  const names = await column('data-name');
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  await expect(page.locator('th[aria-sort=ascending]')).toHaveCount(1);
  await page.screenshot({ path: join(ARTIFACTS, 'rankings.png') });
  // Hosts too.
  await page.getByTestId('kind-host').check();
  await expect(table).toHaveAttribute('data-kind', 'host');
  expect(route(page).params.get('kind')).toBe('host');
  // A name opens the graph searching for it.
  const host = (await column('data-name'))[0]!;
  await table.getByTestId('rank-name').first().click();
  await expect.poll(() => route(page).view).toBe('graph');
  expect(parseSearch(route(page).params.get('search'))).toEqual([{ field: 'host', value: host, join: 'and' }]);

  // Timeline of the top account: a chart, zoomed with the buttons (in the URL), drastic hours marked.
  await page.goto(`/#/case/${id}/timeline`);
  await expect(page.getByTestId('timeline-chart')).toBeVisible();
  await page.getByTestId('zoom-in').click();
  await expect.poll(() => route(page).params.get('from')).toMatch(/^2024-05-\d\dT\d\d$/);
  const zoomed = await page.getByTestId('zoom-range').getAttribute('data-from');
  await page.reload();
  await expect(page.getByTestId('zoom-range')).toHaveAttribute('data-from', zoomed!);
  await page.getByTestId('zoom-reset').click();
  await expect.poll(() => route(page).params.has('from')).toBe(false);
  await page.screenshot({ path: join(ARTIFACTS, 'timeline-light.png'), fullPage: true });
  await page.getByTestId('theme-select').selectOption('dark');
  await page.screenshot({ path: join(ARTIFACTS, 'timeline-dark.png'), fullPage: true });
  await page.getByTestId('theme-select').selectOption('system');
  // Drag across the chart: zoom to those hours.
  const box = (await page.getByTestId('timeline-chart').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => route(page).params.has('to')).toBe(true);

  // The summary and detailed CSVs: every account; no cell can start a formula.
  const csvOf = async (testId: string) => {
    const download = page.waitForEvent('download');
    await page.getByTestId(testId).click();
    const d = await download;
    const path = join(dir, d.suggestedFilename());
    await d.saveAs(path);
    return { name: d.suggestedFilename(), text: readFileSync(path, 'utf8') };
  };
  const summary = await csvOf('download-summary');
  expect(summary.name).toBe('analysis case-timeline.csv');
  expect(summary.text.startsWith('\uFEFFusername,2024-05-')).toBe(true);
  const lines = summary.text.slice(1).split('\r\n').filter(Boolean);
  expect(lines.length).toBeGreaterThan(20);
  for (const l of lines.slice(1)) expect(l).toMatch(/,\d+\.0$/);
  const firstCells = lines.slice(1).map((l) => l.slice(0, l.indexOf(',')));
  expect(firstCells.filter((c) => /^"?[=+\-@\t\r]/.test(c))).toEqual([]);
  for (const n of formulaNames) expect(firstCells).toContain(`'${n}`);
  const details = await csvOf('download-details');
  const dl = details.text.slice(1).split('\r\n').filter(Boolean);
  expect(dl[0]).toMatch(/^username,id,2024-05-/);
  expect(dl.length).toBe(1 + 5 * (lines.length - 1));
  expect(dl.slice(1, 6).map((l) => l.match(/,(\d{4}),/)?.[1])).toEqual(['4624', '4625', '4768', '4769', '4776']);
  for (const n of formulaNames) expect(dl.filter((l) => l.startsWith(`'${n},4624,`))).toHaveLength(1);
  // Hosts have their own pair of downloads.
  await page.getByTestId('kind-host').check();
  await expect(page.getByTestId('timeline-chart')).toBeVisible();
  const hosts = await csvOf('download-summary');
  expect(hosts.name).toBe('analysis case-timeline-hosts.csv');
  expect(hosts.text.slice(1)).toMatch(/^host,2024-05-/);

  // Detections: filter to DCSync, the account opens the graph on it.
  await page.goto(`/#/case/${id}/detections`);
  await expect(page.getByTestId('detection-table')).toBeVisible();
  await page.getByTestId('detection-kind').selectOption('dcsync');
  await expect(page).toHaveURL(/detections\?kind=dcsync$/);
  const rows = page.getByTestId('detection-row');
  await expect(rows.first()).toBeVisible();
  await page.screenshot({ path: join(ARTIFACTS, 'detections.png') });
  expect(new Set(await rows.evaluateAll((r) => r.map((x) => x.getAttribute('data-kind'))))).toEqual(new Set(['dcsync']));
  const account = (await rows.first().getByTestId('detection-account').textContent())!;
  await rows.first().getByTestId('detection-account').click();
  await expect.poll(() => route(page).view).toBe('graph');
  expect(route(page).caseId).toBe(id);
  expect(parseSearch(route(page).params.get('search'))).toEqual([{ field: 'account', value: account, join: 'and' }]);
  // Back returns to the filtered list.
  await page.goBack();
  await expect(page.getByTestId('detection-kind')).toHaveValue('dcsync');
});
