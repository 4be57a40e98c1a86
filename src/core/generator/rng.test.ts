import { describe, expect, it } from 'vitest';
import { hashSeed, Rng } from './rng';

describe('Rng', () => {
  it('repeats for a seed and differs between seeds', () => {
    const a = new Rng(1);
    const b = new Rng(1);
    const c = new Rng(2);
    const xs = Array.from({ length: 100 }, () => a.u32());
    expect(Array.from({ length: 100 }, () => b.u32())).toEqual(xs);
    expect(Array.from({ length: 100 }, () => c.u32())).not.toEqual(xs);
  });

  it('forks by label, whatever was drawn before', () => {
    const a = new Rng(9);
    const b = new Rng(9);
    for (let i = 0; i < 50; i++) b.u32();
    expect(a.fork('day', 3).u32()).toBe(b.fork('day', 3).u32());
    expect(a.fork('day', 3).u32()).not.toBe(a.fork('day', 4).u32());
    expect(hashSeed('x', 1)).not.toBe(hashSeed('x', '1'));
  });

  it('draws within range, roughly uniformly', () => {
    const r = new Rng(123);
    const counts = new Array(10).fill(0);
    let lo = 1;
    let hi = 0;
    for (let i = 0; i < 100_000; i++) {
      const v = r.next();
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
      counts[r.int(10)]++;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
    const s = r.sample([1, 2, 3, 4, 5], 3);
    expect(new Set(s).size).toBe(3);
    expect(r.hex(13)).toMatch(/^[0-9a-f]{13}$/);
    const n = Array.from({ length: 20_000 }, () => r.normal(5, 2));
    const mean = n.reduce((x, y) => x + y, 0) / n.length;
    expect(Math.abs(mean - 5)).toBeLessThan(0.1);
  });
});
