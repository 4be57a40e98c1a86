import { type ChunkContext, type ChunkOptions, visitChunk } from './chunk';
import type { Problem } from './errors';
import { CHUNK_SIZE, FILE_HEADER_SIZE, type FileHeader, parseFileHeader } from './file-header';
import type { EvtxRecord } from './record';
import type { ByteSource } from './source';

export interface EvtxLayout {
  readonly file: string;
  readonly size: number;
  readonly header: FileHeader;
  /** 64 KiB blocks after the file header, whatever the header says (dirty logs hold chunks past its count). */
  readonly blocks: number;
  /** Problems of the file header itself (checksum, counts). */
  readonly problems: Problem[];
}

/** Reads and checks the file header. Throws NotEvtxError (naming the file) when it is not EVTX. */
export async function openEvtx(source: ByteSource): Promise<EvtxLayout> {
  const head = await source.read(0, FILE_HEADER_SIZE);
  const header = parseFileHeader(head, source.name);
  const problems: Problem[] = [];
  const at = (offset: number, kind: Problem['kind'], message: string) =>
    problems.push({ file: source.name, chunk: -1, offset, kind, message });
  if (!header.checksumValid) at(124, 'file-header-checksum', 'file header checksum mismatch (parsed anyway)');
  if (header.majorVersion !== 3) at(38, 'file-header', `unexpected format version ${header.majorVersion}.${header.minorVersion}`);
  const blocks = Math.max(0, Math.ceil((source.size - FILE_HEADER_SIZE) / CHUNK_SIZE));
  if (header.chunkCount > blocks) at(42, 'file-header', `header declares ${header.chunkCount} chunks but the file holds ${blocks}`);
  return { file: source.name, size: source.size, header, blocks, problems };
}

export function chunkContext(layout: EvtxLayout, index: number): ChunkContext {
  return {
    file: layout.file,
    index,
    fileOffset: FILE_HEADER_SIZE + index * CHUNK_SIZE,
    beyondHeaderCount: index >= layout.header.chunkCount,
  };
}

export interface ChunkOutcome<T> {
  index: number;
  items: T[];
  records: number;
  skippedRecords: number;
  problems: Problem[];
  bytes: number;
}

/**
 * Reads chunk `index` and maps each record with `map`. A record whose mapping throws (damage in a
 * lazily decoded value) is skipped and reported. Never throws for bad data.
 */
export async function readChunk<T>(
  source: ByteSource,
  layout: EvtxLayout,
  index: number,
  map: (record: EvtxRecord) => T,
  options: ChunkOptions = {},
): Promise<ChunkOutcome<T>> {
  return (await readChunks(source, layout, index, index + 1, map, options))[0]!;
}

/** Chunks read per read call: one call per 64 KiB costs a fifth of a fast parse in Node. */
const CHUNKS_PER_READ = 16;

/** Reads chunks [from, to) in order, a few per read call, and maps each record (see readChunk). */
export async function readChunks<T>(
  source: ByteSource,
  layout: EvtxLayout,
  from: number,
  to: number,
  map: (record: EvtxRecord) => T,
  options: ChunkOptions = {},
): Promise<ChunkOutcome<T>[]> {
  const outcomes: ChunkOutcome<T>[] = [];
  // Not clamped to the file: every index asked for gets an outcome (past the end, an empty one).
  const end = to;
  const readSpan = (first: number): Promise<Uint8Array | string> =>
    source.read(chunkContext(layout, first).fileOffset, Math.min(CHUNKS_PER_READ, end - first) * CHUNK_SIZE).then(
      (bytes) => bytes,
      (e: Error) => e.message,
    );
  // The next span is read while this one is parsed.
  let next = from < end ? readSpan(from) : null;
  for (let first = from; first < end; first += CHUNKS_PER_READ) {
    const count = Math.min(CHUNKS_PER_READ, end - first);
    const got = await next!;
    next = first + CHUNKS_PER_READ < end ? readSpan(first + CHUNKS_PER_READ) : null;
    const span = typeof got === 'string' ? null : got;
    const error = typeof got === 'string' ? got : '';
    for (let index = first; index < first + count; index++) {
      const ctx = chunkContext(layout, index);
      const problems: Problem[] = [];
      if (span === null) {
        problems.push({ file: layout.file, chunk: index, offset: ctx.fileOffset, kind: 'read-error', message: `chunk could not be read: ${error}` });
        outcomes.push({ index, items: [], records: 0, skippedRecords: 0, problems, bytes: 0 });
        continue;
      }
      const at = (index - first) * CHUNK_SIZE;
      const bytes = span.subarray(Math.min(at, span.length), Math.min(at + CHUNK_SIZE, span.length));
      const items: T[] = [];
      const visit = visitChunk(bytes, ctx, problems, (r) => items.push(map(r)), options);
      outcomes.push({ index, items, records: visit.records, skippedRecords: visit.skippedRecords, problems, bytes: bytes.length });
    }
  }
  return outcomes;
}
