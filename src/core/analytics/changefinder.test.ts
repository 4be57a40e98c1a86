import { describe, expect, it } from 'vitest';
import { ChangeFinder, DEFAULT_CHANGEFINDER_SEED, LOGONTRACER_CHANGEFINDER, resolveChangeFinderInit } from './changefinder';
import { changeFinderUserScores } from './changefinder-users';
import { roundLikeNumpy } from './round';
import vectors from './vectors/changefinder.json';

const HALF = { ...LOGONTRACER_CHANGEFINDER, init: { mu: 0.5, sigma: 0.5 } };
const WARM = [0, 1, 0, 0, 2, 1, 0, 0, 1, 3, 0, 0];
const USER = [0, 0, 0, 1, 0, 0, 0, 0, 9, 0, 0, 0];

describe('ChangeFinder (changefinder 0.03, r=0.04 order=1 smooth=5)', () => {
  it('spec §5.1 vector: a fresh model on the warm-up series', () => {
    const cf = new ChangeFinder(HALF);
    const out = WARM.map((x) => roundLikeNumpy(cf.update(x), 2));
    expect(out).toEqual([0, 0, 0, 0, 0, 0, 0, 16.08, 11.34, 11.2, 11.45, 9.81]);
  });

  it('spec §5.1 vector: warm-up then the user series', () => {
    const cf = new ChangeFinder(HALF);
    for (const x of WARM) cf.update(x);
    const out = USER.map((x) => roundLikeNumpy(cf.update(x), 2));
    expect(out).toEqual([8.77, 8.12, 6.24, 4.57, 4.47, 4.39, 4.31, 4.24, 9.43, 13.53, 11.81, 10.84]);
  });

  it('first 7 calls return 0, smooth2 = int(round(5/2)) = 2 (half to even)', () => {
    const cf = new ChangeFinder(HALF);
    expect(cf.smooth2).toBe(2);
    expect(new ChangeFinder({ r: 0.04, order: 1, smooth: 7 }).smooth2).toBe(4);
    expect(new ChangeFinder({ r: 0.04, order: 1, smooth: 3 }).smooth2).toBe(2);
    const out = [5, 1, 4, 2, 8, 0, 3, 7].map((x) => cf.update(x));
    expect(out.slice(0, 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(out[7]).not.toBe(0);
  });

  it('seeded start is deterministic and documented', () => {
    const a = resolveChangeFinderInit(undefined);
    const b = resolveChangeFinderInit({ seed: DEFAULT_CHANGEFINDER_SEED });
    expect(a).toEqual(b);
    for (const s of [a.first, a.second]) {
      expect(s.mu).toBeGreaterThanOrEqual(0);
      expect(s.mu).toBeLessThan(1);
      expect(s.sigma).toBeGreaterThanOrEqual(0);
      expect(s.sigma).toBeLessThan(1);
    }
    expect(resolveChangeFinderInit({ seed: 7 })).not.toEqual(a);
    const run = () => {
      const cf = new ChangeFinder();
      return [...WARM, ...USER].map((x) => cf.update(x));
    };
    expect(run()).toEqual(run());
  });

  it('rejects the parameters 0.03 asserts against', () => {
    expect(() => new ChangeFinder({ r: 0.04, order: 0, smooth: 5 })).toThrow(RangeError);
    expect(() => new ChangeFinder({ r: 0.04, order: 1, smooth: 2 })).toThrow(RangeError);
  });
});

describe("changeFinderUserScores (LogonTracer's adetection)", () => {
  it('warms up on the average series then scores each user, like a fresh model per user', () => {
    // Two users whose mean is the spec's warm-up series: 2·WARM − USER' where USER' is user 2.
    const u1 = USER;
    const u2 = WARM.map((w, i) => 2 * w - (u1[i] as number));
    // u2 has negative entries; that is fine for the arithmetic, the mean is WARM exactly.
    const res = changeFinderUserScores([u1, u2], HALF);
    expect(Array.from(res.average)).toEqual(WARM);
    expect(Array.from(res.scores[0] as Float64Array)).toEqual([8.77, 8.12, 6.24, 4.57, 4.47, 4.39, 4.31, 4.24, 9.43, 13.53, 11.81, 10.84]);
    expect(res.max[0]).toBe(13.53);
    // Same as a fresh model per user (the reference's loop).
    const cf = new ChangeFinder(HALF);
    for (const x of WARM) cf.update(x);
    const direct = u2.map((x) => roundLikeNumpy(cf.update(x), 2));
    expect(Array.from(res.scores[1] as Float64Array)).toEqual(direct);
    expect(res.max[1]).toBe(Math.max(...direct));
  });

  it('accepts Float64Array input, rejects ragged series, handles empty input', () => {
    const res = changeFinderUserScores([Float64Array.from(USER)], HALF);
    expect(res.scores).toHaveLength(1);
    expect(() => changeFinderUserScores([[1, 2], [1]])).toThrow(RangeError);
    const empty = changeFinderUserScores([]);
    expect(empty.scores).toEqual([]);
    expect(empty.average.length).toBe(0);
    const noHours = changeFinderUserScores([[], []]);
    expect(Array.from(noHours.max)).toEqual([0, 0]);
  });
});

describe('ChangeFinder against changefinder 0.03 itself (vectors/changefinder.json)', () => {
  it(`was generated with ${JSON.stringify(vectors.versions)}`, () => {
    expect(vectors.versions.changefinder).toMatch(/^0\.0?3$/);
  });

  it('spec §5.1 vector unrounded', () => {
    const c = vectors.cases.find((k) => k.name === 'spec-5.1');
    expect(c).toBeDefined();
    const cf = new ChangeFinder(HALF);
    const out = c!.input.map((x) => cf.update(x));
    out.forEach((v, i) => expect(Math.abs(v - (c!.output[i] as number))).toBeLessThan(1e-9));
    // And the spec's rounded figures are these values rounded.
    expect(out.slice(12).map((v) => roundLikeNumpy(v, 2))).toEqual([8.77, 8.12, 6.24, 4.57, 4.47, 4.39, 4.31, 4.24, 9.43, 13.53, 11.81, 10.84]);
  });

  for (const c of vectors.cases) {
    it(`${c.name}: r=${c.r} order=${c.order} smooth=${c.smooth}, ${c.input.length} updates within 1e-9`, () => {
      const cf = new ChangeFinder({ r: c.r, order: c.order, smooth: c.smooth, init: { first: c.first, second: c.second } });
      c.input.forEach((x, i) => {
        const got = cf.update(x);
        const want = c.output[i];
        // null: 0.03 went non-finite (order > 1 lets σ go negative); we must too.
        if (want === null || want === undefined) expect(Number.isFinite(got)).toBe(false);
        else expect(Math.abs(got - want), `update ${i}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
      });
    });
  }

  it("LogonTracer's adetection (16 users × 168 hours): average, rounded detect and max exactly", () => {
    const a = vectors.adetection;
    const res = changeFinderUserScores(a.series, { ...LOGONTRACER_CHANGEFINDER, init: a.init });
    expect(Array.from(res.average)).toEqual(a.average);
    res.scores.forEach((s, u) => expect(Array.from(s), `user ${u}`).toEqual(a.detect[u]));
    expect(Array.from(res.max)).toEqual(a.max);
  });

  it('round(np.float64(x), 2) on values at and next to half-way points', () => {
    for (const [x, want] of vectors.round2) expect(roundLikeNumpy(x as number, 2), String(x)).toBe(want);
  });
});
