import type { TemplateInstanceNode } from '../binxml/nodes';
import { ValueType } from '../binxml/values';
import type { ByteSink } from './byte-sink';
import type { Program } from './json-program';
import { canCopy, sameBytes } from './json-program-run';
import type { RecordShape } from './json-shape';
import { scalarValueClass, ValueClass } from './value-json';

/**
 * One pass over a record that may have the shape of one of its template's recent programs: each value
 * is compared with the program's last record's (type, size, bytes) while the shape is checked, so that
 * only values that differ are classified, and the record is then written from the comparison
 * (json-program-run.ts, `known`). Reading the shape first and comparing afterwards touched every value
 * twice, and parsed the nested EventData fragment of every record into nodes.
 *
 * The nested fragment is read here from its bytes instead: when its template instance's header (after
 * a fragment header, if there is one) equals the last record's, it names the same definition offset in
 * the same chunk, hence the same template, and its substitution array is read as the parser would.
 * Anything the parser would do differently (an inline definition, a second fragment after the values,
 * a size that does not fit) returns false before anything is written, and the record takes the full
 * path (RecordShape, programFor), which also reports damage exactly as before.
 *
 * Returns false, with `shape` and `program.next` partly overwritten (both are filled afresh before they
 * are read again), when the record does not fit `program` or the last record cannot be copied from.
 */
export function readRepeat(instance: TemplateInstanceNode, program: Program, shape: RecordShape, sink: ByteSink): boolean {
  const args = instance.args;
  if (args.chunk !== shape.chunk || program.fixed === null || !canCopy(program, shape, sink)) return false;
  const count = args.count;
  if (count !== program.symbols[1]) return false;
  const offset = count > 0 ? args.offset(0) : 0;
  // The nested fragments' headers first: when another event type shares the System template, its
  // EventData instantiates another template, and that is told without comparing the values before it.
  const nested = program.nested;
  const chunk = shape.chunk;
  const words = shape.chunkWords;
  const nestedAt = program.last.nestedAt;
  for (let j = 0; j < nested.length; j++) {
    const i = nested[j]!;
    const o = args.offset(i);
    if (o + HEADER > chunk.length || !sameBytes(chunk, words, o, nestedAt[2 + i]!, HEADER)) return false;
  }
  shape.nextStamp();
  return level(program, shape, 0, offset - 4 * count, offset);
}

/**
 * The values of level `l`, whose descriptors are at `descriptor` and values from `offset` on, against
 * the last record's (found from its descriptors). Runs of values whose descriptors (type and size)
 * equal the last record's are compared as one run of bytes, four at a time, and only values holding a
 * difference are looked at (most records change ~4 of ~34 values); a value whose descriptor differs
 * has changed.
 */
function level(program: Program, shape: RecordShape, l: number, descriptor: number, offset: number): boolean {
  const symbols = program.symbols;
  const start = program.levelStart[l]!;
  const count = symbols[start + 1]!;
  const next = program.next;
  next.levelDescriptor[l] = descriptor;
  const lastDescriptor = program.last.levelDescriptor[l]!;
  let before = lastDescriptor + 4 * count;
  const { types, sizes, offsets, changed, chunk, chunkWords, stamp } = shape;
  let i = 0;
  while (i < count) {
    let j = i;
    let bytes = 0;
    while (j < count && chunkWords.getInt32(descriptor + 4 * j, true) === chunkWords.getInt32(lastDescriptor + 4 * j, true)) {
      bytes += chunk[descriptor + 4 * j]! | (chunk[descriptor + 4 * j + 1]! << 8);
      j++;
    }
    if (j > i) {
      if (!run(program, shape, start + 2, i, j, descriptor + 4 * i, offset, before - offset, bytes)) return false;
      offset += bytes;
      before += bytes;
      i = j;
      continue;
    }
    // Another type or size (or descriptor padding): changed.
    const d = descriptor + 4 * i;
    const size = chunk[d]! | (chunk[d + 1]! << 8);
    const type = chunk[d + 2]!;
    const at = start + 2 + i;
    changed[at] = stamp;
    types[at] = type;
    sizes[at] = size;
    offsets[at] = offset;
    const c = symbols[at]!;
    if (c === ValueClass.Nested) {
      next.nestedAt[at] = offset;
      if (type !== ValueType.BinXml || !nested(program, shape, program.childLevel[at]!, offset, size, before)) return false;
    } else if (scalarValueClass(type, size, chunk, offset, shape.ctx) !== c) return false;
    offset += size;
    before += chunk[lastDescriptor + 4 * i]! | (chunk[lastDescriptor + 4 * i + 1]! << 8);
    i++;
  }
  next.levelEnd[l] = offset;
  return true;
}

/**
 * Values [i, j) of a level (symbols from `first`), descriptors from `d`, `n` bytes from `offset`; the
 * last record's are `delta` bytes away and have the same types and sizes.
 */
