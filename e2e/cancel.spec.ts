import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLargeEvtx, corpus, coreParse, count, expect, HAVE_CORPUS, NO_CORPUS, openFiles, test } from './support';

test.skip(!HAVE_CORPUS, NO_CORPUS);

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'logonlens-e2e-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('cancels a long parse and stays usable', async ({ page }) => {
  const big = join(dir, 'large.evtx');
  const size = buildLargeEvtx(big, 300 * 1024 * 1024);
  expect(size).toBeGreaterThanOrEqual(300 * 1024 * 1024);

  await page.goto('/');
  await openFiles(page, [big], { wait: false });
  const progress = page.getByTestId('progress');
  await expect(progress).toBeVisible();
  await expect.poll(() => count(page, 'record-count')).toBeGreaterThan(0);
  const before = Number(await progress.getAttribute('data-percent'));
  expect(before).toBeLessThan(100);
  await page.getByTestId('cancel').click();

  const status = page.getByTestId('status');
  await expect(status).toHaveAttribute('data-status', 'cancelled');
  await expect(status).toContainText('Cancelled');
  await expect(page.getByTestId('cancel')).toHaveCount(0);
  expect(Number(await progress.getAttribute('data-percent'))).toBeLessThan(100);

  // Nothing more arrives after the cancel, and the page answers at once.
  const kept = await count(page, 'record-count');
  expect(kept).toBeGreaterThan(0);
  const t0 = Date.now();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  expect(Date.now() - t0).toBeLessThan(2000);
  await page.waitForTimeout(1000);
  expect(await count(page, 'record-count')).toBe(kept);

  // A small file opened next parses completely on the fresh workers.
  const small = corpus('evtx-samples/Security_short_selected.evtx');
  const want = await coreParse(small);
  await openFiles(page, [small]);
  await expect(status).toHaveAttribute('data-status', 'done');
  expect(await count(page, 'record-count')).toBe(want.rows.length);
  await page.locator('#record-row-0').click();
  await expect(page.getByTestId('record-json')).toContainText(`"EventRecordID": ${want.eventRecordIds[0]}`);
});
