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

/** Where the table's rows are, relative to the bottom of its header. */
async function visibleRows(page: import('@playwright/test').Page) {
  return page.evaluate(() => {
    const table = document.querySelector('[data-testid=record-table]')!;
    const top = table.querySelector('.records-head')!.getBoundingClientRect().bottom;
    const bottom = table.getBoundingClientRect().bottom;
    const rows = [...table.querySelectorAll<HTMLElement>('[data-testid=record-row]')].map((r) => ({ index: Number(r.id.replace('record-row-', '')), id: r.dataset['recordId'], box: r.getBoundingClientRect() }));
    const inView = rows.filter((r) => r.box.top >= top - 1 && r.box.bottom <= bottom + 1);
    const none = { index: -1, id: undefined };
    return { scrollHeight: table.scrollHeight, rendered: rows.length, first: inView[0] ?? none, last: inView.at(-1) ?? none };
  });
}

test('scrolls a table taller than the browser can draw exactly (scaled), to the last row', async ({ page }) => {
  test.setTimeout(180_000);
  // ~180 MB: about 200,000 rows, 5 million pixels of rows at 26 px: past the 4 million px scaling threshold.
  const big = join(dir, 'many-rows.evtx');
  buildLargeEvtx(big, 180 * 1024 * 1024);
  const one = await coreParse(corpus('evtx-samples/security.evtx'));

  await page.goto('/');
  await openFiles(page, [big]);
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'done');
  const rows = await count(page, 'record-count');
  expect(rows * 26).toBeGreaterThan(4_000_000);
  expect(rows % one.rows.length).toBe(0);

  const table = page.getByTestId('record-table');
  await table.focus();
  await page.keyboard.press('End');
  await expect(page.locator(`#record-row-${rows - 1}`)).toBeVisible();
  let seen = await visibleRows(page);
  expect(seen.scrollHeight).toBeLessThanOrEqual(4_000_000 + 30);
  expect(seen.rendered).toBeLessThan(100);
  expect(seen.last.index).toBe(rows - 1);
  expect(seen.last.id).toBe(String(one.rows.at(-1)!.recordId));

  // The wheel moves by its own distance in rows (10 rows of 26 px), not by the scale.
  const before = seen.first.index;
  await table.hover();
  await page.mouse.wheel(0, -260);
  await expect.poll(async () => (await visibleRows(page)).first.index).toBe(before - 10);

  // Enter shows the record under the cursor: the last one.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('record-json')).toContainText(`"EventRecordID": ${one.eventRecordIds.at(-1)}`);

  // Rows stay 26 px apart in the middle of the table too.
  await table.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await expect.poll(async () => (await visibleRows(page)).first.index).toBeGreaterThan(rows / 2 - 100);
  const gaps = await page.evaluate(() => {
    const ys = [...document.querySelectorAll('[data-testid=record-row]')].map((r) => r.getBoundingClientRect().top);
    return [...new Set(ys.slice(1).map((y, i) => Math.round((y - ys[i]!) * 100) / 100))];
  });
  expect(gaps).toEqual([26]);
  await page.keyboard.press('Home');
  await expect(page.locator('#record-row-0')).toBeVisible();
});
