/**
 * Viterbi decoding exactly as hmmlearn's `_hmmc.viterbi` (what `CategoricalHMM.predict` runs),
 * and LogonTracer's flag rule (reference §5.2 items 3 and 5).
 *
 * Natural logs with log 0 = −∞. Ties matter because the shipped model has exact zeros:
 * - the last state is the *first* index of the maximum (`std::max_element`);
 * - the backtrace keeps the *highest* index on exact ties (a lexicographic max over
 *   (value, index) pairs starting from (−∞, 0)).
 */
import { type CategoricalHmm, hmmStateCount, hmmSymbolCountOf } from './hmm-model';

/** Log-space tables, flattened, computed once per model. */
interface LogTables {
  readonly n: number;
  readonly m: number;
  readonly logStart: Float64Array;
  /** logTrans[from * n + to]. */
  readonly logTrans: Float64Array;
  /** logEmit[state * m + symbol]. */
  readonly logEmit: Float64Array;
}

const tablesCache = new WeakMap<CategoricalHmm, LogTables>();

function logTables(model: CategoricalHmm): LogTables {
  let t = tablesCache.get(model);
  if (t) return t;
  const n = hmmStateCount(model);
  const m = hmmSymbolCountOf(model);
  const logStart = new Float64Array(n);
  const logTrans = new Float64Array(n * n);
  const logEmit = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    logStart[i] = Math.log(model.startProb[i] as number);
    const tr = model.transMat[i] as readonly number[];
    for (let j = 0; j < n; j++) logTrans[i * n + j] = Math.log(tr[j] as number);
    const em = model.emissionProb[i] as readonly number[];
    for (let k = 0; k < m; k++) logEmit[i * m + k] = Math.log(em[k] as number);
  }
  t = { n, m, logStart, logTrans, logEmit };
  tablesCache.set(model, t);
  return t;
}

/** Reused lattice, grown on demand: decoding millions of short sequences should not allocate. */
let lattice = new Float64Array(0);
let scratchPath = new Uint8Array(0);

export interface ViterbiResult {
  /** Log probability of the best path (−∞ if every path is impossible). */
  readonly logProb: number;
  readonly path: Uint8Array;
}

/**
 * Decode `symbols` (each in 0..nSymbols-1) into `out` (allocated if absent; length ≥ symbols.length).
 * Returns the best path's log probability. Throws on a symbol the model does not know, as hmmlearn does.
 */
export function viterbiInto(model: CategoricalHmm, symbols: ArrayLike<number>, out: Uint8Array): number {
  const { n, m, logStart, logTrans, logEmit } = logTables(model);
  const T = symbols.length;
  if (T === 0) return 0;
  if (n > 255) throw new RangeError('viterbi: more than 255 states');
  if (out.length < T) throw new RangeError('viterbi: output buffer too short');
  if (lattice.length < T * n) lattice = new Float64Array(Math.max(T * n, lattice.length * 2));
  const L = lattice;

  const s0 = symbols[0] as number;
  if (!(s0 >= 0 && s0 < m && Number.isInteger(s0))) throw new RangeError(`viterbi: symbol ${s0} outside 0..${m - 1}`);
  for (let i = 0; i < n; i++) L[i] = (logStart[i] as number) + (logEmit[i * m + s0] as number);
  for (let t = 1; t < T; t++) {
    const s = symbols[t] as number;
    if (!(s >= 0 && s < m && Number.isInteger(s))) throw new RangeError(`viterbi: symbol ${s} outside 0..${m - 1}`);
    const prev = (t - 1) * n;
    const cur = t * n;
    for (let i = 0; i < n; i++) {
      // std::max(max, v): only a strictly greater value replaces the running max.
      let best = -Infinity;
      for (let j = 0; j < n; j++) {
        const v = (L[prev + j] as number) + (logTrans[j * n + i] as number);
        if (best < v) best = v;
      }
      L[cur + i] = best + (logEmit[i * m + s] as number);
    }
  }
  // First index of the maximum in the last row.
  const last = (T - 1) * n;
  let state = 0;
  for (let i = 1; i < n; i++) if ((L[last + i] as number) > (L[last + state] as number)) state = i;
  const logProb = L[last + state] as number;
  out[T - 1] = state;
  for (let t = T - 2; t >= 0; t--) {
    // max over (value, index) pairs from (−∞, 0): a tie in value goes to the higher index.
    let bestV = -Infinity;
    let bestI = 0;
    const row = t * n;
    for (let i = 0; i < n; i++) {
      const v = (L[row + i] as number) + (logTrans[i * n + state] as number);
      if (bestV < v || (bestV === v && bestI < i)) {
        bestV = v;
        bestI = i;
      }
    }
    state = bestI;
    out[t] = state;
  }
  return logProb;
}

/** `model.decode(X)` / `predict(X)`: the best state path and its log probability. */
export function decode(model: CategoricalHmm, symbols: ArrayLike<number>): ViterbiResult {
  const path = new Uint8Array(symbols.length);
  const logProb = viterbiInto(model, symbols, path);
  return { logProb, path };
}

/** Number of distinct states in a path (states < 32). */
export function distinctStates(path: ArrayLike<number>, length = path.length): number {
  let mask = 0;
  for (let t = 0; t < length; t++) mask |= 1 << (path[t] as number);
  let c = 0;
  while (mask) {
    mask &= mask - 1;
    c++;
  }
  return c;
}

/**
 * LogonTracer's rule (`decodehmm`): a sequence longer than 2 is decoded, and flags its user if the
 * path uses exactly two distinct states. One or three states do not flag. Symbols are 0..4 (see
 * `hmmSymbolOf`); dropping other ids and the day/user/host grouping are the caller's job.
 */
export function flagsSequence(model: CategoricalHmm, symbols: ArrayLike<number>): boolean {
  const T = symbols.length;
  if (T <= 2) return false;
  if (scratchPath.length < T) scratchPath = new Uint8Array(Math.max(T, scratchPath.length * 2));
  viterbiInto(model, symbols, scratchPath);
  return distinctStates(scratchPath, T) === 2;
}
