// One measured parse, in its own process so that its peak memory is its own:
//   tsx bench/parse-file.ts FILE full|fast WORKERS [--no-checksums] [--js-crc]  → prints {records, out, seconds, cpuSeconds, maxRssMiB}
// --js-crc: records checksums with the JS tables (as in a browser) rather than Node's zlib.crc32.
import { Worker } from 'node:worker_threads';
import { openEvtx } from '../src/core/evtx';
import { nodeFileSource } from '../src/cli/node-source';
import { type Mode, parseRange } from './parse-range';

const [path, mode, workersArg] = process.argv.slice(2) as [string, Mode, string];
const workers = Number(workersArg);
const checksums = !process.argv.includes('--no-checksums');
const jsCrc = process.argv.includes('--js-crc');
const source = await nodeFileSource(path);
const { blocks } = await openEvtx(source);
await source.close();

const t0 = performance.now();
// CPU time of the parse alone (all threads: GC and compiler included), without start-up: on a shared
// machine wall time is noise, and evtx_dump is compared on CPU time too.
const cpu0 = process.cpuUsage();
let result: { records: number; out: number };
if (workers <= 1) result = await parseRange(path, mode, 0, blocks, checksums, jsCrc);
else {
  // Contiguous chunk ranges, one per worker thread (chunks are independent in EVTX).
  const per = Math.ceil(blocks / workers);
  const parts = await Promise.all(
    Array.from({ length: workers }, (_, i) => {
      const w = new Worker(new URL('./parse-worker.mjs', import.meta.url), {
        workerData: { path, mode, from: i * per, to: (i + 1) * per, checksums, jsCrc },
      });
      return new Promise<{ records: number; out: number }>((resolve, reject) => {
        w.once('message', resolve);
        w.once('error', reject);
      });
    }),
  );
  result = parts.reduce((a, b) => ({ records: a.records + b.records, out: a.out + b.out }));
}
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(JSON.stringify({ ...result, seconds, cpuSeconds, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
