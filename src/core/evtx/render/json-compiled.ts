import { type Node, NodeKind, type TemplateInstanceNode } from '../binxml/nodes';
import { spendChunkChars } from './budget';
import { ByteSink } from './byte-sink';
import { compileProgram, type Program, programSize } from './json-program';
import { keepWritten, runProgram } from './json-program-run';
import { readRepeat } from './json-repeat';
import { RecordShape, type TemplateJson, templateJson } from './json-shape';
import { renderJsonTextGeneric } from './json-text';

/**
 * Writes a record as evtx_dump-style JSON (one line's text, without the newline) in UTF-8 to
 * `sink`. This is what `logonlens dump` and exports use: records that are one template instance
 * (nearly all) go through a program compiled per template and value shape (json-program.ts) that
 * writes bytes straight from the chunk; the rest through the generic writer (json-text.ts). On a
 * throw (damage in a lazily decoded value, a render limit) nothing of the record stays in `sink`.
 */
export function writeJsonRecord(nodes: readonly Node[], sink: ByteSink): void {
  write(nodes, sink, true);
}

/** `remember`: later records may copy from this one (json-program-run.ts); pointless for a scratch sink. */
function write(nodes: readonly Node[], sink: ByteSink, remember: boolean): void {
  const start = sink.length;
  try {
    const only = nodes.length === 1 ? nodes[0]! : undefined;
    if (only?.k !== NodeKind.TemplateInstance) {
      writeText(sink, renderJsonTextGeneric(nodes));
      return;
    }
    // Most records have the shape of one of their template's last few: checked while comparing with it.
    const recent = templateJson(only.template).recent as Program[];
    let program: Program | null = null;
    for (let i = 0; i < recent.length; i++) {
      if (!readRepeat(only, recent[i]!, shape, sink)) continue;
      program = recent[i]!;
      // To the front (splice and unshift were 1 %).
      for (let k = i; k > 0; k--) recent[k] = recent[k - 1]!;
      recent[0] = program;
      break;
    }
    if (program !== null) {
      repeatStats.repeated++;
      runProgram(program, shape, sink, true);
    } else {
      program = programFor(only);
      if (program === null) {
        writeText(sink, renderJsonTextGeneric(nodes));
        return;
      }
      runProgram(program, shape, sink);
      if (remember) noteRecent(templateJson(only.template), program);
    }
    // The program was compiled under the generic writer's budget, but running it skips that: charge the
    // chunk, or tiny records reusing one huge program add up without limit (13 billion characters from 64 KB).
    spendChunkChars(sink.length - start);
    if (remember) keepWritten(program);
  } catch (e) {
    sink.length = start;
    throw e;
  }
}

const decoder = new TextDecoder();
let scratch = new ByteSink();

/** The same JSON as a string (one record shown in the app, tests). */
export function renderJsonText(nodes: readonly Node[]): string {
  scratch.clear();
  write(nodes, scratch, false);
  const text = decoder.decode(scratch.view());
  // A huge record must not stay pinned in the scratch buffer.
  if (scratch.bytes.length > 1 << 20) scratch = new ByteSink();
  return text;
}

const encoder = new TextEncoder();

/** JSON text (already escaped) as UTF-8. */
function writeText(sink: ByteSink, text: string): void {
  sink.reserve(text.length * 3);
  sink.length += encoder.encodeInto(text, sink.bytes.subarray(sink.length)).written;
}

/** Records written through json-repeat.ts's one pass (the tests check that they are exercised). */
export const repeatStats = { repeated: 0 };

/** Programs json-repeat.ts tries per template: a few event types share a System template. */
const RECENT = 8;

function noteRecent(cache: TemplateJson, program: Program): void {
  // Only programs held in the template's map, which MAX_HELD_BYTES accounts for: a template with more
  // than MAX_SHAPES shapes would otherwise keep unaccounted ones alive here.
  if (cache.programs.get(program.hash) !== program) return;
  const recent = cache.recent as Program[];
  const at = recent.indexOf(program);
  if (at === 0) return;
  if (at > 0) recent.splice(at, 1);
  else if (recent.length >= RECENT) recent.pop();
  recent.unshift(program);
}

/** One shape reader, reused: records are written one at a time. */
const shape = new RecordShape();

/** The program for this record's shape (compiled on first sight), or null for the generic writer. */
function programFor(instance: TemplateInstanceNode): Program | null {
  if (!shape.read(instance)) return null;
  const cache = templateJson(instance.template);
  let program = cache.last as Program | null;
  const hash = shape.hash();
  if (program === null || program.hash !== hash || !shape.equals(program.symbols)) {
    program = (cache.programs.get(hash) as Program | undefined) ?? null;
    if (program === null || !shape.equals(program.symbols)) program = keepProgram(cache, hash, compileProgram(instance, shape));
    cache.last = program;
  }
  return program.fixed === null ? null : program;
}

/** Shapes kept per template: real logs show a handful; hostile ones must not grow memory. */
const MAX_SHAPES = 64;

/**
 * Programs live as long as their template, and shared templates outlive their chunk: so programs are
 * bounded all together, not only per template. A hostile flat template of 54 KB compiled to 4.5 M
 * characters, and 60 such chunks pinned 332 MB. A program over MAX_PROGRAM_BYTES is not kept (its
 * records use the generic writer; real ones are a few KB); past MAX_HELD_BYTES in all, every program
 * map is emptied and programs are compiled again as records need them. 32 MB rather than 16: a log
 * collected from many computers has a System template per computer (the name is literal text in it),
 * and bench/out/logons-1000000.evtx (1,584 of them) needs ~5,000 programs of ~4 KB; at 16 MB they were
 * emptied and compiled again all along (110,000 compilations, 26 s instead of 17 s).
 */
const MAX_PROGRAM_BYTES = 1 << 16;
const MAX_HELD_BYTES = 1 << 25;
let heldBytes = 0;
const held = new Set<TemplateJson>();

function keepProgram(cache: TemplateJson, hash: number, compiled: Program): Program {
  // Too big to keep: the shape is remembered as one for the generic writer.
  const program = programSize(compiled) > MAX_PROGRAM_BYTES ? { ...compiled, fixed: null } : compiled;
  if (cache.programs.size >= MAX_SHAPES && !cache.programs.has(hash)) return program;
  const size = programSize(program);
  if (heldBytes + size > MAX_HELD_BYTES) {
    for (const c of held) {
      c.programs.clear();
      c.last = null;
      c.recent.length = 0;
    }
    held.clear();
    heldBytes = 0;
  }
  // A program replaced under its hash (another shape with the same hash) leaves the recent ones too.
  const replaced = cache.programs.get(hash);
  if (replaced !== undefined && replaced !== program) {
    const at = cache.recent.indexOf(replaced);
    if (at >= 0) cache.recent.splice(at, 1);
  }
  cache.programs.set(hash, program);
  held.add(cache);
  heldBytes += size;
  return program;
}
