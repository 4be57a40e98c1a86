import type { CaseAccumulator } from './accumulator';
import type { Grouping } from './timelines';

const DAY = 86_400_000;

/**
 * The HMM's observation sequences (§5.2.2): per user, per host, per day, the user's logon event
 * symbols on that host that day in time order. Symbols are the accumulator's event codes, which
 * follow the HMM's symbol order (4776, 4768, 4769, 4624, 4625).
 *
 * Differences, on purpose: every day is analysed (the reference stops after the first day without
 * events, §5.2.4); ties in time keep import order (the reference's sort is unstable).
 * Calls `visit(user, symbols)` for each sequence longer than `minLength` (the reference decodes > 2).
 */
export function forEachSequence(
  acc: CaseAccumulator,
  byUser: Grouping,
  eventHost: Uint32Array,
  visit: (user: number, symbols: Uint8Array) => void,
  minLength = 3,
): void {
  const time = acc.time.view();
  const code = acc.code.view();
  const users = byUser.start.length - 1;
  for (let u = 0; u < users; u++) {
    const from = byUser.start[u]!;
    const to = byUser.start[u + 1]!;
    if (to - from < minLength) continue;
    // One user's events, by (host, day, time, import order); users are small next to the whole case.
    const idx = Array.from(byUser.order.subarray(from, to));
    idx.sort((a, b) => eventHost[a]! - eventHost[b]! || Math.floor(time[a]! / DAY) - Math.floor(time[b]! / DAY) || Math.floor(time[a]! / 1000) - Math.floor(time[b]! / 1000) || a - b);
    let runStart = 0;
    for (let k = 1; k <= idx.length; k++) {
      const prev = idx[k - 1]!;
      const cur = idx[k];
      if (cur !== undefined && eventHost[cur] === eventHost[prev] && Math.floor(time[cur]! / DAY) === Math.floor(time[prev]! / DAY)) continue;
      const len = k - runStart;
      if (len >= minLength) {
        const symbols = new Uint8Array(len);
        for (let j = 0; j < len; j++) symbols[j] = code[idx[runStart + j]!]!;
        visit(u, symbols);
      }
      runStart = k;
    }
  }
}
