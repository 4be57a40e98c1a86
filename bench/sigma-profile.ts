// Single-thread Sigma profiling harness (dev aid): compiles every SigmaHQ rule once, then alternates
// parse-only and parse+Sigma passes over a file, printing each pass's CPU seconds.
//   tsx bench/sigma-profile.ts FILE [--rounds N] [--only scan|parse] [--hits OUT.json]
// (each pass also prints the garbage collectors' time; run node with --single-threaded-gc for steadier CPU figures on a busy machine)
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { openEvtx, readChunks } from '../src/core/evtx';
import { nodeFileSource } from '../src/cli/node-source';
import { createEngine, EvtxEventReader, loadRuleSet, type RuleFile } from '../src/core/sigma';

const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith('--') && !['--rounds', '--hits', '--only'].includes(args[i - 1] ?? ''))!;
const ri = args.indexOf('--rounds');
// --only scan|parse: one kind of pass (for a profile of just that).
const oi = args.indexOf('--only');
const only = oi >= 0 ? args[oi + 1] : undefined;
const rounds = ri >= 0 ? Number(args[ri + 1]) : 3;
const SIGMAHQ = process.env['SIGMAHQ'] ?? join(import.meta.dirname, '../../shared/corpus/sigmahq');
const files: RuleFile[] = [];
const walk = (d: string) => {
  for (const n of readdirSync(d).sort()) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) walk(p);
    else if (n.endsWith('.yml')) files.push({ path: relative(SIGMAHQ, p), text: readFileSync(p, 'utf8') });
  }
};
for (const d of ['rules', 'rules-emerging-threats', 'rules-threat-hunting']) walk(join(SIGMAHQ, d));
const engine = createEngine(loadRuleSet(files));
const source = await nodeFileSource(file);
const layout = await openEvtx(source);
const reader = new EvtxEventReader();
const perRule = new Map<string, number>();
const onHit = (h: { title: string }) => perRule.set(h.title, (perRule.get(h.title) ?? 0) + 1);
// Garbage collection time (ms) as the runtime reports it, to tell allocation costs apart.
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ['gc'] });
async function pass(scan: boolean): Promise<{ cpu: number; records: number; hits: number; gc: number }> {
  let records = 0;
  let hits = 0;
  perRule.clear();
  const map = scan ? (r: Parameters<EvtxEventReader['event']>[0]) => (hits += engine.match(reader.event(r), undefined, onHit)) : (r: Parameters<EvtxEventReader['event']>[0]) => (reader.event(r), 0);
  const c0 = process.cpuUsage();
  const g0 = gcMs;
  for (let i = 0; i < layout.blocks; i += 16) for (const o of await readChunks(source, layout, i, Math.min(i + 16, layout.blocks), map)) records += o.records;
  const c = process.cpuUsage(c0);
  await new Promise((r) => setImmediate(r)); // lets the gc entries arrive
  return { cpu: (c.user + c.system) / 1e6, records, hits, gc: (gcMs - g0) / 1000 };
}
const best = { parse: Infinity, scan: Infinity };
for (let r = 0; r < rounds; r++) {
  const p = only === 'scan' ? { cpu: NaN, gc: NaN } : await pass(false);
  const s = only === 'parse' ? { cpu: NaN, gc: NaN, records: 0, hits: 0 } : await pass(true);
  best.parse = Math.min(best.parse, p.cpu);
  best.scan = Math.min(best.scan, s.cpu);
  console.log(`round ${r}: parse ${p.cpu.toFixed(2)} s (gc ${p.gc.toFixed(2)}), scan ${s.cpu.toFixed(2)} s (gc ${s.gc.toFixed(2)}; ${s.records} records, ${s.hits} hits), ratio ${(s.cpu / p.cpu).toFixed(2)}`);
}
console.log(`best: parse ${best.parse.toFixed(2)} s, scan ${best.scan.toFixed(2)} s, ratio ${(best.scan / best.parse).toFixed(2)}`);
const hi = args.indexOf('--hits');
if (hi >= 0) writeFileSync(args[hi + 1]!, JSON.stringify(Object.fromEntries([...perRule].sort((a, b) => (a[0] < b[0] ? -1 : 1))), null, 1));
await source.close();
