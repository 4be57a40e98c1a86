/**
 * The record ids already imported from each log, as sorted disjoint ranges. A Security log numbers
 * its records consecutively, so a whole file is one range or a few: importing it again, or an export
 * that overlaps it, is recognised in O(log ranges) per record with a few numbers of memory per file,
 * where a set of ids would cost tens of bytes per event.
 */
export class RecordIdRanges {
  /** Flattened [start, end] pairs, inclusive, sorted, disjoint and not adjacent. */
  private ranges: number[] = [];

  static from(pairs: readonly number[]): RecordIdRanges {
    const r = new RecordIdRanges();
    r.ranges = [...pairs];
    return r;
  }

  toArray(): number[] {
    return [...this.ranges];
  }

  /** Index of the last pair whose start is ≤ id, or -1. */
  private find(id: number): number {
    let lo = 0;
    let hi = this.ranges.length / 2 - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.ranges[mid * 2]! <= id) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  has(id: number): boolean {
    const i = this.find(id);
    return i >= 0 && id <= this.ranges[i * 2 + 1]!;
  }

  /** Adds `id`; false when it was there already. */
  add(id: number): boolean {
    const r = this.ranges;
    const i = this.find(id);
    if (i >= 0 && id <= r[i * 2 + 1]!) return false;
    const joinsLeft = i >= 0 && r[i * 2 + 1]! === id - 1;
    const joinsRight = i + 1 < r.length / 2 && r[(i + 1) * 2]! === id + 1;
    if (joinsLeft && joinsRight) {
      r[i * 2 + 1] = r[(i + 1) * 2 + 1]!;
      r.splice((i + 1) * 2, 2);
    } else if (joinsLeft) r[i * 2 + 1] = id;
    else if (joinsRight) r[(i + 1) * 2] = id;
    else r.splice((i + 1) * 2, 0, id, id);
    return true;
  }

  get size(): number {
    return this.ranges.length / 2;
  }
}
