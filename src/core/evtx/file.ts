import { type ChunkContext, visitChunk } from './chunk';
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
): Promise<ChunkOutcome<T>> {
  const ctx = chunkContext(layout, index);
  const problems: Problem[] = [];
  let bytes: Uint8Array;
  try {
    bytes = await source.read(ctx.fileOffset, CHUNK_SIZE);
  } catch (e) {
    problems.push({ file: layout.file, chunk: index, offset: ctx.fileOffset, kind: 'read-error', message: `chunk could not be read: ${(e as Error).message}` });
    return { index, items: [], records: 0, skippedRecords: 0, problems, bytes: 0 };
  }
  const items: T[] = [];
  const visit = visitChunk(bytes, ctx, problems, (r) => items.push(map(r)));
  return { index, items, records: visit.records, skippedRecords: visit.skippedRecords, problems, bytes: bytes.length };
}
