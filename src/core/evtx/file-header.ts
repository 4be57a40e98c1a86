import { crc32 } from './crc32';
import { NotEvtxError } from './errors';

export const FILE_HEADER_SIZE = 4096;
export const CHUNK_SIZE = 65536;
const FILE_MAGIC = [0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65, 0x00]; // "ElfFile\0"

export interface FileHeader {
  firstChunkNumber: number;
  lastChunkNumber: number;
  nextRecordId: number;
  headerSize: number;
  minorVersion: number;
  majorVersion: number;
  headerBlockSize: number;
  chunkCount: number;
  /** 0x1: dirty (not closed cleanly), 0x2: full. */
  flags: number;
  isDirty: boolean;
  isFull: boolean;
  checksum: number;
  checksumValid: boolean;
}

export function hasEvtxMagic(bytes: Uint8Array): boolean {
  if (bytes.length < 8) return false;
  for (let i = 0; i < 8; i++) if (bytes[i] !== FILE_MAGIC[i]) return false;
  return true;
}

/** Parses the 128 meaningful bytes of the file header. Throws NotEvtxError when the magic is wrong. */
export function parseFileHeader(bytes: Uint8Array, file: string): FileHeader {
  if (bytes.length === 0) throw new NotEvtxError(file, 'the file is empty');
  if (!hasEvtxMagic(bytes)) throw new NotEvtxError(file, 'it does not start with the EVTX signature "ElfFile"');
  if (bytes.length < 128) throw new NotEvtxError(file, `the file header is truncated (${bytes.length} bytes)`);
  const v = new DataView(bytes.buffer, bytes.byteOffset, 128);
  const flags = v.getUint32(120, true);
  const checksum = v.getUint32(124, true);
  return {
    firstChunkNumber: Number(v.getBigUint64(8, true)),
    lastChunkNumber: Number(v.getBigUint64(16, true)),
    nextRecordId: Number(v.getBigUint64(24, true)),
    headerSize: v.getUint32(32, true),
    minorVersion: v.getUint16(36, true),
    majorVersion: v.getUint16(38, true),
    headerBlockSize: v.getUint16(40, true),
    chunkCount: v.getUint16(42, true),
    flags,
    isDirty: (flags & 1) !== 0,
    isFull: (flags & 2) !== 0,
    checksum,
    checksumValid: crc32(bytes, 0, 120) === checksum,
  };
}
