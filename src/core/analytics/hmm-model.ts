/**
 * The categorical HMM's parameters, LogonTracer's symbol alphabet and the model it ships
 * (`model/hmm.pkl`, reference §5.2). Models are plain frozen data: learning returns a new one
 * instead of overwriting a global file as LogonTracer's `-l` does.
 */

export interface CategoricalHmm {
  /** Initial state distribution, length nStates. */
  readonly startProb: readonly number[];
  /** transMat[from][to], nStates × nStates. */
  readonly transMat: readonly (readonly number[])[];
  /** emissionProb[state][symbol], nStates × nSymbols. */
  readonly emissionProb: readonly (readonly number[])[];
}

/** LogonTracer's symbols: 4776→0, 4768→1, 4769→2, 4624→3, 4625→4. */
export const HMM_SYMBOL_EVENT_IDS = Object.freeze([4776, 4768, 4769, 4624, 4625] as const);
export const HMM_SYMBOL_COUNT = 5;

/** The symbol of an event id, or -1 for any other id (the reference skips those when decoding). */
export function hmmSymbolOf(eventId: number): number {
  switch (eventId) {
    case 4776:
      return 0;
    case 4768:
      return 1;
    case 4769:
      return 2;
    case 4624:
      return 3;
    case 4625:
      return 4;
    default:
      return -1;
  }
}

export function hmmStateCount(model: CategoricalHmm): number {
  return model.startProb.length;
}

export function hmmSymbolCountOf(model: CategoricalHmm): number {
  return model.emissionProb[0]?.length ?? 0;
}

/** Check shapes and that every distribution is one (within 1e-6, like numpy's allclose). Throws on error. */
export function validateHmm(model: CategoricalHmm): void {
  const n = model.startProb.length;
  if (n === 0) throw new RangeError('HMM: no states');
  const m = hmmSymbolCountOf(model);
  if (m === 0) throw new RangeError('HMM: no symbols');
  const row = (name: string, r: readonly number[] | undefined, len: number): void => {
    if (!r || r.length !== len) throw new RangeError(`HMM: ${name} must have length ${len}`);
    let s = 0;
    for (const v of r) {
      if (!(v >= 0)) throw new RangeError(`HMM: ${name} has a negative or NaN entry`);
      s += v;
    }
    if (Math.abs(s - 1) > 1e-6) throw new RangeError(`HMM: ${name} sums to ${s}, not 1`);
  };
  row('startProb', model.startProb, n);
  if (model.transMat.length !== n) throw new RangeError(`HMM: transMat must have ${n} rows`);
  if (model.emissionProb.length !== n) throw new RangeError(`HMM: emissionProb must have ${n} rows`);
  for (let i = 0; i < n; i++) {
    row(`transMat[${i}]`, model.transMat[i], n);
    row(`emissionProb[${i}]`, model.emissionProb[i], m);
  }
}

export function freezeHmm(model: CategoricalHmm): CategoricalHmm {
  return Object.freeze({
    startProb: Object.freeze([...model.startProb]),
    transMat: Object.freeze(model.transMat.map((r) => Object.freeze([...r]))),
    emissionProb: Object.freeze(model.emissionProb.map((r) => Object.freeze([...r]))),
  });
}

/**
 * The model LogonTracer ships (`model/hmm.pkl`: hmmlearn CategoricalHMM, 3 states, 5 symbols,
 * trained for 359 EM iterations), digits copied from reference §5.2. State 0 is steady 4624,
 * state 1 service-ticket (4769) activity, state 2 a logon right after authentication.
 */
export const LOGONTRACER_HMM: CategoricalHmm = freezeHmm({
  startProb: [0.8271864303776253, 0.08900627798842721, 0.08380729163394741],
  transMat: [
    [0.9285081369926951, 0.07136798980400684, 0.00012387320329814935],
    [0.0006043833074369117, 0.2571094573062053, 0.7422861593863578],
    [0.28926271838930206, 0.3862413613108813, 0.32449592029981655],
  ],
  emissionProb: [
    [0.0, 1.4535768490755837e-264, 4.3793736402588983e-23, 1.0, 0.0],
    [0.002604292119448158, 0.011030434995414156, 0.9839241435478312, 0.0024411293373065124, 1.789768455253447e-104],
    [2.785027113671527e-125, 0.01219694312118351, 0.003717164547703703, 0.9831959539051414, 0.000889938425971406],
  ],
});
