/**
 * Baum–Welch training of a categorical HMM with hmmlearn's `CategoricalHMM.fit` semantics
 * (reference §5.2 item 6): all of start, transition and emission re-estimated (params 'ste'),
 * priors 1.0 (so the M-step is the plain normalised expected counts), zeros in start and
 * transition kept at zero, and hmmlearn's stopping rule — stop after `nIter` EM steps, or as soon
 * as the log-likelihood (computed in the E-step, before that step's update) gains less than `tol`.
 *
 * Differences from hmmlearn, on purpose:
 * - a new model object is returned; nothing global is overwritten (LogonTracer's `-l` replaces
 *   `model/hmm.pkl` for every case);
 * - the random initial parameters come from our seeded generator, not numpy's (same
 *   distributions: Dirichlet(1/n) start and transition rows, uniform then normalised emissions),
 *   or are given explicitly with `init` (hmmlearn's `init_params=''`);
 * - the number of symbols is fixed (`nSymbols`, default 5) instead of inferred from the largest
 *   symbol seen, and an out-of-range symbol is an error rather than a wider model;
 * - forward–backward uses per-step scaling (hmmlearn's `implementation='scaling'`) rather than
 *   log-space sums: the same quantities to rounding, several times faster. A sequence the model
 *   gives probability 0 is an error (hmmlearn's log implementation would turn the model into NaN).
 */
import { type CategoricalHmm, HMM_SYMBOL_COUNT, freezeHmm, hmmStateCount, hmmSymbolCountOf, validateHmm } from './hmm-model';
import { dirichlet, mulberry32 } from './rng';

export interface LearnHmmOptions {
  /** Default 3 (LogonTracer's `n_components`). Ignored when `init` is given. */
  readonly nStates?: number;
  /** Default 5 (LogonTracer's alphabet). Ignored when `init` is given. */
  readonly nSymbols?: number;
  /** Maximum EM iterations. Default 10000 (LogonTracer's `n_iter`). */
  readonly nIter?: number;
  /** Minimum log-likelihood gain per iteration. Default 0.01 (hmmlearn's default). */
  readonly tol?: number;
  /** Seed of the random initial parameters. Default {@link DEFAULT_HMM_SEED}. */
  readonly seed?: number;
  /** Explicit initial parameters instead of random ones. */
  readonly init?: CategoricalHmm;
}

export interface LearnHmmResult {
  readonly model: CategoricalHmm;
  /** EM steps done (hmmlearn's `monitor_.iter`). */
  readonly iterations: number;
  /** True if stopped because the gain fell below `tol`, false if `nIter` ran out. */
  readonly converged: boolean;
  /** Total log-likelihood of the data at the start of each iteration (hmmlearn's monitor history). */
  readonly logLikelihoods: readonly number[];
}

export const DEFAULT_HMM_SEED = 0x4d4d; // "MM"

function randomInit(nStates: number, nSymbols: number, seed: number): CategoricalHmm {
  const rng = mulberry32(seed);
  const alpha = 1 / nStates;
  const startProb = dirichlet(rng, nStates, alpha);
  const transMat = Array.from({ length: nStates }, () => dirichlet(rng, nStates, alpha));
  const emissionProb = Array.from({ length: nStates }, () => {
    const row = Array.from({ length: nSymbols }, () => rng.next());
    const s = row.reduce((a, b) => a + b, 0);
    return row.map((v) => v / s);
  });
  return { startProb, transMat, emissionProb };
}

/**
 * Fit on concatenated `sequences` split by `lengths` (hmmlearn's `fit(X, lengths)`).
 * Symbols must be integers in 0..nSymbols-1.
 */
