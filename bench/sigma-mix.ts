// A mixed, Sysmon-heavy log for the Sigma bench: the chunks holding records of every EVTX file in
// the corpus's attack samples (Sysmon, PowerShell, Security, System… ~200 logs), repeated to a size.
//   tsx bench/sigma-mix.ts [TARGET] [--mb N]
// TARGET defaults to bench/out/attack-mix.evtx, N to 256. The header's chunk count and CRC are set
// as bench/big-log.ts does; chunks are independent in EVTX, so each copy parses like its original.
import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from '../src/core/evtx/crc32';
import { CHUNK_SIZE, FILE_HEADER_SIZE } from '../src/core/evtx/file-header';

const SAMPLES = join(import.meta.dirname, '../../shared/corpus/attack-samples');

export function buildMixLog(target: string, minBytes: number): { chunks: number; distinct: number; bytes: number } {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.evtx')) files.push(p);
    }
  };
  walk(SAMPLES);
  const chunks: Buffer[] = [];
  let header: Buffer | undefined;
  for (const f of files) {
    const src = readFileSync(f);
    if (src.length < FILE_HEADER_SIZE || src.subarray(0, 7).toString('latin1') !== 'ElfFile') continue;
    header ??= Buffer.from(src.subarray(0, FILE_HEADER_SIZE));
    for (let at = FILE_HEADER_SIZE; at + CHUNK_SIZE <= src.length; at += CHUNK_SIZE) {
      const c = src.subarray(at, at + CHUNK_SIZE);
      // A chunk with records: signature, and free space past the 512-byte header and tables.
      if (c.subarray(0, 7).toString('latin1') === 'ElfChnk' && c.readUInt32LE(48) > 512) chunks.push(c);
    }
  }
  if (!header || chunks.length === 0) throw new Error(`no EVTX chunks under ${SAMPLES}`);
  const count = Math.min(0xffff, Math.max(chunks.length, Math.ceil((minBytes - FILE_HEADER_SIZE) / CHUNK_SIZE)));
  const bytes = FILE_HEADER_SIZE + count * CHUNK_SIZE;
  if (existsSync(target) && statSync(target).size === bytes) return { chunks: count, distinct: chunks.length, bytes };
  header.writeBigUInt64LE(0n, 8);
  header.writeBigUInt64LE(BigInt(count - 1), 16);
  header.writeUInt16LE(count, 42);
  header.writeUInt32LE(header.readUInt32LE(120) & ~1, 120);
  header.writeUInt32LE(crc32(header, 0, 120), 124);
  const fd = openSync(target, 'w');
  writeSync(fd, header);
  for (let i = 0; i < count; i++) writeSync(fd, chunks[i % chunks.length]!);
  closeSync(fd);
  return { chunks: count, distinct: chunks.length, bytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const mi = args.indexOf('--mb');
  const target = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--mb') ?? join(import.meta.dirname, 'out/attack-mix.evtx');
  const r = buildMixLog(target, (mi >= 0 ? Number(args[mi + 1]) : 256) * 1e6);
  console.log(`${target}: ${r.chunks} chunks (${r.distinct} distinct) = ${(r.bytes / 1e6).toFixed(0)} MB`);
}
