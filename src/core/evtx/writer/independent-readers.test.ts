import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compare, readerEvents, undoLibunaSurrogateBug } from './reader-compare';
import { SECURITY_SCHEMAS } from './security-schemas';
import { type Expected, generateEvents, writeToMemory } from './test-events';

// (2) Two readers that share no code with ours (Debian's python3-evtx and libevtx-utils) read a
// written file, and every record must agree with what was written: EventRecordID, EventID, Computer,
// SystemTime and every event data value.

const PYTHON = '/usr/bin/python3';
const EVTX_DUMP = '/usr/bin/evtx_dump.py';
const EVTXEXPORT = '/usr/bin/evtxexport';
const hasPythonEvtx = existsSync(PYTHON) && existsSync(EVTX_DUMP);
const hasLibevtx = existsSync(EVTXEXPORT);
if (!hasPythonEvtx) console.log(`python3-evtx not installed (${EVTX_DUMP}): its comparison is skipped (apt-get install python3-evtx)`);
if (!hasLibevtx) console.log(`libevtx-utils not installed (${EVTXEXPORT}): its comparison is skipped (apt-get install libevtx-utils)`);

const dir = mkdtempSync(join(tmpdir(), 'evtx-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let written: { path: string; expected: Expected[] } | null = null;
async function file() {
  if (!written) {
    const { events, expected } = generateEvents(150, 7, true);
    const path = join(dir, 'written.evtx');
    writeFileSync(path, await writeToMemory(events));
    written = { path, expected };
  }
  return written;
}

/**
 * The bulk check: 2,000 records of every event id, in four files (four seeds) so that the slow
 * python-evtx (about 0.15 MB/s) runs on all cores at once.
 */
const BULK_FILES = 4;
const BULK_PER_ID = 500; // per file: 4 × 500 = 2,000 per event id
let bulk: { path: string; expected: Expected[] }[] | null = null;
async function bulkFiles() {
  if (!bulk) {
    bulk = [];
    for (let k = 0; k < BULK_FILES; k++) {
      const { events, expected } = generateEvents(BULK_PER_ID, 100 + k, false);
      const path = join(dir, `bulk-${k}.evtx`);
      writeFileSync(path, await writeToMemory(events));
      bulk.push({ path, expected });
    }
  }
  return bulk;
}

async function bulkCompare(reader: string, cmd: string, args: (path: string) => string[], fix?: (s: string) => string): Promise<void> {
  const files = await bulkFiles();
  const run = promisify(execFile);
  const outputs = await Promise.all(files.map((f) => run(cmd, args(f.path), { maxBuffer: 1 << 30, encoding: 'utf8' })));
  const diffs = files.flatMap((f, k) => compare(reader, readerEvents(outputs[k]!.stdout), f.expected, fix));
  const records = files.reduce((n, f) => n + f.expected.length, 0);
  console.log(`${reader}: ${records} records compared (${BULK_FILES * BULK_PER_ID} of each of ${SECURITY_SCHEMAS.size} event ids), ${diffs.length} mismatches`);
  expect(diffs.slice(0, 20)).toEqual([]);
  expect(records).toBe(BULK_FILES * BULK_PER_ID * SECURITY_SCHEMAS.size);
}

describe('EVTX writer: independent readers agree on 2,000 records of each event id', () => {
  it.skipIf(!hasPythonEvtx)('python-evtx', { timeout: 1_800_000 }, () => bulkCompare('python-evtx', PYTHON, (p) => [EVTX_DUMP, p]));
  it.skipIf(!hasLibevtx)('libevtx', { timeout: 600_000 }, () => bulkCompare('libevtx', EVTXEXPORT, (p) => ['-f', 'xml', p], undoLibunaSurrogateBug));
});

describe('EVTX writer: independent readers agree', () => {
  it.skipIf(!hasPythonEvtx)('python-evtx (evtx_dump.py) reads every record as written', async () => {
    const { path, expected } = await file();
    const xml = execFileSync(PYTHON, [EVTX_DUMP, path], { maxBuffer: 1 << 30, encoding: 'utf8' });
    const diffs = compare('python-evtx', readerEvents(xml), expected);
    console.log(`python-evtx: ${expected.length} records compared (${SECURITY_SCHEMAS.size} event ids), ${diffs.length} mismatches`);
    expect(diffs.slice(0, 20)).toEqual([]);
  }, 300_000);

  it.skipIf(!hasLibevtx)('libevtx (evtxexport -f xml) reads every record as written', async () => {
    const { path, expected } = await file();
    const xml = execFileSync(EVTXEXPORT, ['-f', 'xml', path], { maxBuffer: 1 << 30, encoding: 'utf8' });
    const diffs = compare('libevtx', readerEvents(xml), expected, undoLibunaSurrogateBug);
    console.log(`libevtx: ${expected.length} records compared (${SECURITY_SCHEMAS.size} event ids), ${diffs.length} mismatches`);
    expect(diffs.slice(0, 20)).toEqual([]);
  }, 300_000);

  it.skipIf(!hasLibevtx)('libevtx reads the last record of a chunk that is nearly full', async () => {
    // With these events a record used to end on the chunk's last byte, and libevtx dropped it.
    const { events, expected } = generateEvents(100, 5, false);
    const path = join(dir, 'full-chunk.evtx');
    writeFileSync(path, await writeToMemory(events));
    const xml = execFileSync(EVTXEXPORT, ['-f', 'xml', path], { maxBuffer: 1 << 30, encoding: 'utf8' });
    expect(compare('libevtx', readerEvents(xml), expected, undoLibunaSurrogateBug).slice(0, 20)).toEqual([]);
  }, 300_000);
});
