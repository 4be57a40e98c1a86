import { crc32 } from '../crc32';
import { CHUNK_SIZE } from '../file-header';

export const CHUNK_HEADER_SIZE = 512;
const STRING_TABLE = 128;
const TEMPLATE_TABLE = 384;

/**
 * Where records must end. Windows always leaves at least 8 bytes free at the end of a chunk (every
 * chunk of the corpus does), and libevtx skips the last record of a chunk filled to its last byte.
 */
export const RECORDS_END = CHUNK_SIZE - 8;

/** Thrown (as this one object) when a record does not fit what is left of the chunk. */
export const CHUNK_FULL = new Error('chunk full');

/**
 * One 64 KiB chunk being filled: its bytes, the write position, and the chunk's name and template
 * tables (names and template definitions are stored once per chunk and referred to by offset after).
 * A record is written straight into the chunk; when it does not fit, `rollback` forgets it, names and
 * templates included, so that it can be written again at the start of the next chunk.
 */
export class ChunkBuilder {
  readonly buf = new Uint8Array(CHUNK_SIZE);
  readonly view = new DataView(this.buf.buffer);
  /** Chunk offset of the next byte written. */
  at = CHUNK_HEADER_SIZE;
  records = 0;
  private firstId = 0;
  private lastId = 0;
  private lastRecordAt = 0;
  private readonly names = new Map<string, number>();
  private readonly templates = new Map<string, number>();
  private readonly nameBuckets = new Uint32Array(64);
  private readonly templateBuckets = new Uint32Array(32);
  /** What the record being written added: [table, key, bucket, previous bucket head]. */
  private journal: [isName: boolean, key: string, bucket: number, head: number][] = [];
  private recordStart = CHUNK_HEADER_SIZE;

  /** Makes room for `n` more bytes, or gives up on the record. */
  room(n: number): void {
    if (this.at + n > RECORDS_END) throw CHUNK_FULL;
  }

  u8(v: number): void {
    this.room(1);
    this.buf[this.at++] = v;
  }
  u16(v: number): void {
    this.room(2);
    this.view.setUint16(this.at, v, true);
    this.at += 2;
  }
  u32(v: number): void {
    this.room(4);
    this.view.setUint32(this.at, v >>> 0, true);
    this.at += 4;
  }
  /** UTF-16LE code units of `s`, without a terminator. */
  utf16(s: string): void {
    const n = s.length;
    this.room(2 * n);
    const b = this.buf;
    let at = this.at;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      b[at] = c & 0xff;
      b[at + 1] = c >>> 8;
      at += 2;
    }
    this.at = at;
  }
  bytes(src: Uint8Array): void {
    this.room(src.length);
    this.buf.set(src, this.at);
    this.at += src.length;
  }

  /** Chunk offset of a name already stored in this chunk. */
  nameOffset(name: string): number | undefined {
    return this.names.get(name);
  }
  /** Records that the name structure of `name` starts at `offset`; returns the link to store in it. */
  addName(name: string, hash: number, offset: number): number {
    const bucket = hash & 63;
    const head = this.nameBuckets[bucket]!;
    this.journal.push([true, name, bucket, head]);
    this.names.set(name, offset);
    this.nameBuckets[bucket] = offset;
    return head;
  }
  templateOffset(key: string): number | undefined {
    return this.templates.get(key);
  }
  /**
   * Records a template definition at `offset`; returns the link to the next definition of its bucket.
   * Buckets are the template id modulo 32: how Windows picks them is not known (no simple function of
   * the GUID matches the corpus), and no reader depends on it (python-evtx follows the chains, libevtx
   * and our parser read definitions where instances point).
   */
  addTemplate(key: string, id: number, offset: number): number {
    const bucket = id & 31;
    const head = this.templateBuckets[bucket]!;
    this.journal.push([false, key, bucket, head]);
    this.templates.set(key, offset);
    this.templateBuckets[bucket] = offset;
    return head;
  }

  beginRecord(): void {
    this.recordStart = this.at;
    this.journal = [];
  }
  endRecord(recordId: number): void {
    if (this.records === 0) this.firstId = recordId;
    this.lastId = recordId;
    this.lastRecordAt = this.recordStart;
    this.records++;
  }
  /** Forgets the record being written: its bytes, names and templates. */
  rollback(): void {
    for (let i = this.journal.length - 1; i >= 0; i--) {
      const [isName, key, bucket, head] = this.journal[i]!;
      if (isName) {
        this.names.delete(key);
        this.nameBuckets[bucket] = head;
      } else {
        this.templates.delete(key);
        this.templateBuckets[bucket] = head;
      }
    }
    this.journal = [];
    this.buf.fill(0, this.recordStart, this.at);
    this.at = this.recordStart;
  }

  /** The finished chunk: header, tables and both checksums. Bytes past the last record stay zero. */
  finish(): Uint8Array {
    const v = this.view;
    this.buf.set([0x45, 0x6c, 0x66, 0x43, 0x68, 0x6e, 0x6b, 0x00]); // "ElfChnk\0"
    // Record numbers and ids of the first and last record: the same numbers in a log written once.
    for (const at of [8, 24]) v.setBigUint64(at, BigInt(this.firstId), true);
    for (const at of [16, 32]) v.setBigUint64(at, BigInt(this.lastId), true);
    v.setUint32(40, 128, true);
    v.setUint32(44, this.lastRecordAt, true);
    v.setUint32(48, this.at, true);
    v.setUint32(52, crc32(this.buf, CHUNK_HEADER_SIZE, this.at), true);
    for (let i = 0; i < 64; i++) v.setUint32(STRING_TABLE + 4 * i, this.nameBuckets[i]!, true);
    for (let i = 0; i < 32; i++) v.setUint32(TEMPLATE_TABLE + 4 * i, this.templateBuckets[i]!, true);
    // Flags: Windows sets 1 on the chunks it writes (all but one chunk of the corpus).
    v.setUint32(120, 1, true);
    v.setUint32(124, crc32(this.buf, 128, 512, crc32(this.buf, 0, 120)), true);
    return this.buf;
  }
}
