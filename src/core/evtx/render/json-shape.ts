import { type Fragment, type Node, NodeKind, type Substitutions, type Template, type TemplateInstanceNode } from '../binxml/nodes';
import { EvtxFormatError } from '../errors';
import type { ValueContext } from '../binxml/values';
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
  /** Per value symbol: `stamp` when the value differs from the program's last record's (json-program-run.ts, json-repeat.ts). */
  readonly changed = new Int32Array(MAX_SYMBOLS);
  /** Advanced per record compared (nextStamp), so that marks need no clearing. */
  stamp = 0;

  /** A new mark for `changed`; the marks are cleared once in a billion records rather than wrap. */
  nextStamp(): number {
    if (this.stamp >= 0x3fffffff) {
      this.changed.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }
  /** The chunk all values are in, and a DataView of it (made once per chunk). */
  chunk: Uint8Array = new Uint8Array(0);
  chunkWords = new DataView(this.chunk.buffer);
  /** The chunk as the value decoder reads it (values written through the decoder). */
  ctx: ValueContext = chunkValues(this.chunk, this.chunkWords);
  /** Changes whenever `chunk` does: identifies it without holding on to it (see json-program-run.ts). */
  chunkSerial = 0;
  length = 0;
  /** The instances' values, by level. */
  readonly levels: Substitutions[] = [];
  /** Where each level's block starts in `symbols`. */
  readonly levelStart: number[] = [];
  levelCount = 0;
  /**
   * A hash of the symbols, built as they are written (equal symbols are written in the same order):
   * records of one System template alternate between event types, so the template's last program
   * often does not fit and a hash is needed for most records; a separate pass over the symbols was 4 %.
   */
  private h = 0;

  /** Reads the shape of `instance`; false when it has values that are not compiled (arrays, …). */
  read(instance: TemplateInstanceNode): boolean {
    this.length = 0;
    this.levelCount = 0;
    this.h = 0x811c9dc5;
    return this.add(instance, 0);
  }

  /** A hash of the symbols read (30 bits: a small integer, which a Map hashes faster than a heap number). */
  hash(): number {
    return this.h & 0x3fffffff;
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
      this.ctx = chunkValues(chunk, this.chunkWords);
    }
    const id = templateJson(instance.template).id;
    symbols[start] = id;
    symbols[start + 1] = count;
    let h = Math.imul(Math.imul(this.h ^ id, 0x01000193) ^ count, 0x01000193);
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
      h = Math.imul(h ^ c, 0x01000193);
      if (c === ValueClass.Nested) {
        this.h = h;
        if (!this.add((args.get(i) as Fragment).nodes[0] as TemplateInstanceNode, depth + 1)) return false;
        h = this.h;
      }
    }
    this.h = h;
    return true;
  }
}


/** A chunk for decodeValue: only BinXML values would need the parser, and those are never decoded through this. */
function chunkValues(bytes: Uint8Array, view: DataView): ValueContext {
  return {
    bytes,
    view,
    parseNested(offset: number): never {
      throw new EvtxFormatError('nested BinXML decoded outside its parser', offset);
    },
  };
}

/** What the JSON writer keeps per template: an id for shapes, and the programs compiled for it. */
export interface TemplateJson {
  readonly id: number;
  readonly programs: Map<number, unknown>;
  /** The program used last: records of one template mostly share a shape. */
  last: unknown;
  /**
   * The programs used last, most recent first (json-repeat.ts tries them): one System template serves
   * several event types, and Security logs interleave them (4624 and 4672 come in pairs).
   */
  readonly recent: unknown[];
}

let nextTemplateId = 0;

/**
 * Templates whose definitions read the same (names, text, substitutions) share one entry, so
 * their programs are compiled once. Each chunk repeats its definitions, and the cross-chunk
 * template cache only merges byte-identical ones: a definition that refers to its names by offset
 * (names stored once per chunk, wherever the chunk put them first) is a new Template in every chunk.
 * On bench/out/logons-1000000.evtx that was 3.3 new templates and 9.4 compiled programs per chunk,
 * most of the time spent writing full records. Bounded like the template cache: emptied when full
 * (entries already attached to templates stay valid, they are only no longer found).
 */
const byStructure = new Map<string, TemplateJson>();
const MAX_STRUCTURES = 4096;
const MAX_STRUCTURE_CHARS = 1 << 22;
let structureChars = 0;

export function templateJson(template: Template): TemplateJson {
  return (template.jsonPrograms ??= sharedTemplateJson(template)) as TemplateJson;
}

function sharedTemplateJson(template: Template): TemplateJson {
  const key = structureKey(template);
  if (key === null || key.length > MAX_STRUCTURE_CHARS >> 4) return { id: nextTemplateId++, programs: new Map(), last: null, recent: [] };
  const known = byStructure.get(key);
  if (known !== undefined) return known;
  if (byStructure.size >= MAX_STRUCTURES || structureChars + key.length > MAX_STRUCTURE_CHARS) {
    byStructure.clear();
    structureChars = 0;
  }
  const fresh: TemplateJson = { id: nextTemplateId++, programs: new Map(), last: null, recent: [] };
  byStructure.set(key, fresh);
  structureChars += key.length;
  return fresh;
}

/**
 * Everything of a definition that the JSON writers read, as one unambiguous string (each text
 * length-prefixed); null when the definition holds a template instance, whose values come from its
 * chunk and end up in the programs' fixed text.
 */
export function structureKey(template: Template): string | null {
  // Not the GUID: the writers do not read it, and logs give structurally equal templates many GUIDs
  // (the generated bench log has dozens per event type).
  const parts: string[] = [];
  return addNodes(template.nodes, parts) ? parts.join('') : null;
}

function text(parts: string[], tag: string, s: string): void {
  parts.push(tag, String(s.length), ':', s);
}

function addNodes(nodes: readonly Node[], parts: string[]): boolean {
  parts.push('[');
  for (const n of nodes) {
    switch (n.k) {
      case NodeKind.Element:
        text(parts, 'E', n.name);
        for (const a of n.attrs) {
          text(parts, 'A', a.name);
          if (!addNodes(a.value, parts)) return false;
        }
        if (!addNodes(n.children, parts)) return false;
        break;
      case NodeKind.Text:
        text(parts, 'T', n.text);
        break;
      case NodeKind.Substitution:
        parts.push(n.optional ? 'O' : 'S', String(n.index), ',', String(n.type), ';');
        break;
      case NodeKind.CharRef:
        parts.push('R', String(n.code), ';');
        break;
      case NodeKind.EntityRef:
        text(parts, 'N', n.name);
        break;
      case NodeKind.CData:
        text(parts, 'C', n.text);
        break;
      case NodeKind.PI:
        text(parts, 'P', n.target);
        text(parts, 'D', n.data);
        break;
      default:
        return false;
    }
  }
  parts.push(']');
  return true;
}
