/**
 * A growable byte buffer that renderers write UTF-8 into. Writers call `reserve(n)` once for the
 * most bytes they can produce, then store into `bytes` from `length` on without further checks:
 * per-byte bounds checks and a call per byte were what made building output slow.
 */
export class ByteSink {
  bytes: Uint8Array;
  /** The same bytes, for writing four at a time. */
  words: DataView;
  length = 0;

  constructor(capacity = 1 << 16) {
    this.bytes = new Uint8Array(capacity);
    this.words = new DataView(this.bytes.buffer);
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    if (this.length + n > this.bytes.length) this.grow(this.length + n);
  }

  private grow(needed: number): void {
    let capacity = this.bytes.length * 2;
    while (capacity < needed) capacity *= 2;
    const bytes = new Uint8Array(capacity);
    bytes.set(this.bytes.subarray(0, this.length));
    this.bytes = bytes;
    this.words = new DataView(bytes.buffer);
  }

  /** The bytes written so far (a view: valid until the next write). */
  view(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  byte(b: number): void {
    this.reserve(1);
    this.bytes[this.length++] = b;
  }
}
