/**
 * Rounding as LogonTracer's `round(score, 2)` does it. The score is a numpy float64, whose
 * `__round__` is `np.round`: multiply by 10^d, round half to even (`rint`), divide. That is not
 * Python's correctly rounded `round` on floats, and the two disagree on a few values, so we copy
 * numpy's arithmetic.
 */
export function rint(y: number): number {
  if (!Number.isFinite(y)) return y;
  const f = Math.floor(y);
  const diff = y - f; // exact: f and y are within 1 of each other
  const r = diff > 0.5 ? f + 1 : diff < 0.5 ? f : f % 2 === 0 ? f : f + 1;
  // C's rint keeps the sign: rint(-0.3) is -0.
  return r === 0 && y < 0 ? -0 : r;
}

export function roundLikeNumpy(x: number, decimals: number): number {
  const scale = Math.pow(10, decimals);
  return rint(x * scale) / scale;
}

/** Python 3's `round(x)` to an integer (half to even), as in `int(round(smooth / 2.0))`. */
export function pythonRoundToInt(x: number): number {
  return rint(x);
}
