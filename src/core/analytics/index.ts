/**
 * LogonTracer's three algorithms (reference §5), DOM-free: ChangeFinder on hourly logon counts,
 * the HMM flag on per-day logon sequences, and the damped PageRank variant; plus a textbook
 * PageRank as a second view. `pagerank.reference.ts` is a test-only transcription, not exported.
 */
export {
  ChangeFinder,
  type ChangeFinderInit,
  type ChangeFinderOptions,
  DEFAULT_CHANGEFINDER_SEED,
  LOGONTRACER_CHANGEFINDER,
  type SdarInit,
  resolveChangeFinderInit,
} from './changefinder';
export { type UserChangeScores, averageSeries, changeFinderUserScores } from './changefinder-users';
export { roundLikeNumpy } from './round';
export {
  type CategoricalHmm,
  HMM_SYMBOL_COUNT,
  HMM_SYMBOL_EVENT_IDS,
  LOGONTRACER_HMM,
  freezeHmm,
  hmmSymbolOf,
  validateHmm,
} from './hmm-model';
export { type ViterbiResult, decode, distinctStates, flagsSequence, viterbiInto } from './hmm-viterbi';
export { DEFAULT_HMM_SEED, type LearnHmmOptions, type LearnHmmResult, learnHmm } from './hmm-learn';
export {
  LOGONTRACER_PAGERANK_ITERATIONS,
  type PagerankNode,
  type PagerankNodeKind,
  type PagerankOptions,
  type PagerankResult,
  type PagerankRow,
  dampingFactor,
  logonTracerPagerank,
  normaliseRanks,
  pagerankCore,
} from './pagerank';
export {
  type LogonGraph,
  type LogonGraphEdgeAttributes,
  type LogonGraphNodeAttributes,
  type StandardPagerankOptions,
  buildLogonGraph,
  standardPagerank,
} from './pagerank-standard';
