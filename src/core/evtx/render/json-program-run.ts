import { MAX_CHARS, RenderLimitError } from './budget';
import type { ByteSink } from './byte-sink';
import type { Program } from './json-program';
import type { RecordShape } from './json-shape';
import { writeValueJson } from './value-json';

/** Where a record written by a program is in its sink, where each of its values went, and where its values came from. */
export class WrittenRecord {
  /** Which sink, by id (a reference would keep a large sink alive), and which of its generations. */
  sink = -1;
  generation = 0;
  /** The chunk the values came from, as RecordShape's serial (a reference would keep its bytes alive). */
  chunk = -1;
  start = 0;
  end = 0;
  /** Per slot of the program: where its value's JSON is in the sink. */
  readonly valueStart: Int32Array;
  readonly valueEnd: Int32Array;
  /**
   * Per level of the shape: where the instance's substitution descriptors are in the chunk. Each
   * value's type, size and place follow from them (the chunk does not change while it is visited),
   * so nothing is stored per value.
   */
  readonly levelDescriptor: Int32Array;
  /** And where its values end. */
  readonly levelEnd: Int32Array;
  /** Per value symbol of class Nested (others unused): where the value is (json-repeat.ts checks the record's first). */
  readonly nestedAt: Int32Array;
  constructor(slots: number, levels: number, symbols: number) {
    this.nestedAt = new Int32Array(symbols);
    this.valueStart = new Int32Array(slots);
    this.valueEnd = new Int32Array(slots);
    this.levelDescriptor = new Int32Array(levels);
    this.levelEnd = new Int32Array(levels);
  }
}

/**
 * Writes a record of the program's shape and notes where it went in `program.next`; `keepWritten`
 * makes it the program's `last` once the record is accepted. Either `shape` has just read the record
 * (RecordShape.read), or, `known`, json-repeat.ts has: it set `program.next.levelDescriptor`, and the
 * type, size and offset in `shape` of each value that differs from the last record's, which it marked
 * with `shape.stamp` in `shape.changed`.
 *
 * Consecutive records of one event type repeat most values (provider, channel, computer, account,
 * domain, logon id…). When the program's last record is still in the sink and came from the same
 * chunk, each value is compared with the last record's, byte for byte in the chunk, and every
 * stretch of output up to the next value that differs (fixed text and unchanged values alike) is
 * copied from the last record's output in one move. Only values that differ are written anew.
 * The chunk's bytes cannot change while its records are visited; across chunks nothing is reused.
 */
export function runProgram(program: Program, shape: RecordShape, sink: ByteSink, known = false): void {
  const next = program.next;
  next.sink = sink.id;
  next.generation = sink.generation;
  next.chunk = shape.chunkSerial;
  next.start = sink.length;
  if (!known) {
    // Where each level's descriptors are: before its first value (MS-EVEN6 2.2.12.2).
    const { symbols, levelStart } = program;
    const levels = levelStart.length;
    for (let l = 0; l < levels; l++) {
      const start = levelStart[l]!;
      const count = symbols[start + 1]!;
      const lastValue = start + 1 + count;
      next.levelDescriptor[l] = count > 0 ? shape.offsets[start + 2]! - 4 * count : 0;
      next.levelEnd[l] = count > 0 ? shape.offsets[lastValue]! + shape.sizes[lastValue]! : 0;
    }
    const nested = program.nested;
    for (let j = 0; j < nested.length; j++) next.nestedAt[2 + nested[j]!] = shape.offsets[2 + nested[j]!]!;
  }
  if (known) writeChanges(program, shape, sink);
  else if (canCopy(program, shape, sink)) {
    markChanges(program, shape);
    writeChanges(program, shape, sink);
  } else writeAll(program, shape, sink);
  next.end = sink.length;
}

/** True when the program's last record is still in `sink` and came from the chunk `shape` reads. */
export function canCopy(program: Program, shape: RecordShape, sink: ByteSink): boolean {
  const last = program.last;
  return last.sink === sink.id && last.generation === sink.generation && last.chunk === shape.chunkSerial && last.end <= sink.length;
}

/** Marks the values `shape` read that differ from the last record's (type, size or bytes), as json-repeat.ts does. */
function markChanges(program: Program, shape: RecordShape): void {
  const { symbols, levelStart } = program;
  const { types, sizes, offsets, changed, chunk, chunkWords } = shape;
  const stamp = shape.nextStamp();
  const levels = levelStart.length;
  for (let l = 0; l < levels; l++) {
    const start = levelStart[l]!;
    const count = symbols[start + 1]!;
    let descriptor = program.last.levelDescriptor[l]!;
    let before = descriptor + 4 * count;
    for (let i = 0; i < count; i++, descriptor += 4) {
      const at = start + 2 + i;
      const size = chunk[descriptor]! | (chunk[descriptor + 1]! << 8);
      if (types[at] !== chunk[descriptor + 2] || sizes[at] !== size || !sameBytes(chunk, chunkWords, offsets[at]!, before, size)) changed[at] = stamp;
      before += size;
    }
  }
}

