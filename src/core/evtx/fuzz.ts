// The EVTX fuzzer: mutates real files (fuzz-mutators.ts, aimed by fuzz-fields.ts) and parses every
// result the way the app does: whole file, every chunk, every record rendered as JSON (object and
// text writers), XML, fields and a table row. DOM-free, so it runs in Node (tests, scripts/fuzz.ts)
// or a worker. A failure is an exception escaping the parser's promises; or one inside rendering
// that is not a reported kind of damage (the chunk visitor catches a TypeError or a stack overflow
// too, but they still mean a bug); or a problem placed outside its chunk; or a chunk over the time limit.
import { ByteSink, CHUNK_SIZE, type EvtxRecord, EvtxFormatError, memorySource, NotEvtxError, openEvtx, readChunk, readFields, readFieldValues, readRecordValues, recordRow, renderJson, renderJsonText, renderXml, stringifyJson, writeJsonRecord } from '.';
import { type Fields, locateFields } from './fuzz-fields';
import { caseSeed, mutate, Rng } from './fuzz-mutators';
import { ParsedRecord } from './record';
import { RenderLimitError } from './render/budget';

export { caseSeed, Rng } from './fuzz-mutators';

export interface FuzzFile {
  name: string;
  bytes: Uint8Array;
}

/** What parsing one input gave. */
export interface ParseOutcome {
  notEvtx: boolean;
  chunks: number;
  records: number;
  skippedRecords: number;
  problems: number;
  maxChunkMs: number;
  /** Empty unless something went wrong that damage alone does not explain. */
  failures: string[];
}

export interface FuzzCase {
  iteration: number;
  /** Replays this case alone: `mutateCase(files, seed)`. */
  seed: number;
  file: string;
  steps: string[];
  bytes: Uint8Array;
  outcome: ParseOutcome;
}

export interface FuzzOptions {
  seed: number;
  /** Cases to run; with `until`, whichever ends first. */
  iterations: number;
  /** First case index (to resume a run after its worker was stopped). */
  first?: number;
  /** A chunk slower than this is a failure (a hang detector: generous, not a speed test). */
  slowChunkMs?: number;
  files: FuzzFile[];
  /** Stop at this time (ms since the epoch). */
  until?: number;
  /** Called after every case; awaited. */
  onCase?: (c: FuzzCase) => void | Promise<void>;
  /** Heap in use (bytes); defaults to Node's `process.memoryUsage().heapUsed` when there is one. */
  heapUsed?: () => number;
  /** Heap sample every this many cases, after `gc` (default `globalThis.gc`, with --expose-gc). */
  heapEvery?: number;
  gc?: () => void;
}

export interface FuzzSummary {
  inputs: number;
  notEvtx: number;
  withProblems: number;
  records: number;
  skippedRecords: number;
  /** Failing cases: all counted, the first MAX_KEPT_FAILURES kept (each holds a copy of its input). */
  failed: number;
  failures: FuzzCase[];
  maxChunkMs: number;
  maxChunkCase: { seed: number; file: string } | null;
  /** Heap samples in bytes, in order; `gc` says whether they were taken after a full GC. */
  heap: { samples: number[]; gc: boolean };
}

const MAX_KEPT_FAILURES = 20;
const FIELDS = ['System.EventID', 'System.Computer', 'System.TimeCreated.SystemTime', 'TargetUserName', 'IpAddress', 'LogonType', 'CommandLine'];

/** Exceptions that stand for damage the parser reports; anything else inside rendering is a bug. */
function isReportedDamage(e: unknown): boolean {
  return e instanceof EvtxFormatError || e instanceof RenderLimitError;
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : `non-Error thrown: ${String(e)}`;
}

/**
 * JSON lines written one after another, as `dump` writes them: a record may then copy what did not
 * change from an earlier one (render/json-program-run.ts), and must still equal renderJsonText.
 */
const lines = new ByteSink();
const utf8 = new TextDecoder();

/** Renders a record every way the app does; returns a size so nothing is optimized away. */
function renderAll(r: EvtxRecord): number {
  // First, before its nodes exist: the fast path read from the descriptors must agree with the node
  // path, values and errors alike, and a record built lazily must build without error.
  const direct = outcome(() => readRecordValues(r, FIELDS));
  let nodes: EvtxRecord['nodes'];
  try {
    nodes = r.nodes;
  } catch (e) {
    if (r instanceof ParsedRecord && r.template !== null) throw new Error(`lazily built record threw: ${describe(e)}`);
    throw e;
  }
  const viaNodes = outcome(() => readFieldValues(nodes, FIELDS));
  if (direct !== viaNodes) throw new Error(`fields read in place differ from the node path: ${direct.slice(0, 200)} / ${viaNodes.slice(0, 200)}`);
  const json = stringifyJson(renderJson(r.nodes));
  if (lines.length > 1 << 20) lines.clear();
  const line = lines.length;
  writeJsonRecord(r.nodes, lines);
  const text = renderJsonText(r.nodes);
  if (utf8.decode(lines.bytes.subarray(line, lines.length)) !== text) throw new Error(`JSON line written after other records differs from renderJsonText: ${text.slice(0, 200)}`);
  const xml = renderXml(r.nodes);
  const fields = readFields(r.nodes, FIELDS);
  const row = recordRow(r);
  return json.length + text.length + xml.length + Object.keys(fields).length + row.summary.length;
}

