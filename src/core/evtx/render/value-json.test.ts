import { describe, expect, it } from 'vitest';
import { formatFiletime } from '../binxml/text';
import { ByteSink } from './byte-sink';
import { writeFiletimeJson } from './value-json';

let seed = 11;
const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
const u32 = () => ((rand(65536) << 16) | rand(65536)) >>> 0;

const decoder = new TextDecoder();

describe('writeFiletimeJson', () => {
  it('writes what the decoder\'s text gives, JSON-encoded, for times in runs, across days and out of range', () => {
    const times: [number, number][] = [];
    // Runs of nearby times (same day, next second, a day later…), as logs have them.
    let lo = 0xd53e8000;
    let hi = 0x01d9a000;
    for (let i = 0; i < 20000; i++) {
      const step = [0, 1, 10, 9999999, 10000000, 600000000, 864000000000][rand(7)]!;
      const next = lo + step;
      hi += Math.floor(next / 4294967296) + (rand(200) === 0 ? rand(3) : 0);
      lo = next >>> 0;
      times.push([lo, hi]);
    }
    // Anything at all: years before 1685 and after 2255 (exact arithmetic), dates a Date cannot hold.
    for (let i = 0; i < 5000; i++) times.push([u32(), u32()]);
    times.push([0, 0], [0xffffffff, 0xffffffff], [0xd53e8000, 0x019db1de], [0xd53e7fff, 0x019db1de], [0, 0x7fffffff]);
    const chunk = new Uint8Array(8);
    const view = new DataView(chunk.buffer);
    const sink = new ByteSink(8);
    for (const [l, h] of times) {
      view.setUint32(0, l, true);
      view.setUint32(4, h, true);
      sink.clear();
      writeFiletimeJson(sink, chunk, 0);
      expect(decoder.decode(sink.view())).toBe(JSON.stringify(formatFiletime(l, h)));
    }
  });
});
