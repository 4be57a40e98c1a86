import { describe, expect, it } from 'vitest';
import type { Scalar } from '../binxml/nodes';
import { ByteSink } from './byte-sink';
import { plainPair, writeJsonScalar, writeJsonString, writeUint32, writeUtf16JsonString } from './utf8-json';

const encoder = new TextEncoder();
const utf16 = new TextDecoder('utf-16le');

/** The reference: JSON.stringify, then TextEncoder. */
const reference = (s: string) => encoder.encode(JSON.stringify(s));

/** Bytes as text for comparing: toEqual on 40,000 typed arrays takes seconds. */
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function written(write: (sink: ByteSink) => void): Uint8Array {
  // A tiny sink, so that growing is exercised too.
  const sink = new ByteSink(4);
  sink.byte(120); // something before, that must stay
  write(sink);
  expect(sink.bytes[0]).toBe(120);
  return sink.view().slice(1);
}

let seed = 7;
const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;

/** Code units biased to the hard cases: controls, quotes, backslashes, surrogates (paired or not), U+2028/9, 2- and 3-byte ranges. */
function hostileUnit(): number {
  switch (rand(9)) {
    case 0:
      return rand(32);
    case 1:
      return [34, 92, 47, 127, 0x2028, 0x2029, 0xfeff, 0xfffd, 0xffff][rand(9)]!;
    case 2:
      return 0xd800 + rand(0x400);
    case 3:
      return 0xdc00 + rand(0x400);
    case 4:
      return 0x80 + rand(0x780);
    case 5:
      return 0x800 + rand(0xd000);
    default:
      return 32 + rand(96);
  }
}

function randomUnits(): number[] {
  const units = Array.from({ length: rand(40) }, hostileUnit);
  // Some well-formed pairs as well.
  if (rand(2)) units.splice(rand(units.length + 1), 0, 0xd83d, 0xde00);
  return units;
}

function utf16le(units: number[]): Uint8Array {
  const bytes = new Uint8Array(units.length * 2);
  units.forEach((u, i) => {
    bytes[2 * i] = u & 255;
    bytes[2 * i + 1] = u >> 8;
  });
  return bytes;
}

describe('writeJsonString', () => {
  it('writes what JSON.stringify + TextEncoder write, for random and hostile strings', () => {
    for (let i = 0; i < 20000; i++) {
      const s = String.fromCharCode(...randomUnits());
      const got = hex(written((sink) => writeJsonString(sink, s)));
      if (got !== hex(reference(s))) expect(got).toBe(hex(reference(s)));
    }
  });

  it('handles the edge cases by name', () => {
    for (const s of ['', '"', '\\', '\u0000', '\u001f', '\u007f', '\u2028\u2029', '\ud800', '\udc00', '\udc00\ud800', 'a\ud800', '\ud800a', '\ud83d\ude00', '\u00e9', '\uffff'])
      expect(written((sink) => writeJsonString(sink, s))).toEqual(reference(s));
  });
});

describe('writeUtf16JsonString', () => {
  it('writes what decoding the UTF-16LE (TextDecoder) then JSON.stringify + TextEncoder write', () => {
    for (let i = 0; i < 20000; i++) {
      const units = randomUnits();
      // At an odd offset inside a larger buffer, as values sit in a chunk.
      const bytes = new Uint8Array(units.length * 2 + 3);
      bytes.set(utf16le(units), 1);
      bytes[bytes.length - 2] = 0xd8; // a high surrogate right after the value must not be taken as its pair
      const got = hex(written((sink) => writeUtf16JsonString(sink, bytes, new DataView(bytes.buffer), 1, units.length)));
      const want = hex(reference(utf16.decode(utf16le(units))));
      if (got !== want) expect(got).toBe(want);
    }
  });

  it('does not pair a high surrogate with a unit past the end', () => {
    const bytes = utf16le([0x41, 0xd83d, 0xde00]);
    expect(written((sink) => writeUtf16JsonString(sink, bytes, new DataView(bytes.buffer), 0, 2))).toEqual(reference('A\ufffd'));
  });
});

describe('writeJsonScalar', () => {
  it('writes what JSON.stringify writes (BigInt exactly)', () => {
    const values: Scalar[] = [null, true, false, 0, -0, 1, 9, 10, 99, 4294967295, 4294967296, -1, -2147483648, 0.5, -1.25e-7, 1e21, NaN, Infinity, -Infinity, 2 ** 53 - 1, 'x\n'];
    for (const v of values) expect(new TextDecoder().decode(written((sink) => writeJsonScalar(sink, v)))).toBe(JSON.stringify(v));
    expect(new TextDecoder().decode(written((sink) => writeJsonScalar(sink, 18446744073709551615n)))).toBe('18446744073709551615');
  });

  it('writes every power of ten and its neighbours below 2^32 as String() does', () => {
    for (let k = 0; k <= 9; k++)
      for (const n of [10 ** k - 1, 10 ** k, 10 ** k + 1]) expect(new TextDecoder().decode(written((sink) => writeUint32(sink, n)))).toBe(String(n));
    expect(new TextDecoder().decode(written((sink) => writeUint32(sink, 4294967295)))).toBe('4294967295');
  });
});

describe('plainPair', () => {
  it('is true exactly when both units are printable ASCII other than a quote and a backslash', () => {
    const plain = (c: number) => c >= 0x20 && c < 0x80 && c !== 0x22 && c !== 0x5c;
    // Every pair of units below 0x200 (both lanes, and the bytes just past ASCII), and units with high bytes.
    const units = [...Array.from({ length: 0x200 }, (_, c) => c), 0x2020, 0x4141, 0x8041, 0xd800, 0xffff];
    let wrong = 0;
    for (const lo of units) for (const hi of units) if (plainPair((lo | (hi << 16)) >>> 0) !== (plain(lo) && plain(hi))) wrong++;
    expect(wrong).toBe(0);
  });
});
