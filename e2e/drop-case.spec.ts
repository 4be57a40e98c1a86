import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { writeEvtxFile } from '../src/core/evtx/writer/file';
import { createScenario } from '../src/core/generator';
import { expect, test } from './support';

/**
 * Files dropped on the page go where the view says: on the Cases view they make a new case; with a
 * case open the page asks first, then adds them to it (or makes a new case, or opens the record
 * table). The record table's own drop is drop.spec.ts.
 */

let dir: string;
let first: string;
let second: string;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'logonlens-drop-'));
  first = join(dir, 'monday.evtx');
  second = join(dir, 'tuesday.evtx');
  await writeEvtxFile(first, createScenario({ seed: 21, users: 12, workstations: 6, servers: 1, domainControllers: 1, days: 1, start: '2024-06-03', attacks: [] }).events());
  await writeEvtxFile(second, createScenario({ seed: 22, users: 12, workstations: 6, servers: 1, domainControllers: 1, days: 1, start: '2024-06-04', attacks: ['dcsync'] }).events());
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Drags `path` over the page's main area and drops it; returns after the drop. */
async function drop(page: Page, path: string, overlay: string) {
  const dataTransfer = await page.evaluateHandle(
    ({ name, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name));
      return dt;
    },
    { name: path.split('/').pop()!, base64: readFileSync(path).toString('base64') },
  );
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await expect(page.getByText(overlay)).toBeVisible();
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer });
  await expect(page.getByText(overlay)).toHaveCount(0);
}

test('dropping files makes a case on the Cases view, and adds to the open case after asking', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/#/cases');
  await expect(page.getByTestId('no-cases')).toBeVisible();
  const panel = page.getByTestId('cases-panel');

  await drop(page, first, 'Drop .evtx or .xml files to create a case from them');
  await expect(panel).toHaveAttribute('data-imports-finished', '1', { timeout: 60_000 });
  await expect(page.getByTestId('summary-name')).toHaveText('monday');
  await expect(page.getByTestId('summary-sources')).toHaveAttribute('data-value', '1');
  const id = (await page.getByTestId('case-summary').getAttribute('data-case-id'))!;

  // With the case's graph shown, a drop asks: cancel leaves everything as it was.
  await page.goto(`/#/case/${encodeURIComponent(id)}/graph`);
  await expect(page.getByTestId('graph-view')).toHaveAttribute('data-status', 'done');
  await drop(page, second, 'Drop .evtx or .xml files to add them to this case (you will be asked)');
  const dialog = page.getByTestId('drop-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Add 1 file(s) to the case "monday"?');
  await expect(dialog).toContainText('tuesday.evtx');
  await page.getByTestId('drop-cancel').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('graph-view')).toBeVisible();

  // Again, and add: the Cases view shows the import, then the case with both files.
  await drop(page, second, 'Drop .evtx or .xml files to add them to this case (you will be asked)');
  await page.getByTestId('drop-add').click();
  await expect(page).toHaveURL(/#\/cases$/);
  await expect(panel).toHaveAttribute('data-imports-finished', '1', { timeout: 60_000 });
  await expect(page.getByTestId('summary-name')).toHaveText('monday');
  await expect(page.getByTestId('summary-sources')).toHaveAttribute('data-value', '2');
  await expect(page.getByTestId('detection-kinds')).toContainText('DCSync');
  await expect(page.locator('[data-testid=case-row]')).toHaveCount(1);

  // The record table keeps its own drop: there the file is only read.
  await page.goto('/#/records');
  await drop(page, first, 'Drop .evtx or .xml files to open them');
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'done');
});
