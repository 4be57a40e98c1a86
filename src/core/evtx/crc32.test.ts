import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, crc32Js, useNativeCrc32 } from './crc32';

describe('crc32', () => {
  it('matches zlib on the check value and on random ranges', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    for (let i = 0; i < 500; i++) {
      const bytes = Uint8Array.from({ length: i }, rand);
      const start = i % 13 < i ? i % 13 : 0;
      expect(crc32(bytes, start)).toBe(zlibCrc32(bytes.subarray(start)) >>> 0);
      // Chaining two ranges gives the CRC of their concatenation.
      const mid = Math.floor(i / 2);
      expect(crc32(bytes, mid, i, crc32(bytes, 0, mid))).toBe(zlibCrc32(bytes) >>> 0);
    }
  });

  it('matches zlib on long ranges, word-aligned or not (the word-at-a-time loop)', () => {
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    const all = Uint8Array.from({ length: 70_000 }, rand);
    for (const shift of [0, 1, 2, 3]) {
      const bytes = all.subarray(shift);
      for (const [start, end] of [[0, 64], [4, 69], [512, 65_536], [512, 65_539], [7, 1000], [8, 200]] as const) {
        expect(crc32(bytes, start, end)).toBe(zlibCrc32(bytes.subarray(start, end)) >>> 0);
        expect(crc32(bytes, start + 64, end + 64, crc32(bytes, start, start + 64))).toBe(zlibCrc32(bytes.subarray(start, end + 64)) >>> 0);
      }
    }
  });

  it('gives the same through a native CRC as through the tables, long ranges and short, chained or not', () => {
    let seed = 13;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    const bytes = Uint8Array.from({ length: 70_000 }, rand);
    const ranges = [[0, 120], [512, 65_536], [3, 9_000], [4_096, 8_192]] as const;
    const js = ranges.map(([a, b]) => [crc32Js(bytes, a, b), crc32Js(bytes, b, b + 4_100, crc32Js(bytes, a, b))]);
    let calls = 0;
    useNativeCrc32((data, value) => (calls++, zlibCrc32(data, value)));
    try {
      const viaNative = ranges.map(([a, b]) => [crc32(bytes, a, b), crc32(bytes, b, b + 4_100, crc32(bytes, a, b))]);
      expect(viaNative).toEqual(js);
      expect(calls).toBeGreaterThan(0);
    } finally {
      useNativeCrc32(null);
    }
  });
});
