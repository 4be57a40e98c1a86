import { closeSync, existsSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { crc32 } from '../src/core/evtx/crc32';
import { CHUNK_SIZE, FILE_HEADER_SIZE } from '../src/core/evtx/file-header';

/**
 * Builds a large, valid Security log by repeating the chunks of a real one: the header's chunk
 * count and last chunk number are set and its CRC recomputed. Chunks are independent in EVTX,
 * so every copy parses exactly like the original.
 */
export function buildBigLog(source: string, target: string, minBytes: number): { chunks: number; bytes: number } {
  const src = readFileSync(source);
  const chunks: Buffer[] = [];
  for (let at = FILE_HEADER_SIZE; at + CHUNK_SIZE <= src.length; at += CHUNK_SIZE) {
    const c = src.subarray(at, at + CHUNK_SIZE);
    if (c.subarray(0, 7).toString('latin1') === 'ElfChnk') chunks.push(c);
  }
  const count = Math.min(0xffff, Math.ceil((minBytes - FILE_HEADER_SIZE) / CHUNK_SIZE));
  const bytes = FILE_HEADER_SIZE + count * CHUNK_SIZE;
  if (existsSync(target) && statSync(target).size === bytes) return { chunks: count, bytes };
  const header = Buffer.from(src.subarray(0, FILE_HEADER_SIZE));
  header.writeBigUInt64LE(0n, 8);
  header.writeBigUInt64LE(BigInt(count - 1), 16);
  header.writeUInt16LE(count, 42);
  header.writeUInt32LE(header.readUInt32LE(120) & ~1, 120); // clean, not dirty
  header.writeUInt32LE(crc32(header, 0, 120), 124);
  const fd = openSync(target, 'w');
  writeSync(fd, header);
  const batch = Buffer.concat(Array.from({ length: 64 }, (_, i) => chunks[i % chunks.length]!));
  for (let written = 0; written < count; ) {
    const n = Math.min(64, count - written);
    writeSync(fd, batch, 0, n * CHUNK_SIZE);
    written += n;
  }
  closeSync(fd);
  return { chunks: count, bytes };
}
