import type { Fragment, Substitutions, Template, TemplateInstanceNode } from '../binxml/nodes';
import { ValueClass, valueClass } from './value-json';

/**
 * The shape of a record that is one template instance: per instance (the record's, then those
 * nested in its values, depth first in value order, the same numbering the compiler uses) a block
 * of symbols [template id, value count, class of each value]. Two records with equal symbols have
 * the same JSON apart from their scalar values. Held in one reused array and hashed as numbers:
 * a shape string per record cost ~7 % of writing full records.
 */
export class RecordShape {
  symbols = new Int32Array(256);
  /** Per value symbol: the value's type, size and chunk offset, read once here for the writer. */
  types = new Int32Array(256);
  sizes = new Int32Array(256);
  offsets = new Int32Array(256);
  /** The chunk all values are in, and a DataView of it (made once per chunk). */
  chunk: Uint8Array = new Uint8Array(0);
  chunkWords = new DataView(this.chunk.buffer);
  length = 0;
  hash = 0;
  /** The instances' values, by level. */
  readonly levels: Substitutions[] = [];
  /** Where each level's block starts in `symbols`. */
  readonly levelStart: number[] = [];
  levelCount = 0;

  /** Reads the shape of `instance`; false when it has values that are not compiled (arrays, …). */
  read(instance: TemplateInstanceNode): boolean {
    this.length = 0;
    this.levelCount = 0;
    if (!this.add(instance, 0)) return false;
    let h = 0x811c9dc5;
    for (let i = 0; i < this.length; i++) h = Math.imul(h ^ this.symbols[i]!, 0x01000193);
    this.hash = h;
    return true;
  }

  /** The class of value `index` of level `level`. */
  classOf(level: number, index: number): ValueClass {
    const start = this.levelStart[level]!;
    return index < this.symbols[start + 1]! ? (this.symbols[start + 2 + index]! as ValueClass) : ValueClass.Absent;
  }

  equals(symbols: Int32Array): boolean {
    if (symbols.length !== this.length) return false;
    for (let i = 0; i < symbols.length; i++) if (symbols[i] !== this.symbols[i]) return false;
    return true;
  }

  private grow(): void {
    const grown = (a: Int32Array) => {
      const b = new Int32Array(MAX_SYMBOLS);
      b.set(a);
      return b;
    };
    this.symbols = grown(this.symbols);
    this.types = grown(this.types);
    this.sizes = grown(this.sizes);
    this.offsets = grown(this.offsets);
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
    if (this.length > this.symbols.length) this.grow();
    const { symbols, types, sizes, offsets } = this;
    const chunk = args.chunk;
    if (chunk !== this.chunk) {
      this.chunk = chunk;
      this.chunkWords = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
    symbols[start] = templateJson(instance.template).id;
    symbols[start + 1] = count;
    for (let i = 0; i < count; i++) {
      const at = start + 2 + i;
      const type = (types[at] = args.type(i));
      const size = (sizes[at] = args.size(i));
      const offset = (offsets[at] = args.offset(i));
      const c = valueClass(type, size, chunk, offset, args, i);
      if (c === ValueClass.Other) return false;
      symbols[at] = c;
      if (c === ValueClass.Nested && !this.add((args.get(i) as Fragment).nodes[0] as TemplateInstanceNode, depth + 1)) return false;
    }
    return true;
  }
}

const MAX_LEVELS = 8;
const MAX_DEPTH = 4;
/** Real records have a few dozen values; a hostile instance with thousands keeps the generic writer. */
const MAX_SYMBOLS = 4096;

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
