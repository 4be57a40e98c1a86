// The long fuzz run: `npm run fuzz -- --minutes 10 [--seed N] [--iterations N]`.
// The fuzzer runs in a worker thread watched by this one, so a case that never ends (a real hang,
// which the per-chunk timing inside the worker cannot see) is stopped, saved and reported too.
// Failing inputs go to the temp folder with their seeds; `--replay FILE` parses one again.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { caseSeed, type FuzzCase, type FuzzFile, mutateCase, parseInput, runFuzz } from '../src/core/evtx/fuzz';
import { exposeGc } from '../src/core/evtx/testing/gc';
import { evtxFilesUnder as evtxUnder } from '../src/core/evtx/testing/corpus';

const USAGE = `usage: npm run fuzz -- [--seed N] [--iterations N] [--minutes M] [--first N] [--max-chunk-ms 1000] [--watchdog-s 60] [--corpus DIR]
       npm run fuzz -- --replay FILE`;

interface Job {
  seed: number;
  first: number;
  iterations: number;
  until: number | undefined;
  paths: string[];
  maxChunkMs: number;
}

/** Worker → watcher messages. */
type Message =
  | { type: 'case'; i: number; seed: number; file: string; ms: number; problems: number; notEvtx: boolean; records: number; skipped: number; failures: string[]; steps: string[]; bytes?: Uint8Array }
  | { type: 'heap'; bytes: number }
  | { type: 'done' };

function loadFiles(paths: string[]): FuzzFile[] {
  return paths.map((p) => ({ name: basename(p), bytes: new Uint8Array(readFileSync(p)) }));
}



