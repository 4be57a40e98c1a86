import type { Fragment, Substitutions, TemplateInstanceNode, Value } from '../binxml/nodes';
import { WrittenRecord } from './json-program-run';
import type { RecordShape } from './json-shape';
import { renderJsonTextGeneric } from './json-text';
import { ValueClass } from './value-json';

/**
 * A JSON writer compiled for one record shape (json-shape.ts): the generic writer runs once on
 * stand-in values, unique markers where the scalars go, and its output is cut at the markers into
 * fixed pieces, kept as UTF-8 bytes, and value slots. Records of that shape are then written by
 * copying the pieces and writing each value from the chunk (json-program-run.ts): no tree walk, no
 * strings. Anything the markers show cannot be cut this way (a value inside a longer text, or used
 * as a key) keeps the generic writer, which stays the reference: the corpus tests compare both.
 */
export interface Program {
  /** The shape's symbols, compared on lookup (the hash only finds candidates). */
  readonly symbols: Int32Array;
  /** RecordShape's hash of them: most mismatches are told without comparing. */
  readonly hash: number;
  /** All fixed pieces, one after the other; null when this shape uses the generic writer. */
  readonly fixed: Uint8Array | null;
  readonly fixedWords: DataView | null;
  /** Per slot: where the fixed piece before it ends, where its value is in the shape's arrays, and which instance (level) and value it is. */
  readonly pieceEnd: Int32Array;
  readonly slot: Int32Array;
  readonly level: Int32Array;
  readonly index: Int32Array;
  /** Where each level's block starts in `symbols` (RecordShape's levelStart). */
  readonly levelStart: Int32Array;
  /** The record's own values that are nested BinXML, by index. */
  readonly nested: Int32Array;
  /** Per value symbol of class Nested: the level its instance is (depth first, RecordShape's numbering). */
  readonly childLevel: Int32Array;
  /** The last record written with the program, and the one being written (json-program-run.ts). */
  last: WrittenRecord;
  next: WrittenRecord;
}

// Markers carry a per-process random nonce, so that no text in a log can pose as one.
const NONCE = Math.random().toString(36).slice(2, 10);
const MARK = '\u0001';
const markerPattern = new RegExp(`"\\\\u0001${NONCE}:(\\d+):(\\d+)\\\\u0001"`, 'g');

/** Stand-in values of one instance, by the classes the shape read: markers for scalars. */
class TracedSubstitutions implements Substitutions {
  constructor(
    private readonly real: Substitutions,
    private readonly shape: RecordShape,
    private readonly level: number,
    private readonly nested: Map<number, Fragment>,
  ) {}
  get count(): number {
    return this.real.count;
  }
  get chunk(): Uint8Array {
    return this.real.chunk;
  }
  type(index: number): number {
    return this.real.type(index);
  }
  raw(index: number): Uint8Array {
    return this.real.raw(index);
  }
  offset(index: number): number {
    return this.real.offset(index);
  }
  size(index: number): number {
    return this.real.size(index);
  }
  get(index: number): Value {
    switch (this.shape.classOf(this.level, index)) {
      case ValueClass.Absent:
        return null;
      case ValueClass.Empty:
        return '';
      case ValueClass.Nested:
        return this.nested.get(index)!;
      default:
        return `${MARK}${NONCE}:${this.level}:${index}${MARK}`;
    }
  }
}

function traced(instance: TemplateInstanceNode, shape: RecordShape, counter: { next: number }): TemplateInstanceNode {
  const level = counter.next++;
  const nested = new Map<number, Fragment>();
  // Depth-first, in value order: the numbering of RecordShape's levels.
  for (let i = 0; i < instance.args.count; i++) {
    if (shape.classOf(level, i) !== ValueClass.Nested) continue;
    const inner = (instance.args.get(i) as Fragment).nodes[0] as TemplateInstanceNode;
    nested.set(i, { kind: 'fragment', nodes: [traced(inner, shape, counter)] });
  }
  return { ...instance, args: new TracedSubstitutions(instance.args, shape, level, nested) };
}

const encoder = new TextEncoder();

/** Compiles the writer for `instance`, whose shape `shape` has just read. */
export function compileProgram(instance: TemplateInstanceNode, shape: RecordShape): Program {
  const symbols = shape.symbols.slice(0, shape.length);
  const none = new Int32Array(0);
  const generic: Program = { symbols, hash: shape.hash(), fixed: null, fixedWords: null, pieceEnd: none, slot: none, level: none, index: none, levelStart: none, nested: none, childLevel: none, last: new WrittenRecord(0, 0, 0), next: new WrittenRecord(0, 0, 0) };
  let text: string;
  try {
    text = renderJsonTextGeneric([traced(instance, shape, { next: 0 })]);
  } catch {
    return generic;
  }
  const pieces: string[] = [];
  const level: number[] = [];
  const index: number[] = [];
  let last = 0;
  for (const m of text.matchAll(markerPattern)) {
    const l = Number(m[1]);
    if (l >= shape.levelCount) return generic;
    pieces.push(text.slice(last, m.index));
    level.push(l);
    index.push(Number(m[2]));
    last = m.index! + m[0].length;
  }
  pieces.push(text.slice(last));
  // A marker that is not a whole JSON value (joined with other text, or used as a key) cannot be
  // replaced by a value: such shapes keep the generic writer.
  for (const t of pieces) if (t.includes(`u0001${NONCE}`)) return generic;
  const encoded = pieces.map((t) => encoder.encode(t));
  const fixed = new Uint8Array(encoded.reduce((n, e) => n + e.length, 0));
  const pieceEnd = new Int32Array(level.length);
  let at = 0;
  encoded.forEach((e, k) => {
    fixed.set(e, at);
    at += e.length;
    if (k < level.length) pieceEnd[k] = at;
  });
  const slot = Int32Array.from(level, (l, k) => shape.levelStart[l]! + 2 + index[k]!);
  return {
    symbols,
    hash: shape.hash(),
    fixed,
    fixedWords: new DataView(fixed.buffer),
    pieceEnd,
    slot,
    level: Int32Array.from(level),
    index: Int32Array.from(index),
    levelStart: Int32Array.from(shape.levelStart.slice(0, shape.levelCount)),
    nested: Int32Array.from(Array.from(symbols.subarray(2, 2 + symbols[1]!).entries()).filter(([, c]) => c === ValueClass.Nested).map(([i]) => i)),
    childLevel: childLevels(symbols, shape.levelStart),
    last: new WrittenRecord(slot.length, shape.levelCount, symbols.length),
    next: new WrittenRecord(slot.length, shape.levelCount, symbols.length),
  };
}

/** The level of each nested value's instance: numbered as RecordShape.add numbers them, depth first in value order. */
function childLevels(symbols: Int32Array, levelStart: readonly number[]): Int32Array {
  const child = new Int32Array(symbols.length);
  let next = 1;
  const walk = (l: number): void => {
    const start = levelStart[l]!;
    for (let i = 0; i < symbols[start + 1]!; i++) {
      if (symbols[start + 2 + i] !== ValueClass.Nested) continue;
      const c = next++;
      child[start + 2 + i] = c;
      walk(c);
    }
  };
  walk(0);
  return child;
}

/** Bytes a program holds, for the bounds on what programs may keep. */
export function programSize(program: Program): number {
  return (program.fixed?.length ?? 0) + 4 * (4 * program.symbols.length + 2 * program.levelStart.length + 8 * program.level.length);
}
