// Write speed and memory of the EVTX writer: `npx tsx scripts/evtx-write-bench.ts [MiB] [FILE]`.
// Writes about MiB (default 2048) of generated Security events (all supported ids, hostile values)
// to FILE with writeEvtxFile, or to a sink that only counts bytes when no FILE is given, and prints
// MiB/s and the resident memory along the way.
import { EvtxWriter } from '../src/core/evtx/writer';
import { writeEvtxFile } from '../src/core/evtx/writer/file';
import { generateEvents, writeToMemory } from '../src/core/evtx/writer/test-events';
import type { SecurityEvent } from '../src/core/evtx/writer/writer';

const mib = Number(process.argv[2] ?? 2048);
const file = process.argv[3];
const { events } = generateEvents(50, 99, true);
const perEvent = (await writeToMemory(events)).length / events.length;
const rss: number[] = [];
function* stream(): Generator<SecurityEvent> {
  for (let i = 0; i < (mib * 2 ** 20) / perEvent; i++) {
    if (i % 50000 === 0) rss.push(Math.round(process.memoryUsage().rss / 2 ** 20));
    yield { ...events[i % events.length]!, recordId: undefined, time: Date.UTC(2024, 0, 1) + i };
  }
}
const started = performance.now();
let bytes = 0;
let records = 0;
if (file) ({ bytes, records } = await writeEvtxFile(file, stream()));
else {
  const writer = new EvtxWriter((b) => void (bytes += b.length));
  for (const e of stream()) await writer.write(e);
  await writer.close();
  records = writer.records;
}
const seconds = (performance.now() - started) / 1000;
console.log(`${records} records, ${(bytes / 2 ** 20).toFixed(0)} MiB ${file ? `to ${file}` : 'to a counting sink'} in ${seconds.toFixed(1)} s: ${(bytes / 2 ** 20 / seconds).toFixed(0)} MiB/s`);
console.log(`RSS MiB every 50,000 records: ${rss.join(' ')}`);
