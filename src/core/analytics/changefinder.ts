/**
 * ChangeFinder exactly as PyPI `changefinder` 0.03 computes it (reference §5.1), the version
 * LogonTracer's `adetection` works with (later releases return a tuple and would crash it).
 *
 * Quirks of 0.03 reproduced on purpose, because they shape every score LogonTracer shows:
 * - the loop that should update the lag covariances runs over `range(1, order)`, so c[order] is
 *   never updated; with order 1 the AR coefficient is always 0 and the prediction is the mean;
 * - both smoothing windows *sum* their scores instead of averaging them;
 * - the second window is `int(round(smooth / 2))` long, with Python 3's half-to-even rounding
 *   (smooth 5 gives 2, not 3);
 * - a stage-2 target of exactly 0 is skipped (the code tests its truthiness).
 *
 * What we change: the initial μ and σ of each stage. 0.03 draws them from numpy's unseeded
 * generator, so LogonTracer's scores differ slightly between imports. Here they come from
 * `init`: explicit values, or a seed (default {@link DEFAULT_CHANGEFINDER_SEED}).
 *
 * Allocation-free per update: windows are fixed-size ring buffers in typed arrays.
 */
import { mulberry32 } from './rng';
import { pythonRoundToInt } from './round';

export interface SdarInit {
  readonly mu: number;
  readonly sigma: number;
}

/**
 * Initial μ and σ: the same for both stages, one per stage, or drawn from a seeded generator in
 * 0.03's order (stage 1 μ, stage 1 σ, stage 2 μ, stage 2 σ), each uniform in [0, 1) like numpy's.
 */
export type ChangeFinderInit =
  | SdarInit
  | { readonly first: SdarInit; readonly second: SdarInit }
  | { readonly seed: number };

export interface ChangeFinderOptions {
  /** Discounting rate. */
  readonly r: number;
  /** AR order (≥ 1). */
  readonly order: number;
  /** First smoothing window (≥ 3). */
  readonly smooth: number;
  /** Default `{ seed: DEFAULT_CHANGEFINDER_SEED }`. */
  readonly init?: ChangeFinderInit;
}

/**
 * Deterministic by default. Any fixed value would do: the seed only replaces the reference's
 * random start, whose influence fades geometrically with (1 − r) per update.
 */
export const DEFAULT_CHANGEFINDER_SEED = 0x4c54; // "LT"

/** LogonTracer's parameters: `ChangeFinder(r=0.04, order=1, smooth=5)`. */
export const LOGONTRACER_CHANGEFINDER: ChangeFinderOptions = Object.freeze({ r: 0.04, order: 1, smooth: 5 });

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** Resolve `init` into the two stages' starting values. */
export function resolveChangeFinderInit(init: ChangeFinderInit | undefined): { first: SdarInit; second: SdarInit } {
  const given = init ?? { seed: DEFAULT_CHANGEFINDER_SEED };
  if ('seed' in given) {
    const rng = mulberry32(given.seed);
    const first = { mu: rng.next(), sigma: rng.next() };
    const second = { mu: rng.next(), sigma: rng.next() };
    return { first, second };
  }
  if ('first' in given) return { first: given.first, second: given.second };
  return { first: given, second: given };
}

/** A fixed-size window keeping the last `size` values, oldest first (0.03's `_add_one`), without allocating. */
class Window {
  readonly buf: Float64Array;
  /** Where the next value goes; once full, also the oldest value's slot. */
  pos = 0;
  count = 0;
  constructor(readonly size: number) {
    this.buf = new Float64Array(size);
  }
  push(v: number): void {
    this.buf[this.pos] = v;
    this.pos = this.pos + 1 === this.size ? 0 : this.pos + 1;
    if (this.count < this.size) this.count++;
  }
  /** i-th oldest value (0 = oldest). */
  at(i: number): number {
    let k = (this.count < this.size ? 0 : this.pos) + i;
    if (k >= this.size) k -= this.size;
    return this.buf[k] as number;
  }
  /** Sum oldest to newest, the order of `np.convolve(ts, ones, 'valid')[0]`. */
  sum(): number {
    const buf = this.buf;
    const size = this.size;
    let k = this.count < size ? 0 : this.pos;
    let s = 0;
    for (let i = 0; i < this.count; i++) {
      s += buf[k] as number;
      if (++k === size) k = 0;
    }
    return s;
  }
  copyFrom(o: Window): void {
    this.buf.set(o.buf);
    this.pos = o.pos;
    this.count = o.count;
  }
}

