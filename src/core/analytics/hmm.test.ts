import { describe, expect, it } from 'vitest';
import { learnHmm } from './hmm-learn';
import { type CategoricalHmm, HMM_SYMBOL_EVENT_IDS, LOGONTRACER_HMM, hmmSymbolOf, validateHmm } from './hmm-model';
import { decode, distinctStates, flagsSequence } from './hmm-viterbi';
import { mulberry32 } from './rng';
import vectors from './vectors/hmm.json';

const sym = (ids: number[]): number[] => ids.map(hmmSymbolOf);

describe('LogonTracer HMM: symbols and shipped model', () => {
  it('maps 4776→0, 4768→1, 4769→2, 4624→3, 4625→4 and nothing else', () => {
    expect(sym([4776, 4768, 4769, 4624, 4625])).toEqual([0, 1, 2, 3, 4]);
    expect(HMM_SYMBOL_EVENT_IDS.map(hmmSymbolOf)).toEqual([0, 1, 2, 3, 4]);
    expect(hmmSymbolOf(4688)).toBe(-1);
  });

  it('ships the §5.2 parameters, valid and frozen', () => {
    validateHmm(LOGONTRACER_HMM);
    expect(LOGONTRACER_HMM.startProb[0]).toBe(0.8271864303776253);
    expect(LOGONTRACER_HMM.transMat[1]?.[2]).toBe(0.7422861593863578);
    expect(LOGONTRACER_HMM.emissionProb[2]?.[0]).toBe(2.785027113671527e-125);
    expect(Object.isFrozen(LOGONTRACER_HMM.emissionProb[0])).toBe(true);
  });
});

describe('Viterbi as hmmlearn (spec §5.2 vectors)', () => {
  const table: [number[], number[], boolean][] = [
    [[4624, 4624, 4624], [0, 0, 0], false],
    [[4768, 4769, 4624], [2, 1, 2], true],
    [[4768, 4769, 4769], [2, 1, 1], true],
    [[4769, 4769, 4769], [1, 1, 1], false],
    [[4776, 4776, 4776], [1, 1, 1], false],
    [[4625, 4625, 4625], [2, 2, 2], false],
    [[4624, 4625, 4624], [2, 2, 2], false],
    [[4776, 4624, 4624], [1, 2, 2], true],
    [[4768, 4624, 4624], [2, 0, 0], true],
    [[4624, 4769, 4624], [0, 1, 2], false],
    [[4624, 4624, 4624, 4769], [0, 0, 0, 1], true],
    [[4768, 4769, 4624, 4768, 4769, 4624], [2, 1, 2, 2, 1, 2], true],
  ];
  for (const [ids, path, flag] of table) {
    it(`${ids.join(',')} → ${path.join(',')} ${flag ? 'flagged' : 'not flagged'}`, () => {
      expect(Array.from(decode(LOGONTRACER_HMM, sym(ids)).path)).toEqual(path);
      expect(flagsSequence(LOGONTRACER_HMM, sym(ids))).toBe(flag);
    });
  }

  it('of the 125 length-3 sequences, 101 are flagged; the 24 others are the listed ones', () => {
    const K = [4776, 4768, 4769, 4624, 4625];
    const expectedUnflagged = new Set<string>();
    for (const a of [4776, 4769]) for (const b of [4776, 4769]) for (const c of [4776, 4769]) expectedUnflagged.add([a, b, c].join());
    for (const b of [4776, 4768, 4769]) for (const c of [4768, 4624, 4625]) expectedUnflagged.add([4624, b, c].join());
    expectedUnflagged.add('4624,4624,4624');
    for (const s of ['4624,4624,4625', '4624,4625,4624', '4624,4625,4625', '4625,4624,4625', '4625,4625,4624', '4625,4625,4625']) expectedUnflagged.add(s);
    expect(expectedUnflagged.size).toBe(24);
    const unflagged = new Set<string>();
    let flagged = 0;
    for (const a of K) for (const b of K) for (const c of K) {
      if (flagsSequence(LOGONTRACER_HMM, sym([a, b, c]))) flagged++;
      else unflagged.add([a, b, c].join());
    }
    expect(flagged).toBe(101);
    expect(unflagged).toEqual(expectedUnflagged);
  });

  it('sequences of length ≤ 2 are never decoded for the flag', () => {
    expect(flagsSequence(LOGONTRACER_HMM, sym([4768, 4769]))).toBe(false);
    expect(flagsSequence(LOGONTRACER_HMM, [])).toBe(false);
  });

  it('ties: the last state is the first maximum, the backtrace takes the highest index', () => {
    const flat: CategoricalHmm = {
      startProb: [1 / 3, 1 / 3, 1 / 3],
      transMat: [[1 / 3, 1 / 3, 1 / 3], [1 / 3, 1 / 3, 1 / 3], [1 / 3, 1 / 3, 1 / 3]],
      emissionProb: [[1], [1], [1]],
    };
    // Every state ties at every step: the last state is 0 (first maximum), each predecessor 2
    // (highest index). hmmlearn 0.3.3 gives (-3.295836866004329, [2, 2, 0]).
    const r0 = decode(flat, [0, 0, 0]);
    expect(Array.from(r0.path)).toEqual([2, 2, 0]);
    expect(r0.logProb).toBeCloseTo(-3.295836866004329, 12);
    // An impossible sequence: all −∞, the backtrace picks the highest index (hmmlearn: -inf, [1, 1, 0]).
    const zero: CategoricalHmm = { startProb: [0.5, 0.5], transMat: [[1, 0], [0, 1]], emissionProb: [[1, 0], [1, 0]] };
    const r = decode(zero, [1, 1, 1]);
    expect(r.logProb).toBe(-Infinity);
    expect(Array.from(r.path)).toEqual([1, 1, 0]);
  });

  it('rejects unknown symbols, counts distinct states', () => {
    expect(() => decode(LOGONTRACER_HMM, [0, 5])).toThrow(RangeError);
    expect(() => decode(LOGONTRACER_HMM, [-1])).toThrow(RangeError);
    expect(distinctStates([0, 2, 2, 0])).toBe(2);
  });
});

