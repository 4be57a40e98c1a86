/**
 * A multi-pattern search that skips (Wu-Manber, blocks of two code units), for the prefilter's
 * folded scans when every pattern is long enough: the Aho-Corasick automaton reads every unit of
 * a value, this reads two units and then usually jumps ahead by up to the shortest pattern's length
 * less one. The keyword rules that apply to every channel ("Mimikatz Use": `sekurlsa::`,
 * `lsadump::`… nine units or more) are scanned over every string of every event, so this is where
 * most of the keyword scan's time went.
 *
 * It finds what `AhoCorasick.scanFolded` finds: the patterns (ASCII, without upper-case letters)
 * that occur in the value lower-cased as `String.prototype.toLowerCase` does it. Two non-ASCII units
 * lower-case to something holding ASCII: U+212A (Kelvin sign) to `k`, and U+0130 to `i` followed by
 * U+0307, which no pattern holds, so U+0130 can only be the last unit of a match (as an `i`). Every
 * other non-ASCII unit lower-cases to non-ASCII and is in no match.
 */

/** A unit no pattern holds (in place of every non-ASCII unit but the two above). */
const OTHER = 128;
const WIDTH = 129;
const KELVIN = 0x212a;
const DOTTED_I = 0x130;

/** ASCII units folded (upper-case letters to lower case). */
const LOWER = Uint8Array.from({ length: 128 }, (_, c) => (c >= 65 && c <= 90 ? c + 32 : c));

/** A unit as a folded block code (0…128). */
function code(c: number): number {
  return c < 128 ? LOWER[c]! : c === KELVIN ? 107 : c === DOTTED_I ? 105 : OTHER;
}

/** Fewer units than this in the shortest pattern and skipping gains too little over the automaton. */
export const SKIP_MIN_LENGTH = 4;

export class SkipScanner {
  /** The shortest pattern's length (the window; values shorter than this hold no pattern). */
  readonly minLength: number;
  /**
   * Per block (two folded units, `a × 129 + b`): how far the window's end may move when the window
   * ends with it; 0 when some pattern's first `minLength` units end with it (a candidate).
   */
  private readonly shift: Uint8Array;
  /** Per block with shift 0: the patterns whose first `minLength` units end with it. */
  private readonly heads = new Map<number, Int32Array>();
  private readonly pats: Uint8Array[];

  /** Whether these patterns suit it: ASCII without upper-case letters, and long enough. */
  static fits(patterns: readonly string[]): boolean {
    return patterns.length > 0 && patterns.every((p) => p.length >= SKIP_MIN_LENGTH && /^[\x00-\x40\x5b-\x7f]*$/.test(p));
  }

  constructor(patterns: readonly string[]) {
    if (!SkipScanner.fits(patterns)) throw new Error('SkipScanner: patterns must be ASCII, lower case, and long enough');
    // The window is capped so that shifts fit in a byte.
    const m = Math.min(255, ...patterns.map((p) => p.length));
    this.minLength = m;
    this.pats = patterns.map((p) => Uint8Array.from(p, (ch) => ch.charCodeAt(0)));
    const shift = new Uint8Array(WIDTH * WIDTH).fill(m - 1);
    const heads = new Map<number, number[]>();
    this.pats.forEach((p, id) => {
      for (let j = 1; j < m; j++) {
        const block = p[j - 1]! * WIDTH + p[j]!;
        const s = m - 1 - j;
        if (s < shift[block]!) shift[block] = s;
        if (s === 0) {
          const list = heads.get(block);
          if (list) list.push(id);
          else heads.set(block, [id]);
        }
      }
    });
    this.shift = shift;
    for (const [block, ids] of heads) this.heads.set(block, Int32Array.from(ids));
  }

  /** Calls `found` with the id of each pattern occurring in units [from, to) folded (possibly more than once). */
  scanUnits(u: Uint16Array, from: number, to: number, found: (id: number) => void): void {
    const m = this.minLength;
    const shift = this.shift;
    let i = from + m - 1;
    while (i < to) {
      const a = u[i - 1]!;
      const b = u[i]!;
      const block = (a < 128 ? LOWER[a]! : code(a)) * WIDTH + (b < 128 ? LOWER[b]! : code(b));
      const s = shift[block]!;
      if (s !== 0) {
        i += s;
        continue;
      }
      const ids = this.heads.get(block)!;
      const start = i - m + 1;
      for (let k = 0; k < ids.length; k++) if (this.matchesAt(this.pats[ids[k]!]!, u, start, to)) found(ids[k]!);
      i++;
    }
  }

  /**
   * `scanUnits` over UTF-16LE units read from bytes in place (`units` of them from `bytes[offset]`),
   * for values at odd addresses, which no 16-bit view can read: only the units looked at are read.
   */
  scanBytes(bytes: Uint8Array, offset: number, units: number, found: (id: number) => void): void {
    const m = this.minLength;
    const shift = this.shift;
    let i = m - 1;
    while (i < units) {
      const p = offset + 2 * i;
      const a = bytes[p - 2]! | (bytes[p - 1]! << 8);
      const b = bytes[p]! | (bytes[p + 1]! << 8);
      const block = (a < 128 ? LOWER[a]! : code(a)) * WIDTH + (b < 128 ? LOWER[b]! : code(b));
      const s = shift[block]!;
      if (s !== 0) {
        i += s;
        continue;
      }
      const ids = this.heads.get(block)!;
      const start = i - m + 1;
      for (let k = 0; k < ids.length; k++) if (this.bytesMatchAt(this.pats[ids[k]!]!, bytes, offset, start, units)) found(ids[k]!);
      i++;
    }
  }

  private bytesMatchAt(p: Uint8Array, bytes: Uint8Array, offset: number, start: number, units: number): boolean {
    const n = p.length;
    if (start + n > units) return false;
    for (let k = 0, q = offset + 2 * start; k < n; k++, q += 2) {
      const c = bytes[q]! | (bytes[q + 1]! << 8);
      if (c < 128) {
        if (LOWER[c] !== p[k]) return false;
      } else if (code(c) !== p[k] || (c === DOTTED_I && k !== n - 1)) return false;
    }
    return true;
  }

  private matchesAt(p: Uint8Array, u: Uint16Array, start: number, to: number): boolean {
    const n = p.length;
    if (start + n > to) return false;
    for (let k = 0; k < n; k++) {
      const c = u[start + k]!;
      if (c < 128) {
        if (LOWER[c] !== p[k]) return false;
      } else if (code(c) !== p[k] || (c === DOTTED_I && k !== n - 1)) return false;
    }
    return true;
  }
}
