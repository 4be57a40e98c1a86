import { crc32 } from '../crc32';

/**
 * Writes EVTX files by hand, for hostile-input tests: a file header, 64 KiB chunks with valid
 * checksums, records, and the BinXML tokens the parser reads. Offsets inside BinXML (names,
 * template definitions) are chunk-relative, so the writer always knows where it is in its chunk.
 */
export class ChunkWriter {
  private readonly buf = new Uint8Array(65536);
  private readonly view = new DataView(this.buf.buffer);
  /** Chunk offset of the next byte written. */
  at = 512;
  private firstId = 0;
  private lastId = 0;
  private lastRecordAt = 0;

  u8(v: number): this {
    this.buf[this.at++] = v;
    return this;
  }
  u16(v: number): this {
    this.view.setUint16(this.at, v, true);
    this.at += 2;
    return this;
  }
  u32(v: number): this {
    this.view.setUint32(this.at, v >>> 0, true);
    this.at += 4;
    return this;
  }
  /** Overwrites a u32 already written (sizes known only afterwards). */
  patch32(at: number, v: number): this {
    this.view.setUint32(at, v >>> 0, true);
    return this;
  }
  utf16(s: string): this {
    for (let i = 0; i < s.length; i++) this.u16(s.charCodeAt(i));
    return this;
  }

  /** A record with header, BinXML body written by `body`, and the trailing size copy. */
  record(id: number, body: (w: ChunkWriter) => void): this {
    const start = this.at;
    this.u32(0x2a2a).u32(0).u32(id).u32(0).u32(0xd1b2c3a4).u32(0x01d2e3f4);
    body(this);
    this.u32(0);
    const size = this.at - start;
    this.patch32(start + 4, size).patch32(this.at - 4, size);
    if (!this.firstId) this.firstId = id;
    this.lastId = id;
    this.lastRecordAt = start;
    return this;
  }

  fragmentHeader(): this {
    return this.u8(0x0f).u8(1).u8(1).u8(0);
  }
  eof(): this {
    return this.u8(0x00);
  }
  /** Chunk offset of the last name written inline, for references to it. */
  lastName = 0;

  /** A name stored inline: the reference points just past itself, at the name structure. */
  name(s: string): this {
    this.lastName = this.at + 4;
    this.u32(this.at + 4);
    return this.u32(0).u16(0).u16(s.length).utf16(s).u16(0);
  }
  /** A reference to a name (or anything) elsewhere in the chunk. */
  nameRef(offset: number): this {
    return this.u32(offset);
  }
  /** Element start; `inTemplate` adds the dependency id that template definitions carry. */
  open(name: string | number, inTemplate = false): this {
    this.u8(0x01);
    if (inTemplate) this.u16(0xffff);
    this.u32(0); // element size: not checked by the parser
    return typeof name === 'string' ? this.name(name) : this.nameRef(name);
  }
  closeStart(): this {
    return this.u8(0x02);
  }
  closeEmpty(): this {
    return this.u8(0x03);
  }
  end(): this {
    return this.u8(0x04);
  }
  text(s: string): this {
    return this.u8(0x05).u8(0x01).u16(s.length).utf16(s);
  }
  substitution(index: number, type: number, optional = false): this {
    return this.u8(optional ? 0x0e : 0x0d).u16(index).u8(type);
  }

  /** Template instance whose definition lives elsewhere in the chunk (at `defOffset`). */
  instanceOf(defOffset: number): this {
    return this.u8(0x0c).u8(1).u32(0).u32(defOffset);
  }
  /**
   * Template instance with its definition inline, written by `body` (which gets the definition's
   * offset, so the definition can refer to itself). Returns that offset, for later instances; the
   * caller writes the instance's values next.
   */
  inlineTemplate(body: (w: ChunkWriter, defOffset: number) => void): number {
    this.u8(0x0c).u8(1).u32(0).u32(this.at + 4);
    const def = this.at;
    this.u32(0).u32(0x11111111).u32(0x2222).u32(0x3333).u32(0x4444).u32(0);
    const dataStart = this.at;
    body(this, def);
    this.patch32(def + 20, this.at - dataStart);
    return def;
  }
  /** The substitution array: descriptors (size, type), then the values themselves. */
  values(values: { type: number; bytes: Uint8Array | ((w: ChunkWriter) => void) }[], count = values.length): this {
    this.u32(count);
    const descriptors = this.at;
    for (let i = 0; i < values.length; i++) this.u32(0);
    values.forEach((v, i) => {
      const start = this.at;
      if (typeof v.bytes === 'function') v.bytes(this);
      else for (const b of v.bytes) this.u8(b);
      this.view.setUint16(descriptors + 4 * i, this.at - start, true);
      this.buf[descriptors + 4 * i + 2] = v.type;
    });
    return this;
  }

  /** The finished chunk: header fields and both checksums filled in. */
  finish(): Uint8Array {
    const v = this.view;
    this.buf.set([0x45, 0x6c, 0x66, 0x43, 0x68, 0x6e, 0x6b, 0x00]);
    v.setBigUint64(8, BigInt(this.firstId), true);
    v.setBigUint64(16, BigInt(this.lastId), true);
    v.setBigUint64(24, BigInt(this.firstId), true);
    v.setBigUint64(32, BigInt(this.lastId), true);
    v.setUint32(40, 128, true);
    v.setUint32(44, this.lastRecordAt, true);
    v.setUint32(48, this.at, true);
    v.setUint32(52, crc32(this.buf, 512, this.at), true);
    v.setUint32(124, crc32(this.buf, 128, 512, crc32(this.buf, 0, 120)), true);
    return this.buf;
  }
}

/** A 4096-byte file header declaring `chunkCount` chunks, with a valid checksum. */
export function fileHeader(chunkCount: number, nextRecordId = 1): Uint8Array {
  const h = new Uint8Array(4096);
  const v = new DataView(h.buffer);
  h.set([0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65, 0x00]);
  v.setBigUint64(8, 0n, true);
  v.setBigUint64(16, BigInt(Math.max(0, chunkCount - 1)), true);
  v.setBigUint64(24, BigInt(nextRecordId), true);
  v.setUint32(32, 128, true);
  v.setUint16(36, 1, true);
  v.setUint16(38, 3, true);
  v.setUint16(40, 4096, true);
  v.setUint16(42, chunkCount, true);
  v.setUint32(120, 0, true);
  v.setUint32(124, crc32(h, 0, 120), true);
  return h;
}

/** Header plus chunks, as one file. */
export function evtxFile(chunks: Uint8Array[], chunkCount = chunks.length): Uint8Array {
  const out = new Uint8Array(4096 + 65536 * chunks.length);
  out.set(fileHeader(chunkCount));
  chunks.forEach((c, i) => out.set(c, 4096 + 65536 * i));
  return out;
}
