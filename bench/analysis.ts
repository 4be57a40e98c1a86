// The logon analysis at scale: a generated domain's Security log with N logon events, through
// parse + normalisation (fast path), accumulation, graph, ChangeFinder, HMM, PageRank, detections,
// timelines and the stored form of the case; time and memory per stage, in a fresh process.
//   tsx bench/analysis.ts 1000000      → a generated log with a million logon events (made once, kept
//                                        in bench/out), one JSON line per stage, then a summary line
//   tsx bench/analysis.ts FILE.evtx    → the same on a given log
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, CaseAccumulator, caseDocument, importSources, snapshot } from '../src/core/case';
import { encodeCaseFile } from '../src/core/case/case-file';
import { SECURITY_SCHEMAS } from '../src/core/evtx/writer';
import { writeEvtxFile } from '../src/core/evtx/writer/file';
import { ATTACK_KINDS, createScenario, type SecurityEvent } from '../src/core/generator';
import { nodeFileSource } from '../src/cli/node-source';

const LOGON_IDS = new Set([4624, 4625, 4768, 4769, 4776]);
const arg = process.argv[2] ?? '1000000';
const target = Number(arg);
const OUT = join(import.meta.dirname, 'out');
mkdirSync(OUT, { recursive: true });
const file = Number.isInteger(target) && target > 0 ? join(OUT, `logons-${target}.evtx`) : arg;

/** The generator's events until `target` events of the five logon ids were emitted (machine accounts' included). */
function* untilLogons(): Generator<SecurityEvent> {
  const scenario = createScenario({
    seed: 'analysis-bench',
    users: 2000,
    workstations: 1500,
    servers: 80,
    domainControllers: 4,
    days: 3650,
    start: '2023-01-02',
    attacks: [...ATTACK_KINDS],
    eventIds: [...SECURITY_SCHEMAS.keys()],
  });
  let logons = 0;
  for (const e of scenario.events()) {
    yield e;
    if (LOGON_IDS.has(e.eventId) && ++logons >= target) return;
  }
}

if (!existsSync(file)) {
  const t0 = performance.now();
  const w = await writeEvtxFile(`${file}.part`, untilLogons());
  renameSync(`${file}.part`, file);
  console.error(`generated ${file}: ${w.records} records, ${(w.bytes / 1e6).toFixed(0)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const MiB = 2 ** 20;
const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  return process.memoryUsage().heapUsed / MiB + process.memoryUsage().arrayBuffers / MiB;
};
const stages: { stage: string; seconds: number; heapMiB: number; maxRssMiB: number }[] = [];
const record = (stage: string, ms: number) => {
  const s = { stage, seconds: ms / 1000, heapMiB: Math.round(heap()), maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) };
  stages.push(s);
  console.log(JSON.stringify(s));
};

const source = await nodeFileSource(file);
const acc = new CaseAccumulator({ tzHours: 0, from: null, to: null });
let t = performance.now();
const report = await importSources(acc, [source]);
await source.close();
record('parse + normalise + accumulate (1 thread)', performance.now() - t);

const analysis = analyze(acc, { onStage: (stage, ms) => record(stage, ms) });
t = performance.now();
const doc = caseDocument(acc, analysis);
record('timelines + case document', performance.now() - t);
t = performance.now();
const bytes = encodeCaseFile(snapshot(acc));
record('stored form (snapshot + case file)', performance.now() - t);

const total = stages.reduce((n, s) => n + s.seconds, 0);
console.log(
  JSON.stringify({
    summary: true,
    fileMB: Math.round(source.size / 1e6),
    records: report.records,
    logonEvents: acc.logonCount,
    accounts: analysis.users.length,
    hosts: analysis.hosts.length,
    edges: analysis.edges.length,
    detections: doc.detections.length,
    caseFileMB: Math.round(bytes.length / 1e6),
    totalSeconds: Math.round(total * 10) / 10,
    analysisStateMiB: Math.max(...stages.map((s) => s.heapMiB)),
    maxRssMiB: Math.max(...stages.map((s) => s.maxRssMiB)),
  }),
);
