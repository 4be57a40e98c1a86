import { AbortError, type WorkerPool } from './pool';

/**
 * Runs `fetch` for every batch on the pool's workers, as many at once as there are workers, and
 * hands the results to `deliver` strictly in batch order. At most `maxAhead` batches run or wait
 * beyond the first undelivered one, so memory stays O(workers × batch) whatever the file size.
 * Rejects with AbortError when `signal` fires; errors from `deliver` reject too.
 */
export async function inOrder<B, R>(
  pool: WorkerPool,
  batches: readonly B[],
  fetch: (batch: B) => Promise<R>,
  deliver: (result: R, batch: B) => void,
  signal: AbortSignal,
  maxAhead = pool.size * 2,
): Promise<void> {
  let next = 0; // next batch to hand out
  let delivered = 0; // next batch to deliver
  const finished = new Map<number, R>();
  let waiters: Array<() => void> = [];
  const wake = () => {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  signal.addEventListener('abort', wake, { once: true });

  const flush = () => {
    for (let done = finished.get(delivered); done !== undefined || finished.has(delivered); done = finished.get(delivered)) {
      finished.delete(delivered);
      deliver(done as R, batches[delivered]!);
      delivered++;
    }
    wake();
  };

  const lane = async () => {
    for (;;) {
      while (next - delivered >= maxAhead && !signal.aborted) await new Promise<void>((r) => waiters.push(r));
      if (signal.aborted) throw new AbortError();
      if (next >= batches.length) return;
      const k = next++;
      finished.set(k, await fetch(batches[k]!));
      flush();
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.min(pool.size, batches.length) }, lane));
  } finally {
    signal.removeEventListener('abort', wake);
  }
}

/** Consecutive chunk indices in runs of `size`. */
export function chunkBatches(blocks: number, size: number): number[][] {
  const out: number[][] = [];
  for (let c = 0; c < blocks; c += size) out.push(Array.from({ length: Math.min(size, blocks - c) }, (_, k) => c + k));
  return out;
}