export function learnHmm(sequences: ArrayLike<number>, lengths: ArrayLike<number>, options: LearnHmmOptions = {}): LearnHmmResult {
  const nIter = options.nIter ?? 10000;
  const tol = options.tol ?? 0.01;
  const start0 = options.init ?? randomInit(options.nStates ?? 3, options.nSymbols ?? HMM_SYMBOL_COUNT, options.seed ?? DEFAULT_HMM_SEED);
  validateHmm(start0);
  const n = hmmStateCount(start0);
  const m = hmmSymbolCountOf(start0);
  if (!Number.isInteger(nIter) || nIter < 1) throw new RangeError(`learnHmm: nIter must be an integer ≥ 1, got ${nIter}`);

  // Check the data once.
  let total = 0;
  let maxLen = 0;
  for (let s = 0; s < lengths.length; s++) {
    const len = lengths[s] as number;
    if (!Number.isInteger(len) || len < 1) throw new RangeError(`learnHmm: length ${len} at ${s} is not a positive integer`);
    total += len;
    if (len > maxLen) maxLen = len;
  }
  if (total !== sequences.length) throw new RangeError(`learnHmm: lengths sum to ${total}, sequences hold ${sequences.length}`);
  if (total === 0) throw new RangeError('learnHmm: no data');
  for (let t = 0; t < total; t++) {
    const v = sequences[t] as number;
    if (!Number.isInteger(v) || v < 0 || v >= m) throw new RangeError(`learnHmm: symbol ${v} at ${t} outside 0..${m - 1}`);
  }

  // Parameters, flattened.
  const start = Float64Array.from(start0.startProb);
  const trans = new Float64Array(n * n);
  const emit = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    trans.set(start0.transMat[i] as readonly number[], i * n);
    emit.set(start0.emissionProb[i] as readonly number[], i * m);
  }

  // Work buffers, sized once for the longest sequence.
  const fwd = new Float64Array(maxLen * n);
  const bwd = new Float64Array(maxLen * n);
  const scale = new Float64Array(maxLen);
  const post = new Float64Array(n);
  // Sufficient statistics.
  const sStart = new Float64Array(n);
  const sTrans = new Float64Array(n * n);
  const sObs = new Float64Array(n * m);
  const seqTrans = new Float64Array(n * n);

  const history: number[] = [];
  let iterations = 0;
  let converged = false;

  for (let iter = 0; iter < nIter; iter++) {
    sStart.fill(0);
    sTrans.fill(0);
    sObs.fill(0);
    let logProb = 0;
    let offset = 0;
    for (let s = 0; s < lengths.length; s++) {
      const T = lengths[s] as number;
      // Forward, normalised at every step; scale[t] is the step's sum.
      for (let t = 0; t < T; t++) {
        const sym = sequences[offset + t] as number;
        let sum = 0;
        for (let j = 0; j < n; j++) {
          let a: number;
          if (t === 0) a = start[j] as number;
          else {
            a = 0;
            const prev = (t - 1) * n;
            for (let i = 0; i < n; i++) a += (fwd[prev + i] as number) * (trans[i * n + j] as number);
          }
          const v = a * (emit[j * m + sym] as number);
          fwd[t * n + j] = v;
          sum += v;
        }
        if (!(sum > 0)) throw new Error(`learnHmm: sequence ${s} has probability 0 under the current model (step ${t})`);
        scale[t] = sum;
        for (let j = 0; j < n; j++) fwd[t * n + j] = (fwd[t * n + j] as number) / sum;
        logProb += Math.log(sum);
      }
      // Backward with the same scales.
      for (let i = 0; i < n; i++) bwd[(T - 1) * n + i] = 1 / (scale[T - 1] as number);
      for (let t = T - 2; t >= 0; t--) {
        const sym = sequences[offset + t + 1] as number;
        const c = scale[t] as number;
        for (let i = 0; i < n; i++) {
          let b = 0;
          for (let j = 0; j < n; j++) b += (trans[i * n + j] as number) * (emit[j * m + sym] as number) * (bwd[(t + 1) * n + j] as number);
          bwd[t * n + i] = b / c;
        }
      }
      // Posteriors (normalised per step, as hmmlearn does) into start and emission counts.
      for (let t = 0; t < T; t++) {
        const sym = sequences[offset + t] as number;
        let sum = 0;
        for (let i = 0; i < n; i++) {
          const g = (fwd[t * n + i] as number) * (bwd[t * n + i] as number);
          post[i] = g;
          sum += g;
        }
        for (let i = 0; i < n; i++) {
          const g = sum === 0 ? 0 : (post[i] as number) / sum;
          if (t === 0) sStart[i] = (sStart[i] as number) + g;
          sObs[i * m + sym] = (sObs[i * m + sym] as number) + g;
        }
      }
      // Expected transitions, summed per sequence then added (hmmlearn's xi_sum).
      if (T > 1) {
        seqTrans.fill(0);
        for (let t = 0; t < T - 1; t++) {
          const sym = sequences[offset + t + 1] as number;
          for (let i = 0; i < n; i++) {
            const f = fwd[t * n + i] as number;
            for (let j = 0; j < n; j++) {
              seqTrans[i * n + j] =
                (seqTrans[i * n + j] as number) + f * (trans[i * n + j] as number) * (emit[j * m + sym] as number) * (bwd[(t + 1) * n + j] as number);
            }
          }
        }
        for (let k = 0; k < n * n; k++) sTrans[k] = (sTrans[k] as number) + (seqTrans[k] as number);
      }
      offset += T;
    }

    // M-step. Priors are 1, so max(prior − 1 + stats, 0) is the stats themselves.
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const v = start[i] === 0 ? 0 : Math.max(sStart[i] as number, 0);
      start[i] = v;
      sum += v;
    }
    for (let i = 0; i < n; i++) start[i] = (start[i] as number) / sum;
    for (let i = 0; i < n; i++) {
      let rs = 0;
      for (let j = 0; j < n; j++) {
        const k = i * n + j;
        const v = trans[k] === 0 ? 0 : Math.max(sTrans[k] as number, 0);
        trans[k] = v;
        rs += v;
      }
      if (rs === 0) rs = 1; // hmmlearn's normalize leaves an all-zero row at zero
      for (let j = 0; j < n; j++) trans[i * n + j] = (trans[i * n + j] as number) / rs;
      let es = 0;
      for (let k = 0; k < m; k++) {
        const v = Math.max(sObs[i * m + k] as number, 0);
        emit[i * m + k] = v;
        es += v;
      }
      if (es === 0) es = 1;
      for (let k = 0; k < m; k++) emit[i * m + k] = (emit[i * m + k] as number) / es;
    }

    history.push(logProb);
    iterations++;
    const h = history.length;
    if (h >= 2 && (history[h - 1] as number) - (history[h - 2] as number) < tol) {
      converged = true;
      break;
    }
  }

  const model = freezeHmm({
    startProb: Array.from(start),
    transMat: Array.from({ length: n }, (_, i) => Array.from(trans.subarray(i * n, i * n + n))),
    emissionProb: Array.from({ length: n }, (_, i) => Array.from(emit.subarray(i * m, i * m + m))),
  });
  return { model, iterations, converged, logLikelihoods: history };
}
