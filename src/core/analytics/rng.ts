/**
 * A small seeded pseudo-random generator (mulberry32) and the few distributions the analytics
 * need. The reference draws its initial values from numpy's unseeded global generator, so its
 * results change from run to run; LogonLens replaces that with a seed so that an investigation
 * gives the same scores every time it is opened.
 */
export interface Rng {
  /** Uniform in [0, 1), 32 bits of resolution. */
  next(): number;
}

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return {
    next(): number {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** Standard normal by Box–Muller (one of the pair is dropped: simplicity over speed, used only at set-up). */
function normal(rng: Rng): number {
  let u = 0;
  while (u === 0) u = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** Gamma(shape, 1) by Marsaglia–Tsang, with the usual U^(1/shape) boost for shape < 1. */
export function gamma(rng: Rng, shape: number): number {
  if (!(shape > 0)) throw new RangeError(`gamma shape must be > 0, got ${shape}`);
  if (shape < 1) {
    let u = 0;
    while (u === 0) u = rng.next();
    return gamma(rng, shape + 1) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** A Dirichlet(alpha, …, alpha) draw of size k (hmmlearn draws its initial start and transition rows this way). */
export function dirichlet(rng: Rng, k: number, alpha: number): number[] {
  const out = new Array<number>(k);
  let sum = 0;
  for (let i = 0; i < k; i++) {
    const g = gamma(rng, alpha);
    out[i] = g;
    sum += g;
  }
  if (sum === 0) {
    // Every draw underflowed (possible with tiny alpha): fall back to a uniform row rather than 0/0.
    out.fill(1 / k);
    return out;
  }
  for (let i = 0; i < k; i++) out[i] = (out[i] as number) / sum;
  return out;
}
