import { crc32 } from '../crc32';
import { FILE_HEADER_SIZE } from '../file-header';

/** The most chunks a file header can count (a u16). */
export const MAX_HEADER_CHUNKS = 0xffff;

export interface HeaderFields {
  /** Chunks written. Past 65,535 the header's u16 count stays at 65,535 (see EvtxWriter). */
  chunks: number;
  /** The id the next record would get. */
  nextRecordId: bigint;
  /** True while the file is being written: Windows sets this flag until the log is closed cleanly. */
  dirty: boolean;
}

/** The 4 KiB file header (version 3.1), checksum included. */
export function fileHeader({ chunks, nextRecordId, dirty }: HeaderFields): Uint8Array {
  const h = new Uint8Array(FILE_HEADER_SIZE);
  const v = new DataView(h.buffer);
  h.set([0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65, 0x00]); // "ElfFile\0"
  v.setBigUint64(8, 0n, true); // first chunk number
  v.setBigUint64(16, BigInt(Math.max(0, chunks - 1)), true); // last chunk number (a u64: exact past 65,535)
  v.setBigUint64(24, nextRecordId, true);
  v.setUint32(32, 128, true); // header size
  v.setUint16(36, 1, true); // minor version
  v.setUint16(38, 3, true); // major version
  v.setUint16(40, FILE_HEADER_SIZE, true); // header block size
  v.setUint16(42, Math.min(chunks, MAX_HEADER_CHUNKS), true);
  v.setUint32(120, dirty ? 1 : 0, true);
  v.setUint32(124, crc32(h, 0, 120), true);
  return h;
}