/** One SDAR stage (0.03's `_SDAR_1Dim`). */
class Sdar {
  mu: number;
  sigma: number;
  /** Covariances c[0..order]; c[order] stays 0 (the quirk). */
  readonly c: Float64Array;
  /** Levinson–Durbin scratch (coefficients and the two work vectors). */
  private readonly a: Float64Array;
  private readonly aNext: Float64Array;
  private readonly e: Float64Array;

  constructor(
    private readonly r: number,
    private readonly order: number,
    init: SdarInit,
  ) {
    this.mu = init.mu;
    this.sigma = init.sigma;
    this.c = new Float64Array(order + 1);
    this.a = new Float64Array(order + 1);
    this.aNext = new Float64Array(order + 1);
    this.e = new Float64Array(order + 1);
  }

  /** `update(x, term)`: term is the window of the last `order` inputs, oldest first. Returns the score. */
  update(x: number, term: Window): number {
    const r = this.r;
    const order = this.order;
    this.mu = (1 - r) * this.mu + r * x;
    const mu = this.mu;
    let xhat: number;
    if (order === 1) {
      this.c[0] = (1 - r) * (this.c[0] as number) + r * (x - mu) * (x - mu);
      // c[1] is never updated, so Levinson–Durbin gives a[1] = -0 / c[0] and the prediction is
      // the mean. (0.03 gets NaN forever if c[0] is exactly 0 on the first update, i.e. x equals
      // the initial μ exactly; we take the limit, x̂ = μ, instead.)
      xhat = mu;
    } else {
      // term[-i] is the i-th most recent input.
      for (let i = 1; i < order; i++) {
        this.c[i] = (1 - r) * (this.c[i] as number) + r * (x - mu) * (term.at(order - i) - mu);
      }
      this.c[0] = (1 - r) * (this.c[0] as number) + r * (x - mu) * (x - mu);
      this.levinsonDurbin();
      // x̂ = dot(-a[1:], term[::-1] - μ) + μ: a[1] pairs with the most recent input.
      let dot = 0;
      for (let i = 1; i <= order; i++) dot += -(this.a[i] as number) * (term.at(order - i) - mu);
      xhat = dot + mu;
    }
    const d = x - xhat;
    this.sigma = (1 - r) * this.sigma + r * d * d;
    const sigma = this.sigma;
    // 0.03 writes −ln[exp(−d²/2σ) / √(2πσ)]; expanded, one log instead of exp, log and sqrt
    // (a third faster). The two agree to a few ulps (checked against 0.03 to 1e-9, and on rounded
    // scores exactly); the exp cannot underflow in 0.03 either, as d²/σ ≤ 1/r.
    return (0.5 * (d * d)) / sigma + LOG_SQRT_2PI + 0.5 * Math.log(sigma);
  }

