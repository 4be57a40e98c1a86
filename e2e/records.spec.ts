import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, corpus, corpusEvtx, coreParse, count, expect, HAVE_CORPUS, NO_CORPUS, openFiles, test } from './support';

test.skip(!HAVE_CORPUS, NO_CORPUS);

/** security.evtx and two attack samples (Lateral Movement first; 30 % of the set is held back). */
function inputs(): string[] {
  const attacks = [...corpusEvtx('attack-samples/Lateral Movement'), ...corpusEvtx('attack-samples')];
  return [corpus('evtx-samples/security.evtx'), ...[...new Set(attacks)].slice(0, 2)];
}

test('shows as many records and problems as the core parser reads', async ({ page }) => {
  const files = inputs();
  expect(files).toHaveLength(3);
  const want = await Promise.all(files.map(coreParse));
  const records = want.reduce((n, w) => n + w.rows.length, 0);
  const problems = want.reduce((n, w) => n + w.problems.length, 0);

  await page.goto('/');
  await expect(page).toHaveTitle('LogonLens');
  await openFiles(page, files);
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'done');
  expect(await count(page, 'record-count')).toBe(records);
  expect(await count(page, 'problem-count')).toBe(problems);
  expect(await count(page, 'file-count')).toBe(3);
  await expect(page.getByTestId('progress')).toHaveAttribute('data-percent', '100');
  await expect(page.getByTestId('progress-text')).toContainText('records/s');

  // The table is virtualized: a few dozen rows in the DOM, the first ones those of the first file.
  const rendered = await page.getByTestId('record-row').count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(200);
  await expect(page.locator('#record-row-0')).toHaveAttribute('data-record-id', String(want[0]!.rows[0]!.recordId));

  // The last row, reached with the keyboard, is the last record of the last file.
  await page.getByTestId('record-table').focus();
  await page.keyboard.press('End');
  const last = want[2]!.rows.at(-1)!;
  await expect(page.locator(`#record-row-${records - 1}`)).toHaveAttribute('data-record-id', String(last.recordId));

  mkdirSync(ARTIFACTS, { recursive: true });
  await page.keyboard.press('Home');
  await page.locator('#record-row-2').click();
  await expect(page.getByTestId('record-json')).toBeVisible();
  await page.screenshot({ path: join(ARTIFACTS, 'records-light.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: join(ARTIFACTS, 'records-dark.png') });
});

test('shows a selected record as JSON and XML, by mouse and by keyboard', async ({ page }) => {
  const file = corpus('evtx-samples/security.evtx');
  const core = await coreParse(file);
  const want = core.rows;
  const ids = core.eventRecordIds;
  await page.goto('/');
  await openFiles(page, [file]);

  await page.locator('#record-row-4').click();
  const json = page.getByTestId('record-json');
  await expect(json).toContainText(`"EventRecordID": ${ids[4]}`);
  await expect(page.getByTestId('record-xml')).toContainText(`<EventRecordID>${ids[4]}</EventRecordID>`);
  await expect(page.getByTestId('record-detail').getByRole('heading', { level: 2 })).toContainText(`Record ${want[4]!.recordId}`);
  // Pretty-printed, as text.
  const text = await json.textContent();
  expect(JSON.parse(text!).Event.System.EventRecordID).toBe(ids[4]);
  expect(text).toContain('\n  "Event": {');

  // Keyboard: arrows move the cursor, Enter shows the record.
  await page.getByTestId('record-table').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(json).toContainText(`"EventRecordID": ${ids[5]}`);
  await expect(page.locator('#record-row-5')).toHaveAttribute('aria-selected', 'true');

  // Far down the table (rows created on demand), the record still matches.
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await expect(json).toContainText(`"EventRecordID": ${ids.at(-1)}`);
});

test('lists a skipped chunk with its offset', async ({ page }) => {
  const file = corpus('evtx-samples/sample_with_a_bad_chunk_magic.evtx');
  const want = await coreParse(file);
  // The damaged chunk (its header's signature is wrong), not the all-zero slack chunks.
  const chunkProblems = want.problems.filter((p) => p.kind === 'chunk-skipped');
  const damaged = chunkProblems.filter((p) => !/empty/.test(p.message));
  const skipped = damaged.length ? damaged : chunkProblems;
  expect(skipped.length, 'the core reports a skipped chunk in this sample').toBeGreaterThan(0);

  await page.goto('/');
  await openFiles(page, [file]);
  expect(await count(page, 'record-count')).toBe(want.rows.length);
  expect(await count(page, 'problem-count')).toBe(want.problems.length);
  for (const p of skipped) {
    const row = page.getByTestId('problem-row').filter({ hasText: p.message }).filter({ hasText: `0x${p.offset.toString(16)}` });
    await expect(row).toHaveCount(1);
    await expect(row).toHaveAttribute('data-kind', 'chunk-skipped');
    await expect(row.getByRole('cell').nth(0)).toHaveText('sample_with_a_bad_chunk_magic.evtx');
    await expect(row.getByRole('cell').nth(1)).toHaveText(String(p.chunk));
    await expect(row.getByRole('cell').nth(2)).toHaveText(`0x${p.offset.toString(16)}`);
    await expect(row.getByRole('cell').nth(3)).toHaveText('Chunk skipped');
  }
  // In Japanese the kind is translated; the detail stays as the parser wrote it (quoted in reports).
  await page.getByTestId('language-select').selectOption('ja');
  const first = page.getByTestId('problem-row').filter({ hasText: skipped[0]!.message });
  await expect(first.getByRole('cell').nth(3)).toHaveText('チャンクをスキップ');
  await expect(first.getByRole('cell').nth(4)).toHaveText(skipped[0]!.message);
});