describe('Viterbi against hmmlearn itself (vectors/hmm.json)', () => {
  it(`${vectors.decode.length} sequences decoded by hmmlearn ${vectors.versions.hmmlearn}: same paths, log probabilities within 1e-9`, () => {
    expect(vectors.decode.length).toBeGreaterThanOrEqual(300);
    for (const v of vectors.decode) {
      const r = decode(LOGONTRACER_HMM, v.symbols);
      expect(Array.from(r.path), v.symbols.join()).toEqual(v.path);
      if (v.logprob === null) expect(r.logProb).toBe(-Infinity);
      else expect(Math.abs(r.logProb - v.logprob)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v.logprob)));
    }
  });
});

describe('learnHmm (Baum–Welch, hmmlearn CategoricalHMM semantics)', () => {
  const L = vectors.learn;
  const data = L.sequences.flat();
  const lengths = L.sequences.map((s) => s.length);
  const near = (a: readonly (readonly number[])[] | readonly number[], b: unknown, tol: number): void => {
    const fa = (a as unknown[]).flat(2) as number[];
    const fb = (b as unknown[]).flat(2) as number[];
    expect(fa.length).toBe(fb.length);
    fa.forEach((v, i) => expect(Math.abs(v - (fb[i] as number)), `entry ${i}`).toBeLessThanOrEqual(tol));
  };

  for (const fit of L.fits) {
    it(`from fixed parameters, nIter=${fit.nIter} tol=${fit.tol}: ${fit.iterations} iterations, same parameters as hmmlearn`, () => {
      const res = learnHmm(data, lengths, { init: L.init, nIter: fit.nIter, tol: fit.tol ?? -Infinity });
      expect(res.iterations).toBe(fit.iterations);
      const tol = fit.iterations > 20 ? 1e-7 : 1e-9;
      near(res.model.startProb, fit.startProb, tol);
      near(res.model.transMat, fit.transMat, tol);
      near(res.model.emissionProb, fit.emissionProb, tol);
      expect(Math.abs((res.logLikelihoods.at(-1) as number) - fit.lastLogLikelihood)).toBeLessThan(1e-7);
      validateHmm(res.model);
    });
  }

  it('log-likelihood never decreases, the result is a new frozen model, the shipped one untouched', () => {
    const res = learnHmm(data, lengths, { seed: 3, nIter: 200 });
    for (let i = 1; i < res.logLikelihoods.length; i++) {
      expect(res.logLikelihoods[i] as number).toBeGreaterThanOrEqual((res.logLikelihoods[i - 1] as number) - 1e-9);
    }
    expect(res.model).not.toBe(LOGONTRACER_HMM);
    expect(Object.isFrozen(res.model)).toBe(true);
    expect(LOGONTRACER_HMM.startProb[0]).toBe(0.8271864303776253);
    // Seeded: the same seed, the same model.
    expect(learnHmm(data, lengths, { seed: 3, nIter: 200 }).model).toEqual(res.model);
  });

  it('recovers a clear two-regime structure from sampled data', () => {
    const truth: CategoricalHmm = {
      startProb: [0.9, 0.1],
      transMat: [[0.9, 0.1], [0.2, 0.8]],
      emissionProb: [[0.9, 0.1, 0], [0, 0.1, 0.9]],
    };
    const rng = mulberry32(11);
    const seqs: number[] = [];
    const lens: number[] = [];
    const pick = (p: readonly number[]): number => {
      let u = rng.next();
      for (let i = 0; i < p.length; i++) if ((u -= p[i] as number) < 0) return i;
      return p.length - 1;
    };
    for (let s = 0; s < 200; s++) {
      const T = 20;
      let st = pick(truth.startProb);
      for (let t = 0; t < T; t++) {
        seqs.push(pick(truth.emissionProb[st] as number[]));
        st = pick(truth.transMat[st] as number[]);
      }
      lens.push(T);
    }
    const res = learnHmm(seqs, lens, { nStates: 2, nSymbols: 3, seed: 5, nIter: 500, tol: 1e-6 });
    expect(res.converged).toBe(true);
    const e = res.model.emissionProb.map((r) => r[0] as number);
    const a = e[0]! > e[1]! ? 0 : 1;
    expect(res.model.emissionProb[a]?.[0]).toBeGreaterThan(0.8);
    expect(res.model.emissionProb[1 - a]?.[2]).toBeGreaterThan(0.8);
  });

  it('rejects bad input', () => {
    expect(() => learnHmm([0, 1, 2], [2])).toThrow(RangeError);
    expect(() => learnHmm([0, 1, 7], [3])).toThrow(RangeError);
    expect(() => learnHmm([0, 1, 2], [3], { nIter: 0 })).toThrow(RangeError);
  });
});
