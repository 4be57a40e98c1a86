/**
 * A growable byte buffer that renderers write UTF-8 into. Writers call `reserve(n)` once for the
 * most bytes they can produce, then store into `bytes` from `length` on without further checks:
 * per-byte bounds checks and a call per byte were what made building output slow.
 */
let sinks = 0;

export class ByteSink {
  /** Tells sinks apart without holding on to them (see `generation`). */
  readonly id = sinks++;
  bytes: Uint8Array;
  /** The same bytes, for writing four at a time. */
  words: DataView;
  length = 0;
  /**
   * Changes when the sink is emptied: writers may copy from what they wrote before (see
   * json-program-run.ts) only while it is still there. Empty a sink with `clear()`, never by
   * setting `length` back (a writer undoing its own partial output is the exception).
   */
  generation = 0;

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

  clear(): void {
    this.length = 0;
    this.generation++;
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
