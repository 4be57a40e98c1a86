import type { Fragment, Substitutions, Template, TemplateInstanceNode } from '../binxml/nodes';
import { ValueClass, valueClass } from './value-json';

const MAX_LEVELS = 8;
const MAX_DEPTH = 4;
/** Real records have a few dozen values; a hostile instance with thousands keeps the generic writer. */
const MAX_SYMBOLS = 4096;

/**
 * The shape of a record that is one template instance: per instance (the record's, then those
 * nested in its values, depth first in value order, the same numbering the compiler uses) a block
 * of symbols [template id, value count, class of each value]. Two records with equal symbols have
 * the same JSON apart from their scalar values. Held in one reused array and hashed as numbers:
 * a shape string per record cost ~7 % of writing full records.
 */
export class RecordShape {
  readonly symbols = new Int32Array(MAX_SYMBOLS);
  /** Per value symbol: the value's type, size and chunk offset, read once here for the writer. */
  readonly types = new Int32Array(MAX_SYMBOLS);
  readonly sizes = new Int32Array(MAX_SYMBOLS);
  readonly offsets = new Int32Array(MAX_SYMBOLS);
  /** The chunk all values are in, and a DataView of it (made once per chunk). */
  chunk: Uint8Array = new Uint8Array(0);
  chunkWords = new DataView(this.chunk.buffer);
  /** Changes whenever `chunk` does: identifies it without holding on to it (see json-program-run.ts). */
  chunkSerial = 0;
  length = 0;
  /** The instances' values, by level. */
  readonly levels: Substitutions[] = [];
  /** Where each level's block starts in `symbols`. */
  readonly levelStart: number[] = [];
  levelCount = 0;

  /** Reads the shape of `instance`; false when it has values that are not compiled (arrays, …). */
  read(instance: TemplateInstanceNode): boolean {
    this.length = 0;
    this.levelCount = 0;
    return this.add(instance, 0);
  }

  /** A hash of the symbols: only needed when the template's last program does not fit. */
  hash(): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < this.length; i++) h = Math.imul(h ^ this.symbols[i]!, 0x01000193);
    return h;
  }

  /** The class of value `index` of level `level`. */
  classOf(level: number, index: number): ValueClass {
    const start = this.levelStart[level]!;
    return index < this.symbols[start + 1]! ? (this.symbols[start + 2 + index]! as ValueClass) : ValueClass.Absent;
  }

  equals(symbols: Int32Array): boolean {
    const n = symbols.length;
    if (n !== this.length) return false;
    const own = this.symbols;
    for (let i = 0; i < n; i++) if (symbols[i] !== own[i]) return false;
    return true;
  }

  private add(instance: TemplateInstanceNode, depth: number): boolean {
    const args = instance.args;
    const count = args.count;
    if (this.levelCount >= MAX_LEVELS || depth > MAX_DEPTH || this.length + 2 + count > MAX_SYMBOLS) return false;
    const level = this.levelCount++;
    this.levels[level] = args;
    const start = this.length;
    this.levelStart[level] = start;
    this.length = start + 2 + count;
    const { symbols, types, sizes, offsets } = this;
    const chunk = args.chunk;
    if (chunk !== this.chunk) {
      this.chunk = chunk;
      this.chunkSerial++;
      this.chunkWords = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
    symbols[start] = templateJson(instance.template).id;
    symbols[start + 1] = count;
    // The substitution array as stored (MS-EVEN6 2.2.12.2): a 4-byte descriptor per value (size, type,
    // padding), then the values one after the other. Read here in one sweep rather than through
    // three calls per value, which cost a tenth of writing a record.
    let offset = count > 0 ? args.offset(0) : 0;
    let descriptor = offset - 4 * count;
    for (let i = 0; i < count; i++, descriptor += 4) {
      const at = start + 2 + i;
      const size = (sizes[at] = chunk[descriptor]! | (chunk[descriptor + 1]! << 8));
      const type = (types[at] = chunk[descriptor + 2]!);
      offsets[at] = offset;
      const c = valueClass(type, size, chunk, offset, args, i);
      offset += size;
      if (c === ValueClass.Other) return false;
      symbols[at] = c;
      if (c === ValueClass.Nested && !this.add((args.get(i) as Fragment).nodes[0] as TemplateInstanceNode, depth + 1)) return false;
    }
    return true;
  }
}


/** What the JSON writer keeps per template: an id for shapes, and the programs compiled for it. */
export interface TemplateJson {
  readonly id: number;
  readonly programs: Map<number, unknown>;
  /** The program used last: records of one template mostly share a shape. */
  last: unknown;
}

let nextTemplateId = 0;

export function templateJson(template: Template): TemplateJson {
  return (template.jsonPrograms ??= { id: nextTemplateId++, programs: new Map(), last: null } satisfies TemplateJson) as TemplateJson;
}
