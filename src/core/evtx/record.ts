import type { Node, Template } from './binxml/nodes';
import { type BinXmlParser, ValueOffsets } from './binxml/parser';
import { formatFiletime } from './binxml/text';
import { EvtxFormatError } from './errors';

export const RECORD_MAGIC = 0x00002a2a; // "**\0\0"
export const RECORD_HEADER_SIZE = 24;

/** One event record, parsed to its BinXML tree; rendering (JSON, XML, fields) happens on demand. */
export interface EvtxRecord {
  readonly recordId: number;
  /** Record header's written time, ISO 8601 with microseconds. */
  readonly writtenTime: string;
  /** Chunk index in the file (0 = first chunk after the file header). */
  readonly chunk: number;
  /** Absolute byte offset of the record in the file. */
  readonly offset: number;
  readonly nodes: Node[];
}

export interface RecordHeader {
  size: number;
  recordId: number;
  timeLo: number;
  timeHi: number;
}

/** Reads and checks a record header at chunk offset `at`, bounded by `limit`. */
export function readRecordHeader(view: DataView, at: number, limit: number): RecordHeader {
  if (at + RECORD_HEADER_SIZE > limit) throw new EvtxFormatError('record header truncated', at);
  if (view.getUint32(at, true) !== RECORD_MAGIC) throw new EvtxFormatError('bad record signature (expected "**")', at);
  const size = view.getUint32(at + 4, true);
  if (size < RECORD_HEADER_SIZE + 4) throw new EvtxFormatError(`record size ${size} is smaller than a record header`, at);
  if (at + size > limit) throw new EvtxFormatError(`record size ${size} runs past the chunk`, at);
  // The trailing size copy is not checked: the last record of a dirty chunk often lacks it, yet parses fine.
  return {
    size,
    // Two halves rather than getBigUint64: no BigInt per record (ids past 2^53 lose digits either way).
    recordId: view.getUint32(at + 12, true) * 4294967296 + view.getUint32(at + 8, true),
    timeLo: view.getUint32(at + 16, true),
    timeHi: view.getUint32(at + 20, true),
  };
}

/** True when a plausible record header starts at `at`: used to resynchronize after damage. */
export function looksLikeRecord(view: DataView, at: number, limit: number): boolean {
  if (at + RECORD_HEADER_SIZE > limit || view.getUint32(at, true) !== RECORD_MAGIC) return false;
  const size = view.getUint32(at + 4, true);
  return size >= RECORD_HEADER_SIZE + 4 && at + size <= limit && view.getUint32(at + size - 4, true) === size;
}

/** The value offsets of the record checked last: reading its fields comes next, and needs them. */
export const RECORD_VALUE_OFFSETS = new ValueOffsets();

/**
 * A parsed record; the written time is formatted only when asked for (it is rarely needed).
 *
 * A record that is one template instance (nearly all) is checked when it is read but its nodes are
 * built only when asked for: the fast path reads its fields from the substitution descriptors
 * (`record-fields.ts`) and never needs them. Building them later cannot fail, because everything
 * parsing would check was checked (`BinXmlParser.soleInstanceAt`), and does not walk the BinXML again.
 */
export class ParsedRecord implements EvtxRecord {
  private parsed: Node[] | null;
  /** The sole template instance, when the record is one (else null and `nodes` was parsed). */
  readonly template: Template | null;
  readonly descriptors: number;
  readonly count: number;

  constructor(
    readonly recordId: number,
    private readonly timeLo: number,
    private readonly timeHi: number,
    readonly chunk: number,
    readonly offset: number,
    readonly parser: BinXmlParser,
    body: number,
    bodySize: number,
  ) {
    if (parser.soleInstanceAt(body, body + bodySize, RECORD_VALUE_OFFSETS)) {
      this.template = parser.soleTemplate;
      this.descriptors = parser.soleDescriptors;
      this.count = parser.soleCount;
      this.parsed = null;
    } else {
      this.template = null;
      this.descriptors = 0;
      this.count = 0;
      this.parsed = parser.parseRecord(body, bodySize);
    }
  }

  get nodes(): Node[] {
    if (this.parsed === null) this.parsed = this.parser.soleInstanceNodes(this.template!, this.descriptors, this.count, 0);
    return this.parsed;
  }

  get writtenTime(): string {
    return formatFiletime(this.timeLo, this.timeHi);
  }
}
