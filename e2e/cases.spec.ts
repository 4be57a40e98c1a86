import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { CaseAccumulator } from '../src/core/case/accumulator';
import { buildEdges } from '../src/core/case/edges';
import { decodeCaseFile } from '../src/core/case/case-file';
import { importSources } from '../src/core/case/import';
import { userNodes } from '../src/core/case/users';
import { memorySource } from '../src/core/evtx';
import { writeEvtxFile } from '../src/core/evtx/writer/file';
import { createScenario } from '../src/core/generator';
import { expect, test } from './support';

/**
 * Cases persist in IndexedDB: import, reload, the case is there with the same counts; a cancelled
 * import, and a refused file leave it unchanged; the same file twice adds nothing; a
 * case exported and imported again is the same case; deleted, it is gone after a reload.
 */

let dir: string;
let small: string;
let large: string;
let largeBytes: number;
let notes: string;
let want: { events: number; users: number; hosts: number; edges: number };

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dir = mkdtempSync(join(tmpdir(), 'logonlens-cases-'));
  small = join(dir, 'small-domain.evtx');
  await writeEvtxFile(small, createScenario({ seed: 5, users: 40, workstations: 20, servers: 3, domainControllers: 1, days: 3, start: '2024-03-04', hostile: true, attacks: ['password-spraying', 'dcsync', 'new-domain-admin'] }).events());
  // Big enough (~240 MB) that an import is still reading when Cancel is pressed.
  large = join(dir, 'large-domain.evtx');
  largeBytes = (await writeEvtxFile(large, createScenario({ seed: 11, users: 800, workstations: 600, servers: 30, domainControllers: 2, days: 10, start: '2024-04-01', attacks: [] }).events())).bytes;
  notes = join(dir, 'notes "=cmd|x".txt');
  writeFileSync(notes, 'not a log at all\n');

  // What the case should hold, computed in this process from the same file.
  const acc = new CaseAccumulator({ tzHours: 0, from: null, to: null });
  await importSources(acc, [memorySource(new Uint8Array(readFileSync(small)), 'small-domain.evtx')]);
  // (Counted without analyze(): Playwright's Node loader cannot resolve graphology-metrics' subpath import.)
  const t = buildEdges(acc);
  want = { events: acc.logonCount, users: userNodes(acc).length, hosts: t.hosts.length, edges: t.edges.length };
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const value = async (page: Page, testId: string) => Number(await page.getByTestId(testId).getAttribute('data-value'));

async function counts(page: Page) {
  await expect(page.getByTestId('case-summary')).toBeVisible();
  return { events: await value(page, 'summary-events'), users: await value(page, 'summary-users'), hosts: await value(page, 'summary-hosts'), edges: await value(page, 'summary-edges') };
}

async function showCases(page: Page) {
  await page.goto('/');
  await page.getByTestId('cases-toggle').click();
  await expect(page.getByTestId('cases-panel')).toBeVisible();
}

const row = (page: Page, name: string) => page.locator(`[data-testid=case-row][data-name="${name.replace(/"/g, '\\"')}"]`);

async function openCase(page: Page, name: string) {
  await page.getByRole('button', { name: `Open ${name}`, exact: true }).click();
  await expect(page.getByTestId('summary-name')).toHaveText(name);
}

/** Runs `start` and waits until the import it starts has finished (done, cancelled or failed). */
async function importAndWait(page: Page, start: () => Promise<unknown>, then?: () => Promise<unknown>) {
  const panel = page.getByTestId('cases-panel');
  const before = Number(await panel.getAttribute('data-imports-finished'));
  await start();
  await then?.();
  await expect(panel).toHaveAttribute('data-imports-finished', String(before + 1), { timeout: 170_000 });
  await expect(page.getByTestId('import-progress')).toHaveCount(0);
}

const started = (page: Page) =>
  expect.poll(async () => Number((await page.getByTestId('import-progress-text').getAttribute('data-records', { timeout: 100 }).catch(() => '0')) ?? 0), { timeout: 60_000, intervals: [50] }).toBeGreaterThan(0);

const NAME = 'Case "one" <b>x</b> =cmd|x';