/** After a record was accepted: it is the one later records compare with. */
export function keepWritten(program: Program): void {
  const last = program.last;
  program.last = program.next;
  program.next = last;
}

/**
 * Copies of at least this many bytes use copyWithin/set (a memmove, ~20–50 ns a call); shorter ones
 * go four bytes at a time through DataViews (~0.45 ns a byte; a byte loop takes ~0.9).
 */
const COPY_WITH_CALL = 64;

/** Copies `fixed[from, to)` (the program's fixed text) to the end of `sink`. */
function copyFixed(sink: ByteSink, fixed: Uint8Array, words: DataView, from: number, to: number): void {
  const n = to - from;
  sink.reserve(n);
  let p = sink.length;
  sink.length = p + n;
  if (n >= COPY_WITH_CALL) {
    sink.bytes.set(fixed.subarray(from, to), p);
    return;
  }
  const out = sink.words;
  let i = from;
  for (; i + 4 <= to; i += 4, p += 4) out.setUint32(p, words.getUint32(i, true), true);
  const bytes = sink.bytes;
  for (; i < to; i++) bytes[p++] = fixed[i]!;
}

/** Copies `sink[from, to)`, written earlier, to the end of `sink`. */
function copyEarlier(sink: ByteSink, from: number, to: number): void {
  const n = to - from;
  sink.reserve(n);
  let p = sink.length;
  sink.length = p + n;
  if (n >= COPY_WITH_CALL) {
    sink.bytes.copyWithin(p, from, to);
    return;
  }
  const words = sink.words;
  let i = from;
  for (; i + 4 <= to; i += 4, p += 4) words.setUint32(p, words.getUint32(i, true), true);
  const bytes = sink.bytes;
  for (; i < to; i++) bytes[p++] = bytes[i]!;
}

function writeValue(program: Program, shape: RecordShape, sink: ByteSink, k: number, at: number): void {
  const next = program.next;
  next.valueStart[k] = sink.length;
  writeValueJson(sink, shape.types[at]!, shape.sizes[at]!, shape.chunk, shape.chunkWords, shape.offsets[at]!, shape.ctx);
  next.valueEnd[k] = sink.length;
  // The per-record limit the generic writer enforces: thousands of slots of one long value would
  // otherwise write gigabytes before the record is charged to its chunk.
  if (sink.length - next.start > MAX_CHARS) throw new RenderLimitError(`record expands to more than ${MAX_CHARS} characters`);
}

/** The whole record: fixed pieces and every value. */
function writeAll(program: Program, shape: RecordShape, sink: ByteSink): void {
  const fixed = program.fixed!;
  const words = program.fixedWords!;
  const { pieceEnd, slot } = program;
  let from = 0;
  // Lengths read once: V8 re-reads a typed array's length as a double on every loop test.
  const slots = slot.length;
  for (let k = 0; k < slots; k++) {
    const to = pieceEnd[k]!;
    copyFixed(sink, fixed, words, from, to);
    from = to;
    writeValue(program, shape, sink, k, slot[k]!);
  }
  copyFixed(sink, fixed, words, from, fixed.length);
}

/** True when `size` bytes at `a` and at `b` of the chunk are equal. */
export function sameBytes(chunk: Uint8Array, words: DataView, a: number, b: number, size: number): boolean {
  if (a === b) return true;
  let i = 0;
  for (; i + 4 <= size; i += 4) if (words.getInt32(a + i, true) !== words.getInt32(b + i, true)) return false;
  for (; i < size; i++) if (chunk[a + i] !== chunk[b + i]) return false;
  return true;
}

/** The record as the last one, with the values marked changed (`shape.changed`) written anew. */
function writeChanges(program: Program, shape: RecordShape, sink: ByteSink): void {
  const { last, next, slot } = program;
  const { changed, stamp } = shape;
  // Every array in a local: the loop calls out (copies, writes), after which V8 would load them again.
  const { valueStart: lastStart, valueEnd: lastEnd } = last;
  const { valueStart: nextStart, valueEnd: nextEnd } = next;
  // The last record's output from `from` on is still to be copied; `shift` maps its positions to this record's.
  let from = last.start;
  let shift = sink.length - from;
  const slots = slot.length;
  for (let k = 0; k < slots; k++) {
    const at = slot[k]!;
    if (changed[at] !== stamp) {
      nextStart[k] = lastStart[k]! + shift;
      nextEnd[k] = lastEnd[k]! + shift;
      continue;
    }
    copyEarlier(sink, from, lastStart[k]!);
    writeValue(program, shape, sink, k, at);
    from = lastEnd[k]!;
    shift = sink.length - from;
  }
  copyEarlier(sink, from, last.end);
}
