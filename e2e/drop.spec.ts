import { readFileSync } from 'node:fs';
import { corpus, coreParse, count, expect, HAVE_CORPUS, NO_CORPUS, test } from './support';

test.skip(!HAVE_CORPUS, NO_CORPUS);

test('opens files dropped on the page', async ({ page }) => {
  const path = corpus('evtx-samples/Security_short_selected.evtx');
  const want = await coreParse(path);
  await page.goto('/');
  const dataTransfer = await page.evaluateHandle(
    ({ name, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name));
      dt.items.add(new File(['plain text'], 'readme.txt'));
      return dt;
    },
    { name: 'Security_short_selected.evtx', base64: readFileSync(path).toString('base64') },
  );
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await expect(page.getByText('Drop .evtx or .xml files to open them')).toBeVisible();
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer });
  await expect(page.getByText('Drop .evtx or .xml files to open them')).toHaveCount(0);
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'done');
  expect(await count(page, 'record-count')).toBe(want.rows.length);
  await expect(page.getByTestId('refused-file')).toHaveText(/^readme\.txt is not an EVTX file/);
});