function run(program: Program, shape: RecordShape, first: number, i: number, j: number, d: number, offset: number, delta: number, n: number): boolean {
  const symbols = program.symbols;
  const next = program.next;
  const { types, sizes, offsets, changed, chunk, chunkWords, stamp } = shape;
  const end = offset + n;
  let value = offset;
  for (;;) {
    const diff = firstDifference(chunk, chunkWords, value, value + delta, end - value);
    const stop = diff < 0 ? end : diff;
    // Values that end before the difference are unchanged (nested ones keep their levels, shifted).
    for (; i < j; i++, d += 4) {
      const size = chunk[d]! | (chunk[d + 1]! << 8);
      if (value + size > stop) break;
      const at = first + i;
      if (symbols[at] === ValueClass.Nested) {
        next.nestedAt[at] = value;
        unchanged(program, program.childLevel[at]!, -delta);
      }
      value += size;
    }
    if (diff < 0 || i >= j) return true;
    // Value i holds the first difference.
    const at = first + i;
    const size = chunk[d]! | (chunk[d + 1]! << 8);
    const type = chunk[d + 2]!;
    changed[at] = stamp;
    types[at] = type;
    sizes[at] = size;
    offsets[at] = value;
    const c = symbols[at]!;
    if (c === ValueClass.Nested) {
      next.nestedAt[at] = value;
      if (type !== ValueType.BinXml || !nested(program, shape, program.childLevel[at]!, value, size, value + delta)) return false;
    } else if (scalarValueClass(type, size, chunk, value, shape.ctx) !== c) return false;
    value += size;
    d += 4;
    i++;
  }
}

/** Where `n` bytes at `a` and at `b` of the chunk first differ (as a position from `a`'s side), or -1. */
function firstDifference(chunk: Uint8Array, words: DataView, a: number, b: number, n: number): number {
  let i = 0;
  for (; i + 4 <= n; i += 4) if (words.getInt32(a + i, true) !== words.getInt32(b + i, true)) break;
  for (; i < n; i++) if (chunk[a + i] !== chunk[b + i]) return a + i;
  return -1;
}

/** A nested level whose fragment is byte for byte the last record's, `shift` bytes on: its levels are where the last record's were, shifted. */
function unchanged(program: Program, l: number, shift: number): void {
  program.next.levelDescriptor[l] = program.last.levelDescriptor[l]! + shift;
  program.next.levelEnd[l] = program.last.levelEnd[l]! + shift;
  const symbols = program.symbols;
  const start = program.levelStart[l]!;
  const count = symbols[start + 1]!;
  for (let i = 0; i < count; i++) if (symbols[start + 2 + i] === ValueClass.Nested) unchanged(program, program.childLevel[start + 2 + i]!, shift);
}

const FRAGMENT_HEADER = 0x0f;
const TEMPLATE_INSTANCE = 0x0c;
/**
 * Bytes compared first: the instance's header (token, a byte, template id, definition offset), after
 * a fragment header (4 bytes) when there is one (Security's EventData has none).
 */
const HEADER = 14;

/** BinXML at `offset` (`size` bytes) that differs from the last record's at `before`: read as BinXmlParser would. */
function nested(program: Program, shape: RecordShape, l: number, offset: number, size: number, before: number): boolean {
  const chunk = shape.chunk;
  const words = shape.chunkWords;
  const end = offset + size;
  // BinXmlParser.parseFragmentAt: a fragment header is skipped, then the instance.
  const instance = chunk[offset] === FRAGMENT_HEADER ? offset + 4 : offset;
  if (instance + 14 > end || chunk[instance] !== TEMPLATE_INSTANCE) return false;
  const pos = instance + 10;
  // The same definition offset in the same chunk: the parser's template for it, the one the last record had.
  if (!sameBytes(chunk, words, offset, before, pos - offset)) return false;
  // A definition stored inline (its offset is right here) is skipped by the parser: left to it.
  if (words.getUint32(instance + 6, true) === pos) return false;
  const count = words.getUint32(pos, true);
  if (count !== program.symbols[program.levelStart[l]! + 1]) return false;
  const descriptors = pos + 4;
  if (count * 4 > end - descriptors) return false;
  let valuesEnd = descriptors + 4 * count;
  for (let i = 0; i < count; i++) valuesEnd += chunk[descriptors + 4 * i]! | (chunk[descriptors + 4 * i + 1]! << 8);
  if (valuesEnd > end) return false;
  // After the instance the parser tries a further fragment (BinXmlParser.tolerantTail): one would make
  // the value more than one instance, another class.
  let p = valuesEnd;
  if (chunk[p] === 0) p++;
  const next = chunk[p]! & 0xbf;
  if (end - p >= 16 && (next === FRAGMENT_HEADER || next === 0x01 || next === TEMPLATE_INSTANCE)) return false;
  return level(program, shape, l, descriptors, descriptors + 4 * count);
}
