// Scenario generator + EVTX writer, to a sink that only counts bytes: MB/s and resident memory.
//   tsx bench/generate.ts [GiB]  → prints {records, bytes, seconds, rssMiB: [min, max]}
import { EvtxWriter, SECURITY_SCHEMAS } from '../src/core/evtx/writer';
import { ATTACK_KINDS, createScenario } from '../src/core/generator';

const target = Number(process.argv[2] ?? 5) * 2 ** 30;
const scenario = createScenario({
  seed: 'bench',
  users: 600,
  workstations: 500,
  servers: 30,
  domainControllers: 2,
  days: 3650,
  start: '2020-01-06',
  attacks: [...ATTACK_KINDS],
  eventIds: [...SECURITY_SCHEMAS.keys()],
});
let bytes = 0;
const writer = new EvtxWriter((b) => void (bytes += b.length));
const rss: number[] = [];
const t0 = performance.now();
for (const event of scenario) {
  await writer.write(event);
  if (writer.records % 100_000 === 0) rss.push(process.memoryUsage().rss / 2 ** 20);
  if (bytes >= target) break;
}
await writer.close();
const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ records: writer.records, bytes, seconds, rssMiB: [Math.min(...rss), Math.max(...rss)] }));
