// Sigma scan speed: every SigmaHQ rule over a large Security log, in worker threads, against the
// parse alone in the same run.
//   tsx bench/sigma.ts [FILE] [--workers N] [--json]
// FILE defaults to bench/out/security-1g.evtx (built by `npm run bench`). Prints one line per
// measure and, with --json, a JSON summary last. Times are wall and CPU seconds (all threads,
// without start-up and rule compilation): on a loaded machine CPU time is the one to read.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import { openEvtx } from '../src/core/evtx';
import { nodeFileSource } from '../src/cli/node-source';
import { createEngine, loadRuleSet, type RuleFile } from '../src/core/sigma';

const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith('--') && !['--workers', '--hits'].includes(args[i - 1] ?? '')) ?? join(import.meta.dirname, 'out/security-1g.evtx');
const wi = args.indexOf('--workers');
const workers = wi >= 0 ? Number(args[wi + 1]) : Math.min(2, availableParallelism());
const SIGMAHQ = join(import.meta.dirname, '../../shared/corpus/sigmahq');
const DIRS = ['rules', 'rules-emerging-threats', 'rules-threat-hunting'];

function ruleFiles(): RuleFile[] {
  const out: RuleFile[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.yml')) out.push({ path: relative(SIGMAHQ, p), text: readFileSync(p, 'utf8') });
    }
  };
  for (const d of DIRS) walk(join(SIGMAHQ, d));
  return out;
}

export interface SigmaBench {
  file: string;
  bytes: number;
  workers: number;
  rules: number;
  running: number;
  compileSeconds: number;
  parse: { records: number; seconds: number; cpuSeconds: number };
  scan: { records: number; hits: number; seconds: number; cpuSeconds: number };
  /** Scan CPU ÷ parse CPU: 2 means the rules cost as much as the parse. */
  ratio: number;
  topRules: [string, number][];
}

async function run(mode: 'parse' | 'scan', files: RuleFile[], blocks: number) {
  const per = Math.ceil(blocks / workers);
  const ws = Array.from({ length: workers }, (_, i) => new Worker(new URL('./sigma-worker.mjs', import.meta.url), { workerData: { path: file, mode, from: i * per, to: (i + 1) * per, files: mode === 'scan' ? files : [] } }));
  const next = (w: Worker) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
    });
  const ready = await Promise.all(ws.map(next));
  const compileSeconds = Math.max(...ready.map((r) => Number(r['compileMs']))) / 1000;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const done = ws.map(next);
  for (const w of ws) w.postMessage('go');
  const parts = (await Promise.all(done)) as { records: number; hits: number; perRule: [string, number][] }[];
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(cpu0);
  await Promise.all(ws.map((w) => w.terminate()));
  const perRule = new Map<string, number>();
  for (const p of parts) for (const [k, n] of p.perRule) perRule.set(k, (perRule.get(k) ?? 0) + n);
  return {
    records: parts.reduce((n, p) => n + p.records, 0),
    hits: parts.reduce((n, p) => n + p.hits, 0),
    seconds,
    cpuSeconds: (c.user + c.system) / 1e6,
    compileSeconds,
    topRules: [...perRule].sort((a, b) => b[1] - a[1]).slice(0, 10),
    perRule: [...perRule].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
  };
}

const source = await nodeFileSource(file);
const { blocks } = await openEvtx(source);
const bytes = source.size;
await source.close();
const files = ruleFiles();
const set = loadRuleSet(files);
const engine = createEngine(set);
const running = set.rules.length - engine.inactive.length;
console.log(`sigma bench: ${file} (${(bytes / 1e6).toFixed(0)} MB), ${workers} worker threads, ${files.length} SigmaHQ rule files: ${set.rules.length} rules compiled, ${running} run on Windows event logs`);
const parse = await run('parse', files, blocks);
console.log(`  parse alone: ${parse.records} records in ${parse.seconds.toFixed(1)} s wall, ${parse.cpuSeconds.toFixed(1)} s CPU = ${(parse.records / parse.cpuSeconds).toFixed(0)} events per CPU second`);
const scan = await run('scan', files, blocks);
console.log(
  `  parse + Sigma: ${scan.records} records, ${scan.hits} hits in ${scan.seconds.toFixed(1)} s wall, ${scan.cpuSeconds.toFixed(1)} s CPU = ${(scan.records / scan.cpuSeconds).toFixed(0)} events per CPU second (rules compiled in ${scan.compileSeconds.toFixed(1)} s per worker, not counted)`,
);
const ratio = scan.cpuSeconds / parse.cpuSeconds;
console.log(`  Sigma adds ${((ratio - 1) * 100).toFixed(0)} % to the parse's CPU time (target: at most 100 %): ${ratio <= 2 ? 'met' : 'NOT met'}; wall ${(scan.seconds / parse.seconds).toFixed(2)}×`);
console.log(`  most hits: ${scan.topRules.map(([t, n]) => `${t} ${n}`).join('; ')}`);
const summary: SigmaBench = {
  file, bytes, workers, rules: set.rules.length, running, compileSeconds: scan.compileSeconds,
  parse: { records: parse.records, seconds: parse.seconds, cpuSeconds: parse.cpuSeconds },
  scan: { records: scan.records, hits: scan.hits, seconds: scan.seconds, cpuSeconds: scan.cpuSeconds },
  ratio, topRules: scan.topRules,
};
if (args.includes('--json')) console.log(JSON.stringify(summary));
const hi = args.indexOf('--hits');
if (hi >= 0) writeFileSync(args[hi + 1]!, JSON.stringify(Object.fromEntries(scan.perRule), null, 1));
