import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test as base } from '@playwright/test';
import { crc32, type JsonObject, memorySource, openEvtx, type Problem, readChunk, recordRow, type RecordRow, renderJson } from '../src/core/evtx';
import { evtxFilesUnder } from '../src/core/evtx/testing/corpus';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
/** The shared corpus, read in place (its licences forbid copying it into the repository). */
export const CORPUS = resolve(ROOT, '../shared/corpus');
export const HAVE_CORPUS = existsSync(join(CORPUS, 'evtx-samples'));
export const NO_CORPUS = `corpus folder ${CORPUS} is absent: test skipped`;
export const ARTIFACTS = join(ROOT, 'e2e/artifacts');

export const corpus = (relative: string) => join(CORPUS, relative);

/** Every .evtx file under a corpus folder, sorted. */
export const corpusEvtx = (dir: string): string[] => evtxFilesUnder(join(CORPUS, dir));

export interface CoreParse {
  rows: RecordRow[];
  /** Event/System/EventRecordID of each record's JSON (it may differ from the record header's id in `rows`). */
  eventRecordIds: unknown[];
  problems: Problem[];
}

/** What the core parser reads from a file, in this (Node) process: the reference for the page. */
export async function coreParse(path: string): Promise<CoreParse> {
  const name = path.split('/').pop()!;
  const source = memorySource(new Uint8Array(readFileSync(path)), name);
  const layout = await openEvtx(source);
  const out: CoreParse = { rows: [], eventRecordIds: [], problems: [...layout.problems] };
  for (let i = 0; i < layout.blocks; i++) {
    const o = await readChunk(source, layout, i, (r) => {
      const system = ((renderJson(r.nodes)['Event'] as JsonObject | undefined)?.['System'] ?? {}) as JsonObject;
      return { row: recordRow(r), id: system['EventRecordID'] };
    });
    for (const item of o.items) {
      out.rows.push(item.row);
      out.eventRecordIds.push(item.id);
    }
    out.problems.push(...o.problems);
  }
  return out;
}

/**
 * Writes a large EVTX file of at least `bytes`: security.evtx's chunks repeated after its header,
 * whose chunk count and checksum are set to match. Returns its size.
 */
export function buildLargeEvtx(path: string, bytes: number, from = corpus('evtx-samples/security.evtx')): number {
  const HEADER = 4096;
  const CHUNK = 65536;
  const src = readFileSync(from);
  const header = new Uint8Array(src.subarray(0, HEADER));
  const chunks = src.subarray(HEADER, HEADER + Math.floor((src.length - HEADER) / CHUNK) * CHUNK);
  const repeats = Math.ceil((bytes - HEADER) / chunks.length);
  const view = new DataView(header.buffer);
  view.setUint16(42, Math.min(0xffff, repeats * (chunks.length / CHUNK)), true);
  view.setUint32(124, crc32(header, 0, 120), true);
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, header);
    for (let i = 0; i < repeats; i++) writeSync(fd, chunks);
  } finally {
    closeSync(fd);
  }
  return HEADER + repeats * chunks.length;
}

/** The number shown in a count (data-testid="record-count" etc.). */
export async function count(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).getAttribute('data-value'));
}

/** Opens files with the page's file input and waits until the parse ends (done or cancelled). */
export async function openFiles(page: Page, files: string[], opts: { wait?: boolean } = {}): Promise<void> {
  await page.getByLabel('Open EVTX or XML files').setInputFiles(files);
  if (opts.wait !== false) await expect(page.getByTestId('status')).toHaveAttribute('data-status', /^(done|cancelled|failed)$/, { timeout: 90_000 });
}

/**
 * The page fixture of every spec: it records Content-Security-Policy violations (from the page and
 * its workers) and uncaught page errors, and fails the test if there were any.
 */
export const test = base.extend<{ guard: void }>({
  guard: [
    async ({ page }, use) => {
      const violations: string[] = [];
      const errors: string[] = [];
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) =>
          console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`),
        );
      });
      page.on('console', (m) => {
        const text = m.text();
        if (/content security policy|csp violation/i.test(text)) violations.push(text);
      });
      page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
      await use();
      expect(violations, 'CSP violations logged in the console').toEqual([]);
      expect(errors, 'uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * Creates a case named `name` from `file` on the Cases view, whatever the UI's language, waits for its
 * import to finish and returns its id.
 */
export async function createCase(page: Page, name: string, file: string): Promise<string> {
  await page.goto('/#/cases');
  await page.getByTestId('new-case-name').fill(name);
  const panel = page.getByTestId('cases-panel');
  const before = Number(await panel.getAttribute('data-imports-finished'));
  await page.getByTestId('new-case-files').setInputFiles(file);
  await expect(panel).toHaveAttribute('data-imports-finished', String(before + 1), { timeout: 90_000 });
  const row = page.locator('[data-testid=case-row]').filter({ has: page.getByTestId('case-name').getByText(name, { exact: true }) });
  return (await row.getAttribute('data-case-id'))!;
}