  /** 0.03's `LevinsonDurbin(c, order)`, coefficients into `this.a`. */
  private levinsonDurbin(): void {
    const rr = this.c;
    const a = this.a;
    const e = this.e;
    const next = this.aNext;
    const order = this.order;
    a.fill(0);
    e.fill(0);
    a[0] = 1;
    a[1] = -(rr[1] as number) / (rr[0] as number);
    e[1] = (rr[0] as number) + (rr[1] as number) * (a[1] as number);
    for (let k = 1; k < order; k++) {
      let lam = 0;
      for (let j = 0; j <= k; j++) lam -= (a[j] as number) * (rr[k + 1 - j] as number);
      lam /= e[k] as number;
      // a ← U + λV with U = [1, a1..ak, 0] and V = [0, ak..a1, 1].
      next[0] = 1;
      for (let i = 1; i <= k; i++) next[i] = (a[i] as number) + lam * (a[k + 1 - i] as number);
      next[k + 1] = lam;
      for (let i = 0; i <= k + 1; i++) a[i] = next[i] as number;
      e[k + 1] = (e[k] as number) * (1 - lam * lam);
    }
  }

  copyFrom(o: Sdar): void {
    this.mu = o.mu;
    this.sigma = o.sigma;
    this.c.set(o.c);
  }
}

export class ChangeFinder {
  readonly options: Readonly<Required<Omit<ChangeFinderOptions, 'init'>>>;
  /** `int(round(smooth / 2.0))`. */
  readonly smooth2: number;
  private readonly first: Sdar;
  private readonly second: Sdar;
  /** Last `order` inputs. */
  private readonly ts: Window;
  /** Last `smooth` stage-1 scores. */
  private readonly firstScores: Window;
  /** Last `order` non-zero stage-2 targets. */
  private readonly smoothed: Window;
  /** Last `smooth2` stage-2 scores. */
  private readonly secondScores: Window;
  // Copies of options.order / options.smooth: read on every update.
  private readonly order: number;
  private readonly smooth: number;

  constructor(options: ChangeFinderOptions = LOGONTRACER_CHANGEFINDER) {
    const { r, order, smooth } = options;
    // The same preconditions 0.03 asserts.
    if (!Number.isInteger(order) || order < 1) throw new RangeError(`ChangeFinder order must be an integer ≥ 1, got ${order}`);
    if (!Number.isInteger(smooth) || smooth < 3) throw new RangeError(`ChangeFinder smooth must be an integer ≥ 3, got ${smooth}`);
    if (!Number.isFinite(r)) throw new RangeError(`ChangeFinder r must be finite, got ${r}`);
    this.options = { r, order, smooth };
    this.order = order;
    this.smooth = smooth;
    this.smooth2 = pythonRoundToInt(smooth / 2);
    const init = resolveChangeFinderInit(options.init);
    this.first = new Sdar(r, order, init.first);
    this.second = new Sdar(r, order, init.second);
    this.ts = new Window(order);
    this.firstScores = new Window(smooth);
    this.smoothed = new Window(order);
    this.secondScores = new Window(this.smooth2);
  }

  /** Feed one value; returns the change score (0 until both windows have filled: the first 7 calls with smooth 5). */
  update(x: number): number {
    const order = this.order;
    if (this.ts.count === order) this.firstScores.push(this.first.update(x, this.ts));
    this.ts.push(x);
    if (this.firstScores.count === this.smooth) {
      const target = this.firstScores.sum();
      // `if second_target`: a sum of exactly 0 is falsy in Python and is skipped; NaN is truthy.
      if (target !== 0) {
        if (this.smoothed.count === order) this.secondScores.push(this.second.update(target, this.smoothed));
        this.smoothed.push(target);
      }
    }
    return this.secondScores.count === this.smooth2 ? this.secondScores.sum() : 0;
  }

  /** Take over another instance's whole state (same options required); used to share one warm-up. */
  copyFrom(o: ChangeFinder): void {
    if (o.options.order !== this.options.order || o.options.smooth !== this.options.smooth || o.options.r !== this.options.r) {
      throw new Error('ChangeFinder.copyFrom: options differ');
    }
    this.first.copyFrom(o.first);
    this.second.copyFrom(o.second);
    this.ts.copyFrom(o.ts);
    this.firstScores.copyFrom(o.firstScores);
    this.smoothed.copyFrom(o.smoothed);
    this.secondScores.copyFrom(o.secondScores);
  }
}
