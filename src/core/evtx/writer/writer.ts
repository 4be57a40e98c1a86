import { CHUNK_FULL, CHUNK_HEADER_SIZE, ChunkBuilder, RECORDS_END } from './chunk';
import { fileHeader } from './header';
import { type PreparedRecord, writeRecord } from './record';
import { type EventSchema, securitySchema } from './security-schemas';
import { ValueError } from './values';

/** One Security event to write. */
export interface SecurityEvent {
  eventId: number;
  /** A Date, or milliseconds since the epoch (fractions keep sub-millisecond precision, to 100 ns). */
  time: Date | number;
  computer: string;
  /** EventRecordID; by default one more than the previous record's (the first is 1). */
  recordId?: number;
  /**
   * Event data by field name (see security-schemas.ts for each event's names and types). Values are
   * converted to the field's type: numbers or decimal/"0x…" text for integers, "S-1-5-…" for SIDs,
   * GUID text (braces and case free) for GUIDs; anything for strings. A field left out, or null, is
   * written as Windows writes "nothing" in that type: an empty string, the NULL SID S-1-0-0, the zero
   * GUID, 0 (see absentValue in values.ts). Unknown names throw.
   */
  fields: Record<string, string | number | bigint | null>;
  /** Execution ProcessID and ThreadID; by default 4 and 0. */
  processId?: number;
  threadId?: number;
  /** By default the event's (Audit Success, or Audit Failure for 4625). */
  keywords?: bigint;
}

export interface EvtxWriterOptions {
  /**
   * End event data strings with a NUL, as Windows 7 / 2008 R2 did. Off by default: current Windows
   * (the versions whose event schemas are written here: 4624 v2, 4688 v2) stores them without one,
   * as every such record of the corpus shows, and empty strings take no bytes.
   */
  nulTerminatedStrings?: boolean;
}

/** 100 ns ticks from 1601 to 1970. */
const EPOCH_TICKS = 116444736000000000n;

export function toFiletime(time: Date | number): bigint {
  const ms = typeof time === 'number' ? time : time.getTime();
  if (!Number.isFinite(ms)) throw new ValueError(`time ${String(time)} is not a valid date`);
  const whole = Math.floor(ms);
  const ticks = BigInt(whole) * 10000n + BigInt(Math.round((ms - whole) * 10000)) + EPOCH_TICKS;
  if (ticks < 0n || ticks >= 2n ** 63n) throw new ValueError(`time ${String(time)} cannot be a FILETIME`);
  return ticks;
}

const RESOLVED = Promise.resolve();

/**
 * Writes Security events as an EVTX file, streaming: records fill 64 KiB chunks, and each full chunk
 * goes to `sink`, so memory stays constant whatever the size. The sink receives, in order, a
 * provisional 4 KiB file header (flagged dirty, counting no chunks: a reader that trusts it sees an
 * unclosed log, which Windows and this project's parser read whole) and then every chunk. After
 * `close()`, `finalHeader()` is the header to put at offset 0 in its place (writeEvtxFile in file.ts
 * does that; in a browser, replace the first Blob part with it).
 *
 * Await each `write` (its promise waits for the sink when a chunk was handed over): that is the
 * backpressure that keeps memory constant. Calls that are not awaited are still written in order.
 *
 * Files larger than 65,535 chunks (about 4 GiB): the header's chunk count is a u16, so it stays at
 * 65,535 while the 64-bit "last chunk number" holds the true last index. Windows never writes such
 * a file (it caps a log below that size); this project's parser reads every chunk the file holds.
 */
export class EvtxWriter {
  private chunk = new ChunkBuilder();
  private chunksDone = 0;
  private recordsDone = 0;
  private nextId = 1;
  private started = false;
  private closed = false;
  private pending: Promise<void> | null = null;
  private readonly nul: boolean;
  private readonly names = new Map<EventSchema, Set<string>>();

  constructor(
    private readonly sink: (bytes: Uint8Array) => void | Promise<void>,
    options: EvtxWriterOptions = {},
  ) {
    this.nul = options.nulTerminatedStrings ?? false;
  }

