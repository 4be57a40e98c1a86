import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ByteSource, CHUNK_SIZE, FILE_HEADER_SIZE, openEvtx, readChunks } from '..';
import { writeEvtxFile } from './file';
import { generateEvents, writeToMemory } from './test-events';
import type { SecurityEvent } from './writer';

const dir = mkdtempSync(join(tmpdir(), 'evtx-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fileSource(path: string): ByteSource & { close(): void } {
  const fd = openSync(path, 'r');
  return {
    name: path,
    size: statSync(path).size,
    async read(offset, length) {
      const out = new Uint8Array(Math.max(0, Math.min(length, this.size - offset)));
      readSync(fd, out, 0, out.length, offset);
      return out;
    },
    close: () => closeSync(fd),
  };
}

/** Events made as they are asked for, cycling through a generated set with fresh record data. */
async function* endless(bytes: number, rssSamples: number[]): AsyncGenerator<SecurityEvent> {
  const { events } = generateEvents(20, 31, true);
  const perEvent = (await writeToMemory(events)).length / events.length; // bytes of file per event
  for (let i = 0; i < bytes / perEvent; i++) {
    const e = events[i % events.length]!;
    if (i % 2000 === 0) rssSamples.push(process.memoryUsage().rss);
    yield { ...e, recordId: undefined, time: Date.UTC(2024, 0, 1) + i };
  }
}

describe('EVTX writer: constant memory', () => {
  it('writes 200 MB to a file with flat memory, the header patched at the end', async () => {
    const path = join(dir, 'big.evtx');
    const rss: number[] = [];
    const started = performance.now();
    const result = await writeEvtxFile(path, endless(200 * 2 ** 20, rss));
    const seconds = (performance.now() - started) / 1000;
    const mib = (n: number) => Math.round(n / 2 ** 20);
    console.log(
      `writeEvtxFile: ${result.records} records, ${result.chunks} chunks, ${mib(result.bytes)} MiB in ${seconds.toFixed(1)} s ` +
        `(${(result.bytes / 2 ** 20 / seconds).toFixed(0)} MiB/s); RSS MiB from ${mib(rss[1]!)} to max ${mib(Math.max(...rss))}`,
    );
    expect(statSync(path).size).toBe(result.bytes);
    expect(result.bytes).toBe(FILE_HEADER_SIZE + result.chunks * CHUNK_SIZE);
    expect(result.bytes).toBeGreaterThan(180 * 2 ** 20);
    expect(result.bytes).toBeLessThan(220 * 2 ** 20);
    // After the first samples (module loading, the generated events), memory does not grow with the output.
    expect(Math.max(...rss.slice(1)) - rss[1]!).toBeLessThan(64 * 2 ** 20);

    const source = fileSource(path);
    try {
      const layout = await openEvtx(source);
      expect(layout.problems).toEqual([]);
      expect([layout.header.chunkCount, layout.header.isDirty, layout.header.nextRecordId]).toEqual([result.chunks, false, result.records + 1]);
      const [first, last] = [0, layout.blocks - 1];
      const outcomes = [...(await readChunks(source, layout, first, first + 1, (r) => r.recordId)), ...(await readChunks(source, layout, last, last + 1, (r) => r.recordId))];
      expect(outcomes.flatMap((o) => o.problems)).toEqual([]);
      expect(outcomes[0]!.items[0]).toBe(1);
      expect(outcomes[1]!.items.at(-1)).toBe(result.records);
    } finally {
      source.close();
    }
  }, 120_000);
});