test('a case persists across reloads; cancel, refused file and re-import leave it unchanged; export, import, delete', async ({ page }) => {
  test.setTimeout(300_000);
  await showCases(page);
  await expect(page.getByTestId('no-cases')).toBeVisible();

  // Create from a generated log.
  await page.getByLabel('Case name').fill(NAME);
  await importAndWait(page, () => page.getByTestId('new-case-files').setInputFiles(small));
  await expect(page.getByTestId('case-notice')).toHaveAttribute('data-kind', 'info');
  expect(await counts(page)).toEqual(want);
  await expect(page.getByTestId('summary-name')).toHaveText(NAME); // text, not markup
  await expect(page.getByTestId('top-users').locator('tbody tr')).toHaveCount(10);
  expect(await value(page, 'summary-detections')).toBeGreaterThan(0);

  // Reload: listed (the hash keeps the Cases view), and it opens with the same counts.
  await page.reload();
  await expect(row(page, NAME)).toBeVisible();
  expect(Number(await row(page, NAME).getByTestId('case-events').getAttribute('data-value'))).toBe(want.events);
  expect(Number(await row(page, NAME).getByTestId('case-bytes').getAttribute('data-value'))).toBeGreaterThan(want.events * 30);
  await openCase(page, NAME);
  expect(await counts(page)).toEqual(want);

  // A large import into it, cancelled while reading: nothing changes, now or after a reload.
  await importAndWait(
    page,
    () => page.getByTestId('case-add-files').setInputFiles(large),
    async () => {
      await started(page);
      await expect(page.getByTestId('import-progress')).toHaveAttribute('data-phase', 'reading');
      await page.getByTestId('import-cancel').click();
    },
  );
  await expect(page.getByTestId('case-notice')).toContainText('cancelled');
  expect(await counts(page)).toEqual(want);
  await page.reload();
  await openCase(page, NAME);
  expect(await counts(page)).toEqual(want);
  expect(await value(page, 'summary-sources')).toBe(1);

  // Closing the tab mid-import (here: a reload) leaves it unchanged too: nothing is written before the end.
  await page.getByTestId('case-add-files').setInputFiles(large);
  await started(page);
  await page.reload();
  await openCase(page, NAME);
  expect(await counts(page)).toEqual(want);
  expect(await value(page, 'summary-sources')).toBe(1);

  // The same file again: read, recognised, nothing doubled.
  await importAndWait(page, () => page.getByTestId('case-add-files').setInputFiles(small));
  await expect(page.getByTestId('case-notice')).toContainText(' 0 taken into the case');
  expect(await counts(page)).toEqual(want);
  expect(await value(page, 'summary-sources')).toBe(2);

  // A file that is no log: refused, named, the case unchanged.
  await importAndWait(page, () => page.getByTestId('case-add-files').setInputFiles([small, notes]));
  await expect(page.getByTestId('case-notice')).toHaveAttribute('data-kind', 'error');
  await expect(page.getByTestId('case-notice')).toContainText('notes "=cmd|x".txt is not an EVTX file');
  await expect(page.getByTestId('case-notice')).toContainText('the case is as it was before');
  await page.reload();
  await openCase(page, NAME);
  expect(await counts(page)).toEqual(want);
  expect(await value(page, 'summary-sources')).toBe(2);

  // Export to one file (checked here with the decoder), import it as a second case: same counts.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: `Export ${NAME}`, exact: true }).click();
  const file = join(dir, 'exported.llcase');
  await (await download).saveAs(file);
  const exported = decodeCaseFile(new Uint8Array(readFileSync(file)));
  expect(exported.columns.time.length).toBe(want.events);
  expect(exported.sources.map((s) => s.name)).toEqual(['small-domain.evtx', 'small-domain.evtx']);
  const copy = join(dir, 'copy of case.llcase');
  writeFileSync(copy, readFileSync(file));
  await page.getByTestId('case-file-input').setInputFiles(copy);
  await expect(row(page, 'copy of case')).toBeVisible();
  await openCase(page, 'copy of case');
  expect(await counts(page)).toEqual(want);
  // A log file offered as a case file is refused with a clear message.
  await page.getByTestId('case-file-input').setInputFiles(small);
  await expect(page.getByTestId('case-notice')).toContainText('not a LogonLens case file');

  // Rename, then delete both (confirmed): gone, and still gone after a reload.
  await page.getByRole('button', { name: 'Rename copy of case', exact: true }).click();
  await page.getByLabel('New name for copy of case').fill('renamed copy');
  await page.keyboard.press('Enter');
  await expect(row(page, 'renamed copy')).toBeVisible();
  page.on('dialog', (d) => void d.accept());
  for (const name of ['renamed copy', NAME]) {
    await page.getByRole('button', { name: `Delete ${name}`, exact: true }).click();
    await expect(row(page, name)).toHaveCount(0);
  }
  await expect(page.getByTestId('case-summary')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('no-cases')).toBeVisible();
});

test('imports a large generated log: timings', async ({ page }) => {
  test.setTimeout(300_000);
  await showCases(page);
  await page.getByLabel('Case name').fill('large');
  const t0 = Date.now();
  await importAndWait(page, () => page.getByTestId('new-case-files').setInputFiles(large));
  const wall = Date.now() - t0;
  const notice = await page.getByTestId('case-notice').textContent();
  expect(notice).toMatch(/^Imported/);
  const events = await value(page, 'summary-events');
  console.log(`large import: ${(largeBytes / 2 ** 20).toFixed(0)} MiB, ${events} logon events, ${wall} ms in the page; ${notice}`);
  // Reopening after a reload reads the stored case, no parsing.
  await page.reload();
  const t1 = Date.now();
  await openCase(page, 'large');
  console.log(`large case reopened after a reload in ${Date.now() - t1} ms`);
  expect(await value(page, 'summary-events')).toBe(events);
  page.on('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Delete large', exact: true }).click();
  await expect(page.getByTestId('no-cases')).toBeVisible();
});
