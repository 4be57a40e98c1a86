import { describe, expect, it } from 'vitest';
import { dirichlet, gamma, mulberry32 } from './rng';
import { pythonRoundToInt, rint, roundLikeNumpy } from './round';

describe('seeded generator', () => {
  it('is deterministic per seed and uniform in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const v = a.next();
      expect(v).toBe(b.next());
      expect(v >= 0 && v < 1).toBe(true);
      sum += v;
    }
    expect(sum / 10_000).toBeCloseTo(0.5, 1);
  });

  it('gamma has mean = shape, Dirichlet rows sum to 1', () => {
    const rng = mulberry32(1);
    for (const shape of [1 / 3, 1, 2.5]) {
      let s = 0;
      for (let i = 0; i < 20_000; i++) s += gamma(rng, shape);
      expect(s / 20_000).toBeCloseTo(shape, 1);
    }
    const row = dirichlet(rng, 3, 1 / 3);
    expect(row.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
  });
});

describe('rounding', () => {
  it('half to even like numpy rint and Python round', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4999, 2.5001].map(rint)).toEqual([0, 2, 2, -0, -2, 2, 3]);
    expect(pythonRoundToInt(5 / 2)).toBe(2);
    expect(pythonRoundToInt(7 / 2)).toBe(4);
    expect(roundLikeNumpy(0.125, 2)).toBe(0.12);
    expect(roundLikeNumpy(13.534, 2)).toBe(13.53);
  });
});
