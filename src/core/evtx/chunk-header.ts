import { crc32 } from './crc32';
import { EvtxFormatError } from './errors';
import { CHUNK_SIZE } from './file-header';

export const CHUNK_HEADER_SIZE = 512;
const CHUNK_MAGIC = [0x45, 0x6c, 0x66, 0x43, 0x68, 0x6e, 0x6b, 0x00]; // "ElfChnk\0"

export interface ChunkHeader {
  firstRecordNumber: number;
  lastRecordNumber: number;
  firstRecordId: number;
  lastRecordId: number;
  headerSize: number;
  lastRecordOffset: number;
  /** Offset of the first byte after the last record: records live in [512, freeSpaceOffset). */
  freeSpaceOffset: number;
  recordsChecksum: number;
  flags: number;
  headerChecksum: number;
  headerChecksumValid: boolean;
  /** Null when the records' checksum was not computed (see ChunkOptions.verifyRecordsChecksum). */
  recordsChecksumValid: boolean | null;
}

export function hasChunkMagic(bytes: Uint8Array, at = 0): boolean {
  for (let i = 0; i < 8; i++) if (bytes[at + i] !== CHUNK_MAGIC[i]) return false;
  return true;
}

export function isAllZero(bytes: Uint8Array, start = 0, end = bytes.length): boolean {
  let i = start;
  // Whole empty chunks are common (preallocated or sparse files): compare four bytes at a time.
  const aligned = (bytes.byteOffset + i) % 4 === 0;
  if (aligned && end - i >= 64) {
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset + i, (end - i) >>> 2);
    for (let w = 0; w < words.length; w++) if (words[w] !== 0) return false;
    i += words.length * 4;
  }
  for (; i < end; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** Parses and checks a chunk header. Throws EvtxFormatError when the chunk cannot be a chunk at all. */
export function parseChunkHeader(chunk: Uint8Array, verifyRecordsChecksum = true): ChunkHeader {
  if (chunk.length < CHUNK_HEADER_SIZE) throw new EvtxFormatError(`chunk truncated to ${chunk.length} bytes`, 0);
  if (!hasChunkMagic(chunk)) throw new EvtxFormatError('bad chunk signature (expected "ElfChnk")', 0);
  const v = new DataView(chunk.buffer, chunk.byteOffset, CHUNK_HEADER_SIZE);
  const freeSpaceOffset = v.getUint32(48, true);
  const recordsChecksum = v.getUint32(52, true);
  const headerChecksum = v.getUint32(124, true);
  const headerCrc = crc32(chunk, 128, 512, crc32(chunk, 0, 120));
  const recordsEnd = Math.min(freeSpaceOffset, chunk.length, CHUNK_SIZE);
  const recordsCrc = !verifyRecordsChecksum ? null : recordsEnd > CHUNK_HEADER_SIZE ? crc32(chunk, CHUNK_HEADER_SIZE, recordsEnd) : 0;
  return {
    firstRecordNumber: Number(v.getBigUint64(8, true)),
    lastRecordNumber: Number(v.getBigUint64(16, true)),
    firstRecordId: Number(v.getBigUint64(24, true)),
    lastRecordId: Number(v.getBigUint64(32, true)),
    headerSize: v.getUint32(40, true),
    lastRecordOffset: v.getUint32(44, true),
    freeSpaceOffset,
    recordsChecksum,
    flags: v.getUint32(120, true),
    headerChecksum,
    headerChecksumValid: headerCrc === headerChecksum,
    recordsChecksumValid: recordsCrc === null ? null : recordsCrc === recordsChecksum,
  };
}
