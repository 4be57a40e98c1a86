// Locates the structural fields of a real EVTX file (sizes, offsets, counts) by walking it the way
// the parser does, so the fuzzer can aim boundary values at them instead of at random bytes.
// Tolerant and bounded: it runs on damaged corpus files too, and simply stops where they stop.

export const FIELD_KINDS = [
  'file-chunk-count',
  'file-header',
  'chunk-free-space',
  'chunk-last-record',
  'chunk-header',
  'record-size',
  'record-size-copy',
  'element-size',
  'name-offset',
  'name-length',
  'template-offset',
  'template-size',
  'substitution-count',
  'substitution-size',
  'substitution-type',
  'substitution-index',
  'text-length',
  'token',
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/**
 * The fields of one file, column-wise: a long fuzz run keeps them for hundreds of files (1.7 million
 * fields in the corpus), which as objects took 107 MB and drowned the parser's own heap numbers.
 */
export interface Fields {
  readonly length: number;
  /** Absolute offset in the file. */
  readonly at: Int32Array;
  /** Width in bytes: 1, 2, 4 or 8. */
  readonly width: Uint8Array;
  /** Index into FIELD_KINDS. */
  readonly kind: Uint8Array;
  /** Absolute offset of the chunk holding the field; -1 for the file header. */
  readonly chunk: Int32Array;
}

type Width = 1 | 2 | 4 | 8;

class FieldList {
  private readonly cols: number[][] = [[], [], [], []];
  push(at: number, width: Width, kind: FieldKind, chunk: number): void {
    this.cols[0]!.push(at);
    this.cols[1]!.push(width);
    this.cols[2]!.push(FIELD_KINDS.indexOf(kind));
    this.cols[3]!.push(chunk);
  }
  done(): Fields {
    const [at, width, kind, chunk] = this.cols as [number[], number[], number[], number[]];
    return { length: at.length, at: Int32Array.from(at), width: Uint8Array.from(width), kind: Uint8Array.from(kind), chunk: Int32Array.from(chunk) };
  }
}

const FILE_HEADER = 4096;
const CHUNK = 65536;
const MAX_FIELDS_PER_CHUNK = 20_000;
const MAX_DEPTH = 64;

export function locateFields(file: Uint8Array): Fields {
  const fields = new FieldList();
  if (file.length < 128) return fields.done();
  fields.push(42, 2, 'file-chunk-count', -1);
  for (const at of [8, 16, 24]) fields.push(at, 8, 'file-header', -1);
  fields.push(32, 4, 'file-header', -1);
  fields.push(40, 2, 'file-header', -1);
  for (let base = FILE_HEADER; base + 512 <= file.length; base += CHUNK) {
    const chunk = file.subarray(base, Math.min(base + CHUNK, file.length));
    if (chunk[0] !== 0x45 || chunk[1] !== 0x6c || chunk[5] !== 0x6e) continue; // "ElfChnk"
    new ChunkWalker(chunk, base, fields).walk();
  }
  return fields.done();
}

class ChunkWalker {
  private readonly view: DataView;
  private readonly templates = new Set<number>();
  private count = 0;

  constructor(
    private readonly b: Uint8Array,
    private readonly base: number,
    private readonly out: FieldList,
  ) {
    this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }

  private add(rel: number, width: Width, kind: FieldKind): void {
    if (rel < 0 || rel + width > this.b.length) throw new Stop();
    if (++this.count > MAX_FIELDS_PER_CHUNK) throw new Stop();
    this.out.push(this.base + rel, width, kind, this.base);
  }
  private u16(rel: number): number {
    if (rel + 2 > this.b.length) throw new Stop();
    return this.view.getUint16(rel, true);
  }
  private u32(rel: number): number {
    if (rel + 4 > this.b.length) throw new Stop();
    return this.view.getUint32(rel, true);
  }

  walk(): void {
    this.add(48, 4, 'chunk-free-space');
    this.add(44, 4, 'chunk-last-record');
    for (const at of [8, 16, 24, 32]) this.add(at, 8, 'chunk-header');
    this.add(40, 4, 'chunk-header');
    const free = Math.min(this.u32(48), this.b.length);
    for (let at = 512; at + 28 <= free; ) {
      if (this.u32(at) !== 0x2a2a) break;
      const size = this.u32(at + 4);
      if (size < 28 || at + size > this.b.length) break;
      this.add(at + 4, 4, 'record-size');
      this.add(at + size - 4, 4, 'record-size-copy');
      try {
        this.fragment(at + 24, at + size - 4, false, 0);
      } catch (e) {
        if (!(e instanceof Stop)) throw e;
      }
      at += size;
    }
  }

  /** Walks BinXML in [pos, end); returns where it stopped. */
  private fragment(pos: number, end: number, inTemplate: boolean, depth: number): number {
    if (depth > MAX_DEPTH) throw new Stop();
    while (pos < end) {
      const token = this.b[pos]!;
      if (token === 0x0f) pos += 4;
      else if (token === 0x00) {
        pos++;
        if (this.b[pos] !== 0x0f) return pos;
      } else if (token === 0x0c) pos = this.instance(pos, end, depth);
      else if ((token & 0xbf) === 0x01) pos = this.element(pos, end, inTemplate, depth);
      else pos = this.content(pos);
    }
    return pos;
  }

  private element(pos: number, end: number, inTemplate: boolean, depth: number): number {
    this.add(pos, 1, 'token');
    this.add(pos + (inTemplate ? 3 : 1), 4, 'element-size');
    const hasAttributes = (this.b[pos]! & 0x40) !== 0;
    pos = this.name(pos + (inTemplate ? 7 : 5));
    if (hasAttributes) pos += 4;
    for (;;) {
      if (pos >= end) throw new Stop();
      const token = this.b[pos]!;
      if ((token & 0xbf) === 0x06) {
        this.add(pos, 1, 'token');
        pos = this.name(pos + 1);
        while (pos < end && (this.b[pos]! & 0xbf) !== 0x06 && isContent(this.b[pos]!)) pos = this.content(pos);
      } else if (token === 0x03) return pos + 1;
      else if (token === 0x02) {
        pos++;
        while (pos < end && this.b[pos] !== 0x04) {
          const t = this.b[pos]!;
          if ((t & 0xbf) === 0x01) pos = this.element(pos, end, inTemplate, depth + 1);
          else if (t === 0x0c) pos = this.instance(pos, end, depth + 1);
          else pos = this.content(pos);
        }
        return pos + 1;
      } else throw new Stop();
    }
  }

  private name(pos: number): number {
    this.add(pos, 4, 'name-offset');
    const offset = this.u32(pos);
    if (offset === pos + 4) {
      this.add(offset + 6, 2, 'name-length');
      return offset + 10 + 2 * this.u16(offset + 6);
    }
    return pos + 4;
  }

  private content(pos: number): number {
    const token = this.b[pos]!;
    this.add(pos, 1, 'token');
    switch (token & 0xbf) {
      case 0x05:
        this.add(pos + 2, 2, 'text-length');
        return pos + 4 + 2 * this.u16(pos + 2);
      case 0x0d:
      case 0x0e:
        this.add(pos + 1, 2, 'substitution-index');
        this.add(pos + 3, 1, 'substitution-type');
        return pos + 4;
      case 0x08:
        return pos + 3;
      case 0x09:
      case 0x0a:
        return this.name(pos + 1);
      case 0x0b:
      case 0x07:
        return pos + 3 + 2 * this.u16(pos + 1);
      default:
        throw new Stop();
    }
  }

  private instance(pos: number, end: number, depth: number): number {
    this.add(pos + 6, 4, 'template-offset');
    const def = this.u32(pos + 6);
    pos += 10;
    if (def === pos) {
      this.add(pos + 20, 4, 'template-size');
      pos += 24 + this.u32(pos + 20);
    }
    if (!this.templates.has(def) && def + 24 <= this.b.length) {
      this.templates.add(def);
      const start = def + 24;
      try {
        this.fragment(start, Math.min(start + this.u32(def + 20), this.b.length), true, depth + 1);
      } catch (e) {
        if (!(e instanceof Stop)) throw e;
      }
    }
    this.add(pos, 4, 'substitution-count');
    const count = this.u32(pos);
    pos += 4;
    if (count * 4 > end - pos) throw new Stop();
    let value = pos + 4 * count;
    for (let i = 0; i < count; i++) {
      this.add(pos + 4 * i, 2, 'substitution-size');
      this.add(pos + 4 * i + 2, 1, 'substitution-type');
      const size = this.u16(pos + 4 * i);
      // BinXML nested in a value (type 0x21) holds more of the same fields.
      if (this.b[pos + 4 * i + 2] === 0x21 && value + size <= end) {
        try {
          this.fragment(value, value + size, false, depth + 1);
        } catch (e) {
          if (!(e instanceof Stop)) throw e;
        }
      }
      value += size;
    }
    return value;
  }
}

function isContent(token: number): boolean {
  const t = token & 0xbf;
  return t === 0x05 || t === 0x0d || t === 0x0e || t === 0x08 || t === 0x09 || t === 0x07 || t === 0x0a;
}

/** Thrown to stop walking where the structure stops making sense (damaged sample, unknown token). */
class Stop extends Error {}
