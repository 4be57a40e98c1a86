import { parentPort, workerData } from 'node:worker_threads';
import { openEvtx, readChunks } from '../src/core/evtx';
import { nodeFileSource } from '../src/cli/node-source';
import { createEngine, EvtxEventReader, loadRuleSet, type RuleFile } from '../src/core/sigma';

/**
 * One bench worker: compiles the rules (when scanning), says "ready", waits for "go", then parses
 * or scans chunks [from, to) of the file and posts its counts.
 */
const { path, mode, from, to, files } = workerData as { path: string; mode: 'parse' | 'scan'; from: number; to: number; files: RuleFile[] };
const t0 = performance.now();
const engine = mode === 'scan' ? createEngine(loadRuleSet(files)) : null;
const compileMs = performance.now() - t0;
parentPort!.postMessage({ ready: true, compileMs });
await new Promise((r) => parentPort!.once('message', r));
const source = await nodeFileSource(path);
const layout = await openEvtx(source);
const reader = new EvtxEventReader();
let records = 0;
let hits = 0;
const perRule = new Map<string, number>();
const onHit = (h: { title: string }) => perRule.set(h.title, (perRule.get(h.title) ?? 0) + 1);
// parse: records read through the parser and the reader's head fields (channel, id, record id, time,
// computer), which every scan does too; scan: that plus the engine.
const map = engine ? (r: Parameters<EvtxEventReader['event']>[0]) => (hits += engine.match(reader.event(r), undefined, onHit)) : (r: Parameters<EvtxEventReader["event"]>[0]) => (reader.event(r), 0);
for (let i = from; i < Math.min(to, layout.blocks); i += 16) for (const o of await readChunks(source, layout, i, Math.min(i + 16, to), map)) records += o.records;
await source.close();
parentPort!.postMessage({ records, hits, perRule: [...perRule] });
