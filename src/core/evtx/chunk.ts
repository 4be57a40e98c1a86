import { BinXmlParser } from './binxml/parser';
import { type ChunkHeader, CHUNK_HEADER_SIZE, isAllZero, parseChunkHeader } from './chunk-header';
import { EvtxFormatError, type Problem } from './errors';
import { CHUNK_SIZE } from './file-header';
import { withChunkAllowance } from './render/budget';
import { type EvtxRecord, looksLikeRecord, ParsedRecord, RECORD_HEADER_SIZE, readRecordHeader } from './record';

export interface ChunkContext {
  file: string;
  /** Chunk index (0-based, after the file header). */
  index: number;
  /** Absolute file offset of the chunk. */
  fileOffset: number;
  /** True for blocks past the chunk count in the file header: zero blocks there are normal slack. */
  beyondHeaderCount?: boolean;
}

export interface ChunkVisit {
  header: ChunkHeader | null;
  records: number;
  skippedRecords: number;
}

/**
 * Parses every record of one 64 KiB chunk and hands each to `onRecord`, in order.
 * Never throws for bad data: damage becomes entries in `problems`, with absolute offsets.
 */
export interface ChunkOptions {
  /**
   * CRC32 of the records area, on by default: a mismatch can mean tampering, and is reported. It is
   * the largest fixed cost of a parse (the whole file is checksummed); evtx_dump skips it by default.
   */
  verifyRecordsChecksum?: boolean;
}

export function visitChunk(
  bytes: Uint8Array,
  ctx: ChunkContext,
  problems: Problem[],
  onRecord: (record: EvtxRecord) => void,
  options: ChunkOptions = {},
): ChunkVisit {
  const result: ChunkVisit = { header: null, records: 0, skippedRecords: 0 };
  const problem = (kind: Problem['kind'], offset: number, message: string, recordId?: number) =>
    problems.push({ file: ctx.file, chunk: ctx.index, offset: ctx.fileOffset + offset, kind, message, ...(recordId !== undefined ? { recordId } : {}) });

  if (bytes.length === 0 || isAllZero(bytes)) {
    if (!ctx.beyondHeaderCount) problem('chunk-skipped', 0, 'chunk is empty (all zero bytes)');
    return result;
  }
  let header: ChunkHeader;
  try {
    header = parseChunkHeader(bytes, options.verifyRecordsChecksum ?? true);
  } catch (e) {
    const where = e instanceof EvtxFormatError ? e.offset : 0;
    // A wiped or overwritten header does not take the records with it: carve the intact ones
    // (those whose templates survive; the others are reported one by one).
    const limit = Math.min(bytes.length, CHUNK_SIZE);
    const parser = new BinXmlParser(bytes.subarray(0, limit));
    const first = bytes.length >= CHUNK_HEADER_SIZE ? findNextRecord(parser.view, CHUNK_HEADER_SIZE, limit) : -1;
    if (first < 0) {
      problem('chunk-skipped', where, `chunk skipped: ${(e as Error).message}`);
      return result;
    }
    const before = result.records;
    withChunkAllowance(() => visitRecords(bytes, ctx, parser, first, limit, limit, result, problem, onRecord));
    problem('chunk-skipped', where, `chunk header unreadable (${(e as Error).message}): ${result.records - before} records carved from its body`);
    return result;
  }
  result.header = header;
  if (!header.headerChecksumValid) problem('chunk-header-checksum', 124, 'chunk header checksum mismatch (parsed anyway)');
  const limit = Math.min(bytes.length, CHUNK_SIZE);
  // Past the free-space offset there is no data worth reading; an implausible offset means we scan the whole chunk.
  const end = header.freeSpaceOffset >= CHUNK_HEADER_SIZE && header.freeSpaceOffset <= limit ? header.freeSpaceOffset : limit;
  if (header.recordsChecksumValid === false && end === header.freeSpaceOffset)
    problem('chunk-records-checksum', 52, 'chunk records checksum mismatch (parsed anyway)');

  const parser = new BinXmlParser(bytes.subarray(0, limit));
  // Records are rendered by `onRecord` as they are handed out: the chunk's allowance bounds the total.
  withChunkAllowance(() => visitRecords(bytes, ctx, parser, CHUNK_HEADER_SIZE, end, limit, result, problem, onRecord));
  return result;
}

function visitRecords(
  bytes: Uint8Array,
  ctx: ChunkContext,
  parser: BinXmlParser,
  start: number,
  end: number,
  limit: number,
  result: ChunkVisit,
  problem: (kind: Problem['kind'], offset: number, message: string, recordId?: number) => void,
  onRecord: (record: EvtxRecord) => void,
): void {
  const view = parser.view;
  let at = start;
  while (at + 4 <= end) {
    let size: number;
    try {
      const rh = readRecordHeader(view, at, limit);
      size = rh.size;
      try {
        const record = new ParsedRecord(rh.recordId, rh.timeLo, rh.timeHi, ctx.index, ctx.fileOffset + at, parser, at + RECORD_HEADER_SIZE, rh.size - RECORD_HEADER_SIZE - 4);
        // Values are decoded lazily, so damage inside them surfaces in the consumer: it skips the record too.
        onRecord(record);
        result.records++;
      } catch (e) {
        result.skippedRecords++;
        // The problem points at the record; where inside the chunk the damage was found goes in the message.
        const detail = e instanceof EvtxFormatError && e.offset >= 0 && e.offset < limit ? ` (at chunk offset 0x${e.offset.toString(16)})` : '';
        problem('record-skipped', at, `record ${rh.recordId} skipped: ${(e as Error).message}${detail}`, rh.recordId);
      }
    } catch (e) {
      // The record header is unreadable: look for the next intact record (magic, size and trailing copy agree).
      const next = findNextRecord(view, at + 4, end);
      const zeros = isAllZero(bytes, at, Math.min(at + 64, end));
      if (zeros && next < 0) break; // zero slack after the last record
      result.skippedRecords++;
      // Zeros followed by intact records are a wiped stretch, not the end of the data.
      const why = zeros ? 'zeroed bytes' : (e as Error).message;
      problem('record-skipped', at, `${next < 0 ? 'rest of chunk' : `${next - at} bytes`} skipped: ${why}`);
      if (next < 0) break;
      at = next;
      continue;
    }
    at += size;
  }
}

function findNextRecord(view: DataView, from: number, end: number): number {
  for (let p = from; p + 28 <= end; p++) if (view.getUint8(p) === 0x2a && looksLikeRecord(view, p, end)) return p;
  return -1;
}
