import { learnHmm, type LearnHmmResult } from '../analytics/hmm-learn';
import type { CaseAccumulator } from './accumulator';
import { buildEdges } from './edges';
import { forEachSequence } from './sequences';
import { groupBy } from './timelines';

/**
 * "Learn from this case" (the reference's `-l`, §5.2.6): Baum–Welch on the case's own sequences
 * (built as for decoding, longer than 2). The model is kept with this case only; the reference
 * overwrote its one global model for every case. Returns null when the case has no sequence.
 */
export function learnCaseHmm(acc: CaseAccumulator, options: { nIter?: number; seed?: number } = {}): LearnHmmResult | null {
  const table = buildEdges(acc);
  const byUser = groupBy(acc.user.view(), acc.users.size);
  const parts: Uint8Array[] = [];
  forEachSequence(acc, byUser, table.eventHost, (_u, symbols) => void parts.push(symbols));
  if (parts.length === 0) return null;
  const symbols = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) symbols.set(p, at), (at += p.length);
  const result = learnHmm(symbols, parts.map((p) => p.length), { nIter: options.nIter ?? 10000, ...(options.seed === undefined ? {} : { seed: options.seed }) });
  acc.hmmModel = result.model;
  return result;
}
