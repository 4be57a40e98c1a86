import { readFileSync } from 'node:fs';
import { visitChunk } from '../src/core/evtx/chunk';
import { ByteSink, writeJsonRecord } from '../src/core/evtx';
const file = new Uint8Array(readFileSync(process.argv[2]!));
const rounds = Number(process.argv[3] ?? 5);
const sink = new ByteSink(1 << 22);
let best = Infinity;
for (let r = 0; r < rounds; r++) {
  const c0 = process.cpuUsage();
  for (let off = 4096, i = 0; off + 65536 <= file.length; off += 65536, i++) {
    visitChunk(file.subarray(off, off + 65536), { file: 'x', index: i, fileOffset: off }, [], (rec) => { writeJsonRecord(rec.nodes, sink); sink.byte(10); }, { verifyRecordsChecksum: false });
    if ((i & 15) === 15) sink.clear();
  }
  sink.clear();
  const c = process.cpuUsage(c0);
  best = Math.min(best, (c.user + c.system) / 1e6);
}
console.log(process.cwd(), 'best', best.toFixed(3));
