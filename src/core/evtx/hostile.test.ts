import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeFileSource } from '../../cli/node-source';
import { type ByteSource, memorySource, NotEvtxError, openEvtx, type Problem, readChunk } from '.';
import { CORPUS, hasCorpus } from './testing/corpus';
import { ChunkWriter, evtxFile, fileHeader } from './testing/evtx-writer';

const REPO = resolve(__dirname, '../../..');

/** Every block of a source: record ids and problems, the way the app reads a file. */
async function readAllBlocks(source: ByteSource): Promise<{ ids: number[]; problems: Problem[]; blocks: number }> {
  const layout = await openEvtx(source);
  const ids: number[] = [];
  const problems = [...layout.problems];
  for (let i = 0; i < layout.blocks; i++) {
    const outcome = await readChunk(source, layout, i, (r) => r.recordId);
    ids.push(...outcome.items);
    problems.push(...outcome.problems);
  }
  return { ids, problems, blocks: layout.blocks };
}

/** One real chunk (the corpus's smallest Security log) when the corpus is here, else a hand-made one. */
function oneChunkFile(): Uint8Array {
  const real = join(CORPUS, 'evtx-samples/Security_short_selected.evtx');
  if (hasCorpus && existsSync(real)) return new Uint8Array(readFileSync(real)).subarray(0, 4096 + 65536);
  const w = new ChunkWriter();
  for (let id = 1; id <= 3; id++) w.record(id, (w) => w.fragmentHeader().open('Event').closeStart().text(`event ${id}`).end().eof());
  return evtxFile([w.finish()]);
}

describe('inputs that are not EVTX', () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  const random = Uint8Array.from({ length: 100_000 }, (_, i) => (Math.imul(i + 1, 2654435761) >>> 13) & 0xff);
  const cases: [string, Uint8Array][] = [
    ['notes.txt', new TextEncoder().encode('Just some text, not a log.\n'.repeat(200))],
    ['image.png', png],
    ['random.bin', random],
    ['truncated-header.evtx', new TextEncoder().encode('ElfFile\0 and then nothing much')],
  ];
  it.each(cases)('%s: NotEvtxError naming the file', async (name, bytes) => {
    const error = await openEvtx(memorySource(bytes, name)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotEvtxError);
    expect((error as Error).message).toContain(name);
  });

  it('an empty file: NotEvtxError naming the file and saying it is empty', async () => {
    const error = await openEvtx(memorySource(new Uint8Array(0), 'empty.evtx')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotEvtxError);
    expect((error as Error).message).toMatch(/empty\.evtx.*empty/);
  });
});

describe('a file header and nothing else', () => {
  it('opens with zero blocks, zero records and no problems', async () => {
    const { ids, problems, blocks } = await readAllBlocks(memorySource(fileHeader(0), 'header-only.evtx'));
    expect(blocks).toBe(0);
    expect(ids).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('reports the missing chunks once when the header declares some', async () => {
    const { ids, problems } = await readAllBlocks(memorySource(fileHeader(3), 'header-only.evtx'));
    expect(ids).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ kind: 'file-header', chunk: -1, file: 'header-only.evtx' });
    expect(problems[0]!.message).toContain('declares 3 chunks');
  });
});

describe('a 5 GiB sparse file holding one real chunk', () => {
  let dir = '';
  const file = () => join(dir, 'sparse.evtx');
  const chunk = oneChunkFile();
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'logonlens-sparse-'));
    const handle = await open(file(), 'w');
    await handle.write(chunk, 0, chunk.length, 0);
    // Only the first 69,632 bytes are written: the rest is a hole, so the disk holds almost nothing.
    await handle.truncate(5 * 2 ** 30);
    await handle.close();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('gives exactly that chunk’s records, and no problem for each zero block past the header’s count', async () => {
    const expected = await readAllBlocks(memorySource(chunk, 'sparse.evtx'));
    expect(expected.ids.length).toBeGreaterThan(0);
    const source = await nodeFileSource(file());
    const started = performance.now();
    try {
      const got = await readAllBlocks(source);
      console.log(`5 GiB sparse file: ${got.blocks} blocks, ${got.ids.length} records, ${got.problems.length} problems, ${((performance.now() - started) / 1000).toFixed(1)} s`);
      expect(got.blocks).toBe(Math.ceil((5 * 2 ** 30 - 4096) / 65536)); // the last block is partial (4096 bytes short)
      expect(got.ids).toEqual(expected.ids);
      expect(got.problems).toEqual(expected.problems);
    } finally {
      await source.close();
    }
  }, 300_000);
});

describe('logonlens dump exit status', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [join(REPO, 'scripts/logonlens.mjs'), 'dump', ...args], { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'logonlens-cli-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('exits non-zero, naming the file, when it is not EVTX', () => {
    const path = join(dir, 'shopping-list.txt');
    writeFileSync(path, 'eggs\nmilk\n');
    const r = run(path);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('shopping-list.txt');
    expect(r.stdout).toBe('');
  });

  it.skipIf(!hasCorpus)('exits 0 when records were skipped but the file was readable', () => {
    const r = run(join(CORPUS, 'evtx-samples/sample-with-zero-data-size-event.evtx'));
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/skipped/);
    expect(r.stdout.split('\n').filter(Boolean).length).toBeGreaterThan(300);
  });
});
