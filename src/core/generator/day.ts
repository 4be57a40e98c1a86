import type { SecurityEvent } from './types';

/**
 * One day's events before they are put in time order. Events pushed while `tag` is set belong to
 * that attack (index into the scenario's ground truth). Times are whole milliseconds, and times
 * outside the day are pulled in to its bounds, so days never overlap and the stream stays sorted.
 */
export class DayBuffer {
  readonly events: SecurityEvent[] = [];
  private readonly tags = new Map<SecurityEvent, number>();
  tag: number | null = null;

  constructor(
    readonly start: number,
    readonly end: number,
    /** When given, events with other ids are dropped (before numbering). */
    private readonly keep?: ReadonlySet<number>,
  ) {}

  push(e: SecurityEvent): SecurityEvent {
    if (this.keep && !this.keep.has(e.eventId)) return e;
    // Whole milliseconds: fractions from Math.log/cos could differ in the last bit between engines.
    const t = Math.round(e.time as number);
    e.time = t < this.start ? this.start : t >= this.end ? this.end - 1 : t;
    this.events.push(e);
    if (this.tag !== null) this.tags.set(e, this.tag);
    return e;
  }

  /** Sorts by time (stable: events of one action keep their order) and numbers them from `firstId`. */
  seal(firstId: number): { events: SecurityEvent[]; tagged: [SecurityEvent, number][] } {
    this.events.sort((a, b) => (a.time as number) - (b.time as number));
    let id = firstId;
    for (const e of this.events) e.recordId = id++;
    return { events: this.events, tagged: [...this.tags] };
  }
}