async function fuzzInWorker(job: Job): Promise<void> {
  const post = (m: Message, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(m, transfer);
  const files = loadFiles(job.paths);
  await runFuzz({
    seed: job.seed,
    first: job.first,
    iterations: job.iterations,
    until: job.until,
    files,
    slowChunkMs: job.maxChunkMs,
    gc: exposeGc(),
    heapEvery: 100,
    // The worker's own isolate: process.memoryUsage() would mix in the watcher's heap.
    heapUsed: () => {
      const used = getHeapStatistics().used_heap_size;
      post({ type: 'heap', bytes: used });
      return used;
    },
    onCase(c: FuzzCase) {
      const failed = c.outcome.failures.length > 0;
      const bytes = failed ? c.bytes.slice() : undefined;
      post(
        { type: 'case', i: c.iteration, seed: c.seed, file: c.file, ms: c.outcome.maxChunkMs, problems: c.outcome.problems, notEvtx: c.outcome.notEvtx, records: c.outcome.records, skipped: c.outcome.skippedRecords, failures: c.outcome.failures, steps: c.steps, bytes },
        bytes ? [bytes.buffer as ArrayBuffer] : [],
      );
    },
  });
  post({ type: 'done' });
}

function saveFailure(dir: string, runSeed: number, i: number, seed: number, file: string, steps: string[], failures: string[], bytes: Uint8Array): string {
  mkdirSync(dir, { recursive: true });
  const base = join(dir, `seed${runSeed}-case${i}-${seed}`);
  writeFileSync(`${base}.evtx`, bytes);
  const replay = `npm run fuzz -- --replay ${base}.evtx   (or regenerate: --seed ${runSeed} --first ${i} --iterations 1)`;
  writeFileSync(`${base}.txt`, [`run seed ${runSeed}, case ${i}, case seed ${seed}`, `from ${file}: ${steps.join('; ')}`, ...failures, '', replay, ''].join('\n'));
  return base;
}

function arg(args: Map<string, string>, name: string, fallback: number): number {
  const v = args.get(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${name} wants a number, got "${v}"`);
  return n;
}

async function main(argv: string[]): Promise<number> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i]!.startsWith('--')) return usage(`unexpected argument ${argv[i]}`);
    args.set(argv[i]!.slice(2), argv[i + 1] ?? '');
    i++;
  }
  const maxChunkMs = arg(args, 'max-chunk-ms', 1000);

  const replay = args.get('replay');
  if (replay) {
    const outcome = await parseInput(new Uint8Array(readFileSync(replay)), basename(replay), maxChunkMs);
    console.log(JSON.stringify({ ...outcome, failures: outcome.failures.length }, null, 1));
    for (const f of outcome.failures) console.log(f);
    return outcome.failures.length > 0 ? 1 : 0;
  }

  const corpus = resolve(args.get('corpus') ?? join(import.meta.dirname, '../../shared/corpus'));
  let paths: string[];
  try {
    paths = [...evtxUnder(join(corpus, 'evtx-samples')), ...evtxUnder(join(corpus, 'attack-samples'))];
  } catch {
    return usage(`no corpus at ${corpus} (evtx-samples/, attack-samples/): pass --corpus DIR`);
  }
  const runSeed = arg(args, 'seed', Date.now() % 2 ** 31) >>> 0;
  const minutes = args.has('minutes') ? arg(args, 'minutes', 10) : undefined;
  const iterations = arg(args, 'iterations', minutes === undefined ? 1000 : Infinity);
  const until = minutes === undefined ? undefined : Date.now() + minutes * 60_000;
  const watchdogMs = arg(args, 'watchdog-s', 60) * 1000;
  const outDir = join(tmpdir(), 'logonlens-fuzz');
  const files = loadFiles(paths);
  console.log(`fuzz: seed ${runSeed}, ${files.length} corpus files, ${minutes !== undefined ? `${minutes} min` : ''}${iterations < Infinity ? ` ≤ ${iterations} inputs` : ''}; chunk limit ${maxChunkMs} ms, watchdog ${watchdogMs / 1000} s`);

  const started = Date.now();
  const s = { inputs: 0, notEvtx: 0, withProblems: 0, records: 0, skipped: 0, failures: 0, hangs: 0, maxChunkMs: 0, maxChunkAt: '', heapMin: Infinity, heapMax: 0, heapNow: 0 };
  const saved: string[] = [];
  let next = arg(args, 'first', 0);
  const end = next + iterations;

  // One worker at a time; a hung one is terminated and a new one resumes after the hung case.
  while (next < end && (until === undefined || Date.now() < until)) {
    const job: Job = { seed: runSeed, first: next, iterations: end - next, until, paths, maxChunkMs };
    // Workers do not inherit tsx's loader: the worker registers it (as scripts/logonlens.mjs does), then loads this file.
    const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); });`;
    const worker = new Worker(boot, { eval: true, workerData: job });
    let progressed = false;
    let lastProgress = Date.now();
    let lastPrint = Date.now();
    const outcome = await new Promise<'done' | 'hung' | 'crashed'>((resolveRun) => {
      const watchdog = setInterval(() => {
        if (Date.now() - lastProgress > watchdogMs) {
          clearInterval(watchdog);
          void worker.terminate().then(() => resolveRun('hung'));
        }
      }, 1000);
      worker.on('message', (m: Message) => {
        if (m.type === 'heap') {
          s.heapMin = Math.min(s.heapMin, m.bytes);
          s.heapMax = Math.max(s.heapMax, m.bytes);
          s.heapNow = m.bytes;
          return;
        }
        if (m.type === 'done') {
          clearInterval(watchdog);
          resolveRun('done');
          return;
        }
        lastProgress = Date.now();
        progressed = true;
        next = m.i + 1;
        s.inputs++;
        if (m.notEvtx) s.notEvtx++;
        if (m.problems > 0) s.withProblems++;
        s.records += m.records;
        s.skipped += m.skipped;
        if (m.ms > s.maxChunkMs) {
          s.maxChunkMs = m.ms;
          s.maxChunkAt = `case ${m.i} (seed ${m.seed}, ${m.file})`;
        }
        if (m.failures.length > 0 && m.bytes) {
          s.failures++;
          const base = saveFailure(outDir, runSeed, m.i, m.seed, m.file, m.steps, m.failures, m.bytes);
          saved.push(base);
          console.log(`FAILURE case ${m.i} (${m.file}): ${m.failures[0]!.split('\n')[0]}\n  saved ${base}.evtx`);
        }
        if (Date.now() - lastPrint >= 10_000) {
          lastPrint = Date.now();
          const secs = (Date.now() - started) / 1000;
          console.log(`${secs.toFixed(0)} s: ${s.inputs} inputs (${(s.inputs / secs).toFixed(1)}/s), ${s.failures + s.hangs} failures, max chunk ${s.maxChunkMs.toFixed(1)} ms, heap ${(s.heapNow / 2 ** 20).toFixed(0)} MB (max ${(s.heapMax / 2 ** 20).toFixed(0)})`);
        }
      });
      worker.on('error', (e: Error) => {
        clearInterval(watchdog);
        console.log(`worker crashed on case ${next}: ${e.stack ?? e}`);
        resolveRun('crashed');
      });
    });
    if (outcome === 'done') break;
    if (outcome === 'crashed' && !progressed) {
      console.error('the fuzz worker crashed before finishing a single case: not an input problem, stopping');
      return 2;
    }
    // Hung or crashed on case `next`: rebuild its input from its seed (deterministic), save it, move on.
    s.hangs++;
    const seed = caseSeed(runSeed, next);
    const { file, bytes, steps } = mutateCase(files, seed);
    const base = saveFailure(outDir, runSeed, next, seed, file.name, steps, [`${outcome}: no result after ${watchdogMs / 1000} s`], bytes);
    saved.push(base);
    console.log(`FAILURE case ${next} ${outcome} (${file.name})\n  saved ${base}.evtx`);
    next++;
  }

  const secs = (Date.now() - started) / 1000;
  const mb = (n: number) => (Number.isFinite(n) ? `${(n / 2 ** 20).toFixed(1)} MB` : '–');
  console.log(
    [
      `\nfuzz summary (seed ${runSeed}, ${(secs / 60).toFixed(1)} min):`,
      `  inputs tried      ${s.inputs} (${s.notEvtx} rejected as not EVTX, ${s.withProblems} with problems)`,
      `  records           ${s.records} rendered, ${s.skipped} skipped`,
      `  failures          ${s.failures} (exceptions, misplaced problems, chunks over ${maxChunkMs} ms), ${s.hangs} hangs/crashes`,
      `  max chunk time    ${s.maxChunkMs.toFixed(1)} ms${s.maxChunkAt ? ` at ${s.maxChunkAt}` : ''}`,
      `  heap after GC     min ${mb(s.heapMin)}, max ${mb(s.heapMax)} (worker isolate)`,
      ...saved.map((b) => `  failing input     ${b}.evtx (+ .txt)`),
    ].join('\n'),
  );
  return s.failures + s.hangs > 0 ? 1 : 0;
}

function usage(message: string): number {
  console.error(`${message}\n${USAGE}`);
  return 2;
}

if (isMainThread) process.exitCode = await main(process.argv.slice(2));
else await fuzzInWorker(workerData as Job);