/** A call's result or error as text, to compare two ways of doing the same thing. */
function outcome(f: () => unknown): string {
  try {
    return JSON.stringify(f(), (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v === undefined ? '(undefined)' : v));
  } catch (e) {
    return e instanceof Error ? `threw ${e.name}: ${e.message}` : `threw ${String(e)}`;
  }
}

/** Parses a whole input: header, every block, every record rendered. Never throws. */
export async function parseInput(bytes: Uint8Array, name: string, slowChunkMs = Infinity): Promise<ParseOutcome> {
  const out: ParseOutcome = { notEvtx: false, chunks: 0, records: 0, skippedRecords: 0, problems: 0, maxChunkMs: 0, failures: [] };
  const source = memorySource(bytes, name);
  let layout;
  try {
    layout = await openEvtx(source);
  } catch (e) {
    if (e instanceof NotEvtxError && e.message.includes(name)) out.notEvtx = true;
    else out.failures.push(`openEvtx threw: ${describe(e)}`);
    return out;
  }
  out.problems += layout.problems.length;
  for (let i = 0; i < layout.blocks; i++) {
    const start = performance.now();
    try {
      const chunk = await readChunk(source, layout, i, (r) => {
        try {
          return renderAll(r);
        } catch (e) {
          if (!isReportedDamage(e)) out.failures.push(`chunk ${i}, record ${r.recordId}: rendering threw ${describe(e)}`);
          throw e; // the chunk visitor reports the record as skipped, as for any consumer
        }
      });
      out.chunks++;
      out.records += chunk.records;
      out.skippedRecords += chunk.skippedRecords;
      out.problems += chunk.problems.length;
      const first = 4096 + i * CHUNK_SIZE;
      for (const p of chunk.problems) {
        if (p.chunk !== i || p.offset < first || p.offset >= first + CHUNK_SIZE)
          out.failures.push(`chunk ${i}: problem placed outside its chunk (chunk ${p.chunk}, offset 0x${p.offset.toString(16)}): ${p.message}`);
      }
    } catch (e) {
      out.failures.push(`readChunk(${i}) threw: ${describe(e)}`);
    }
    const ms = performance.now() - start;
    if (ms > slowChunkMs) out.failures.push(`chunk ${i} took ${ms.toFixed(0)} ms`);
    out.maxChunkMs = Math.max(out.maxChunkMs, ms);
  }
  return out;
}

/** The input of one case: which file, and the mutated bytes. Deterministic in (files, seed). */
export function mutateCase(files: readonly FuzzFile[], seed: number, fields?: Map<FuzzFile, Fields>): { file: FuzzFile; bytes: Uint8Array; steps: string[] } {
  const rng = new Rng(seed);
  const file = rng.pick(files);
  let located = fields?.get(file);
  if (!located) {
    located = locateFields(file.bytes);
    fields?.set(file, located);
  }
  const { bytes, steps } = mutate(rng, file.bytes, located);
  return { file, bytes, steps };
}

function defaultHeapUsed(): number {
  const proc = (globalThis as { process?: { memoryUsage(): { heapUsed: number } } }).process;
  return proc ? proc.memoryUsage().heapUsed : 0;
}

export async function runFuzz(opts: FuzzOptions): Promise<FuzzSummary> {
  const heapUsed = opts.heapUsed ?? defaultHeapUsed;
  const gc = opts.gc ?? (globalThis as { gc?: () => void }).gc;
  const sampleHeap = () => {
    gc?.();
    summary.heap.samples.push(heapUsed());
  };
  const summary: FuzzSummary = {
    inputs: 0,
    notEvtx: 0,
    withProblems: 0,
    records: 0,
    skippedRecords: 0,
    failed: 0,
    failures: [],
    maxChunkMs: 0,
    maxChunkCase: null,
    heap: { samples: [], gc: gc !== undefined },
  };
  const fields = new Map<FuzzFile, Fields>(); // located on first use: a long run may hold hundreds of files
  const every = opts.heapEvery ?? 50;
  sampleHeap();
  const end = (opts.first ?? 0) + opts.iterations;
  for (let i = opts.first ?? 0; i < end && (opts.until === undefined || Date.now() < opts.until); i++) {
    const seed = caseSeed(opts.seed, i);
    const { file, bytes, steps } = mutateCase(opts.files, seed, fields);
    const outcome = await parseInput(bytes, file.name, opts.slowChunkMs);
    summary.inputs++;
    if (outcome.notEvtx) summary.notEvtx++;
    if (outcome.problems > 0) summary.withProblems++;
    summary.records += outcome.records;
    summary.skippedRecords += outcome.skippedRecords;
    if (outcome.maxChunkMs > summary.maxChunkMs) {
      summary.maxChunkMs = outcome.maxChunkMs;
      summary.maxChunkCase = { seed, file: file.name };
    }
    const c: FuzzCase = { iteration: i, seed, file: file.name, steps, bytes, outcome };
    if (outcome.failures.length > 0 && ++summary.failed <= MAX_KEPT_FAILURES) summary.failures.push(c);
    await opts.onCase?.(c);
    if ((i + 1) % every === 0) sampleHeap();
  }
  sampleHeap();
  return summary;
}
