import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memorySource, openEvtx, readChunk, renderXml } from '../src/core/evtx';
import { readEventXml } from '../src/core/xml';
import { corpus, count, expect, HAVE_CORPUS, NO_CORPUS, openFiles, test } from './support';

test.skip(!HAVE_CORPUS, NO_CORPUS);

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'logonlens-e2e-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An Event Viewer "Save All Events As… XML" export of a corpus EVTX file, made with the core renderer. */
async function exportXml(evtx: string): Promise<string> {
  const source = memorySource(new Uint8Array(readFileSync(evtx)), 'x');
  const layout = await openEvtx(source);
  const events: string[] = [];
  for (let i = 0; i < layout.blocks; i++) events.push(...(await readChunk(source, layout, i, (r) => renderXml(r.nodes).trim())).items);
  return `<?xml version="1.0" encoding="UTF-8"?>\r\n<Events>\r\n${events.join('\r\n')}\r\n</Events>\r\n`;
}

function utf16le(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

test('opens Event Viewer XML exports (UTF-8 and UTF-16) and shows an event', async ({ page }) => {
  const text = await exportXml(corpus('evtx-samples/Security_short_selected.evtx'));
  const utf8Path = join(dir, 'export.xml');
  const utf16Path = join(dir, 'export-utf16.xml');
  writeFileSync(utf8Path, text);
  writeFileSync(utf16Path, utf16le(text));
  const ids: unknown[] = [];
  const want = await readEventXml(memorySource(new TextEncoder().encode(text), 'export.xml'), (json) =>
    ids.push(((json['Event'] as Record<string, Record<string, unknown>>)['System'] ?? {})['EventRecordID']),
  );
  expect(want.records).toBeGreaterThan(0);

  await page.goto('/');
  await openFiles(page, [utf8Path, utf16Path]);
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'done');
  expect(await count(page, 'record-count')).toBe(2 * want.records);
  expect(await count(page, 'problem-count')).toBe(2 * want.problems.length);

  // The last event of the UTF-16 file: its JSON, and its own XML text.
  await page.getByTestId('record-table').focus();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('record-json')).toContainText(`"EventRecordID": ${ids.at(-1)}`);
  await expect(page.getByTestId('record-xml')).toContainText(`<EventRecordID>${ids.at(-1)}</EventRecordID>`);
  await expect(page.getByTestId('record-xml')).not.toContainText('</Events>');
});

test('refuses an .xml file that holds no events', async ({ page }) => {
  const path = join(dir, 'settings.xml');
  writeFileSync(path, '<?xml version="1.0"?>\n<settings><theme>dark</theme></settings>\n');
  await page.goto('/');
  await openFiles(page, [path]);
  await expect(page.getByTestId('refused-file')).toHaveText(/^settings\.xml is neither an EVTX file nor Event Viewer XML/);
});
