import type { EvtxWorkerApi } from '../../workers/evtx-api';

/** One worker as the pool sees it: its API, a way to end it, and a way to hear that it died. */
export interface WorkerHandle {
  readonly api: EvtxWorkerApi;
  terminate(): void;
  /** Registers a callback for the worker dying on its own (an uncaught error, a failed load). */
  onCrash(listener: (message: string) => void): void;
}

export type WorkerFactory = () => WorkerHandle;

/** Thrown by pool calls when their AbortSignal fires or the pool is reset under them. */
export class AbortError extends Error {
  constructor(message = 'cancelled') {
    super(message);
    this.name = 'AbortError';
  }
}

/** Thrown by a call whose worker died (crashed, or was terminated by a reset). */
export class WorkerLostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerLostError';
  }
}

export const MAX_WORKERS = 8;

/** navigator.hardwareConcurrency, clamped to [1, MAX_WORKERS]. */
export function defaultPoolSize(hardwareConcurrency = globalThis.navigator?.hardwareConcurrency): number {
  const n = Math.floor(Number(hardwareConcurrency) || 1);
  return Math.max(1, Math.min(MAX_WORKERS, n));
}

class Slot {
  busy = false;
  /** Rejects when this worker is gone; every call races against it. */
  readonly lost: Promise<never>;
  private lose!: (e: Error) => void;
  private gone = false;

  constructor(readonly handle: WorkerHandle) {
    this.lost = new Promise<never>((_, reject) => (this.lose = reject));
    this.lost.catch(() => {}); // observed by the calls that race it; never an unhandled rejection
    handle.onCrash((message) => this.kill(new WorkerLostError(`worker crashed: ${message}`)));
  }

  get dead(): boolean {
    return this.gone;
  }

  kill(reason: Error): void {
    if (this.gone) return;
    this.gone = true;
    this.lose(reason);
    this.handle.terminate();
  }
}

/**
 * A fixed number of parsing workers. `run` gives a task an idle worker (waiting for one if all are
 * busy); `call` uses any worker at once (for small requests beside a parse). Calls are raced
 * against the worker dying and against the caller's AbortSignal, so none can hang. `reset`
 * terminates every worker and starts new ones: nothing a stuck parse does survives it.
 */
export class WorkerPool {
  private slots: Slot[] = [];
  private waiting: Array<() => void> = [];
  private next = 0;

  constructor(
    private readonly factory: WorkerFactory,
    readonly size = defaultPoolSize(),
  ) {
    for (let i = 0; i < size; i++) this.slots.push(new Slot(factory()));
  }

  /** Runs `task` on an idle worker. Rejects with AbortError on abort, WorkerLostError if the worker dies. */
  async run<T>(task: (api: EvtxWorkerApi) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const slot = await this.acquire(signal);
    try {
      return await this.race(slot, task, signal);
    } finally {
      this.release(slot);
    }
  }

  /** Runs `task` on some worker now, busy or not (its request queues behind the worker's current one). */
  call<T>(task: (api: EvtxWorkerApi) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.slots.length === 0) return Promise.reject(new AbortError('pool disposed'));
    this.slots = this.slots.map((s) => (s.dead && !s.busy ? new Slot(this.factory()) : s));
    const slot = this.slots.find((s) => !s.busy && !s.dead) ?? this.slots[this.next++ % this.slots.length]!;
    return this.race(slot, task, signal);
  }

  /** Terminates every worker (pending calls reject) and starts fresh ones. */
  reset(reason: Error = new AbortError()): void {
    const old = this.slots;
    this.slots = old.map(() => new Slot(this.factory()));
    for (const s of old) s.kill(reason);
    this.wakeAll();
  }

  /** Terminates every worker for good. */
  dispose(): void {
    for (const s of this.slots) s.kill(new AbortError('pool disposed'));
    this.slots = [];
    this.wakeAll();
  }

  private race<T>(slot: Slot, task: (api: EvtxWorkerApi) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(new AbortError());
    let running: Promise<T>;
    try {
      running = task(slot.handle.api);
    } catch (e) {
      return Promise.reject(e);
    }
    const racers: Promise<T>[] = [running, slot.lost];
    let onAbort: (() => void) | undefined;
    if (signal) racers.push(new Promise<never>((_, reject) => signal.addEventListener('abort', (onAbort = () => reject(new AbortError())), { once: true })));
    return Promise.race(racers).finally(() => {
      if (onAbort) signal!.removeEventListener('abort', onAbort);
    });
  }

  private async acquire(signal?: AbortSignal): Promise<Slot> {
    for (;;) {
      if (signal?.aborted) throw new AbortError();
      if (this.slots.length === 0) throw new AbortError('pool disposed');
      const free = this.slots.find((s) => !s.busy && !s.dead);
      if (free) {
        free.busy = true;
        return free;
      }
      await new Promise<void>((resolve) => {
        const wake = () => {
          signal?.removeEventListener('abort', wake);
          resolve();
        };
        this.waiting.push(wake);
        signal?.addEventListener('abort', wake, { once: true });
      });
    }
  }

  private release(slot: Slot): void {
    slot.busy = false;
    // A worker that died in this call is replaced, so the pool keeps its size.
    const i = this.slots.indexOf(slot);
    if (slot.dead && i >= 0) this.slots[i] = new Slot(this.factory());
    this.waiting.shift()?.();
  }

  private wakeAll(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const w of waiting) w();
  }
}