  get records(): number {
    return this.recordsDone;
  }
  /** Chunks handed to the sink so far (the last one only at close). */
  get chunks(): number {
    return this.chunksDone;
  }

  write(event: SecurityEvent): Promise<void> {
    if (this.pending) return this.pending.then(() => this.write(event));
    try {
      if (this.closed) throw new Error('EvtxWriter: write after close');
      this.start();
      this.append(this.prepare(event));
    } catch (e) {
      return Promise.reject(e);
    }
    return this.pending ?? RESOLVED;
  }

  async close(): Promise<void> {
    while (this.pending) await this.pending;
    if (this.closed) return;
    this.start();
    if (this.chunk.records > 0) this.emitChunk();
    this.closed = true;
    while (this.pending) await this.pending;
  }

  /** The file header for offset 0, once closed: chunk count, next record id, and clean. */
  finalHeader(): Uint8Array {
    if (!this.closed) throw new Error('EvtxWriter: finalHeader() is only known after close()');
    return fileHeader({ chunks: this.chunksDone, nextRecordId: BigInt(this.nextId), dirty: false });
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.emit(fileHeader({ chunks: 0, nextRecordId: 1n, dirty: true }));
  }

  private prepare(e: SecurityEvent): PreparedRecord {
    const schema = securitySchema(e.eventId);
    let names = this.names.get(schema);
    if (!names) this.names.set(schema, (names = new Set(schema.fields.map((f) => f.name))));
    for (const name in e.fields) if (!names.has(name)) throw new RangeError(`EvtxWriter: event ${e.eventId} has no field "${name}"`);
    const recordId = e.recordId ?? this.nextId;
    if (!Number.isSafeInteger(recordId) || recordId < 0) throw new RangeError(`EvtxWriter: record id ${recordId} is not a whole number`);
    let filetime: bigint;
    try {
      filetime = toFiletime(e.time);
    } catch (err) {
      throw new ValueError(`EvtxWriter: event ${e.eventId}, record ${recordId}: ${(err as Error).message}`);
    }
    return {
      schema,
      recordId,
      filetime,
      computer: String(e.computer),
      fields: e.fields,
      processId: e.processId ?? 4,
      threadId: e.threadId ?? 0,
      keywords: e.keywords ?? schema.keywords,
    };
  }

  /** Writes the record into the current chunk, or into a new one when it does not fit. */
  private append(r: PreparedRecord): void {
    let written = this.tryRecord(r);
    if (!written && this.chunk.records > 0) {
      this.emitChunk();
      written = this.tryRecord(r);
    }
    if (!written)
      throw new RangeError(`EvtxWriter: event ${r.schema.eventId}, record ${r.recordId} is larger than a chunk can hold (${RECORDS_END - CHUNK_HEADER_SIZE} bytes)`);
    this.nextId = r.recordId + 1;
    this.recordsDone++;
  }

  private tryRecord(r: PreparedRecord): boolean {
    try {
      writeRecord(this.chunk, r, this.nul);
      return true;
    } catch (e) {
      this.chunk.rollback();
      if (e === CHUNK_FULL) return false;
      if (e instanceof ValueError) throw new ValueError(`EvtxWriter: event ${r.schema.eventId}, record ${r.recordId}: ${e.message}`);
      throw e;
    }
  }

  private emitChunk(): void {
    const bytes = this.chunk.finish();
    this.chunk = new ChunkBuilder();
    this.chunksDone++;
    this.emit(bytes);
  }

  /** Hands bytes to the sink after whatever it is still busy with. */
  private emit(bytes: Uint8Array): void {
    const before = this.pending;
    const done = (async () => {
      if (before) await before;
      await this.sink(bytes);
    })();
    this.pending = done;
    done.then(
      () => {
        if (this.pending === done) this.pending = null;
      },
      () => undefined, // the failure reaches the caller through the promise it was given
    );
  }
}
