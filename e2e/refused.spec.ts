import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpus, coreParse, count, expect, HAVE_CORPUS, NO_CORPUS, openFiles, test } from './support';

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'logonlens-e2e-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('refuses a non-EVTX file by name', async ({ page }) => {
  const notes = join(dir, 'notes.txt');
  writeFileSync(notes, 'These are not the logs you are looking for.\n');
  await page.goto('/');
  await openFiles(page, [notes]);
  const refused = page.getByTestId('refused-file');
  await expect(refused).toHaveCount(1);
  await expect(refused).toHaveText(/^notes\.txt is not an EVTX file: it does not start with the EVTX signature/);
  await expect(page.getByRole('alert').filter({ hasText: 'notes.txt' })).toBeVisible();
  expect(await count(page, 'refused-count')).toBe(1);
  expect(await count(page, 'record-count')).toBe(0);
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'done');
});

test('parses the other files when one is refused', async ({ page }) => {
  test.skip(!HAVE_CORPUS, NO_CORPUS);
  const fake = join(dir, 'fake.evtx');
  writeFileSync(fake, 'ElfFile');
  const good = corpus('evtx-samples/Security_short_selected.evtx');
  const want = await coreParse(good);
  await page.goto('/');
  await openFiles(page, [fake, good]);
  await expect(page.getByTestId('refused-file')).toHaveText(/^fake\.evtx is not an EVTX file/);
  expect(await count(page, 'record-count')).toBe(want.rows.length);
  expect(await count(page, 'file-count')).toBe(1);
});
