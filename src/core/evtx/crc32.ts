// CRC-32 (IEEE 802.3), the checksum EVTX uses for file headers, chunk headers and record data.
// Every chunk's records are checksummed, so this runs over the whole input: it is slicing-by-16
// (16 tables, 16 bytes a step), reading the data as words, with each table its own constant.
// Measured with instruction counts: one 4096-entry table made V8 reload its base and length for
// every lookup (14 instructions a byte); separate constant tables take 9.4 (byte loads: ~30 % more).
function tables(): Int32Array[] {
  const t = new Int32Array(16 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n]!;
    for (let k = 1; k < 16; k++) {
      c = t[c & 0xff]! ^ (c >>> 8);
      t[k * 256 + n] = c;
    }
  }
  return Array.from({ length: 16 }, (_, k) => t.slice(k * 256, k * 256 + 256));
}

/** Int32Array reads are little-endian words only on little-endian hosts (all real ones; checked anyway). */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** CRC-32 of `bytes[start, end)` in JS, continuing from `crc` (pass the previous result to chain ranges). */
export const crc32Js = makeCrc32();

/** A platform's CRC-32 of a whole array, continuing from `value` (zlib's signature). */
export type NativeCrc32 = (data: Uint8Array, value?: number) => number;
let native: NativeCrc32 | null = null;
/** Below this a native call's overhead is not worth it (headers: 120 and 384 bytes). */
const NATIVE_FROM = 4096;

/**
 * Uses the platform's CRC-32 for long ranges, where there is one. Node has one (`zlib.crc32`, since
 * 20.15), with SIMD: ~4.7 GB/s against ~1.9 GB/s for the tables below, which cuts a fast parse of
 * a 1 GB log by ~0.35 s of CPU. The CLI and the benchmarks call this; browsers have no CRC-32 API
 * (CompressionStream computes one only while deflating, far slower), so workers use the JS one.
 */
export function useNativeCrc32(fn: NativeCrc32 | null): void {
  native = fn;
}

/** CRC-32 of `bytes[start, end)`, continuing from `crc` (pass the previous result to chain ranges). */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length, crc = 0): number {
  if (native !== null && end - start >= NATIVE_FROM) return native(bytes.subarray(start, end), crc) >>> 0;
  return crc32Js(bytes, start, end, crc);
}

/**
 * The tables are consts of a closure rather than of the module: bundlers may turn module-level
 * consts into vars, which V8 does not fold into constants (esbuild bundle: 660 M instructions for
 * 512 chunks against 407 M).
 */
function makeCrc32(): (bytes: Uint8Array, start?: number, end?: number, crc?: number) => number {
  const [T0, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15] = tables() as [
    Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array,
    Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array,
  ];
  return function crc32(bytes: Uint8Array, start = 0, end = bytes.length, crc = 0): number {
    let c = ~crc;
    let i = start;
    // Chunk data sits 4-aligned in its read buffer: it is read as words, four per step.
    if (LITTLE_ENDIAN && ((bytes.byteOffset + i) & 3) === 0 && end - i >= 64) {
      const words = new Int32Array(bytes.buffer, bytes.byteOffset + i, (end - i) >>> 2);
      const n = words.length & ~3;
      for (let j = 0; j < n; j += 4) {
        const a = c ^ words[j]!;
        const b = words[j + 1]!;
        const d = words[j + 2]!;
        const e = words[j + 3]!;
        c =
          T15[a & 0xff]! ^ T14[(a >>> 8) & 0xff]! ^ T13[(a >>> 16) & 0xff]! ^ T12[a >>> 24]! ^
          T11[b & 0xff]! ^ T10[(b >>> 8) & 0xff]! ^ T9[(b >>> 16) & 0xff]! ^ T8[b >>> 24]! ^
          T7[d & 0xff]! ^ T6[(d >>> 8) & 0xff]! ^ T5[(d >>> 16) & 0xff]! ^ T4[d >>> 24]! ^
          T3[e & 0xff]! ^ T2[(e >>> 8) & 0xff]! ^ T1[(e >>> 16) & 0xff]! ^ T0[e >>> 24]!;
      }
      i += n * 4;
    }
    for (; i + 8 <= end; i += 8) {
      const a = c ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
      c =
        T7[a & 0xff]! ^ T6[(a >>> 8) & 0xff]! ^ T5[(a >>> 16) & 0xff]! ^ T4[a >>> 24]! ^
        T3[bytes[i + 4]!]! ^ T2[bytes[i + 5]!]! ^ T1[bytes[i + 6]!]! ^ T0[bytes[i + 7]!]!;
    }
    for (; i < end; i++) c = T0[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
    return ~c >>> 0;
  };
}
