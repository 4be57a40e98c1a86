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

let lastBytes: Uint8Array | null = null;
let lastView: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
/** A DataView of the bytes (the last one kept: a chunk's values are scanned one after another). */
function viewOf(bytes: Uint8Array): DataView<ArrayBufferLike> {
  if (bytes !== lastBytes) {
    lastBytes = bytes;
    lastView = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  return lastView;
}

/** A unit as a folded block code (0…128). */
function code(c: number): number {
  return c < 128 ? LOWER[c]! : c === KELVIN ? 107 : c === DOTTED_I ? 105 : OTHER;
}

/** Whether an ASCII unit is a letter or a digit (common in event values; punctuation is rarer). */
const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 122);

/**
 * Where a pattern's window of `m` units starts: the window whose units (its last two above all,
 * which make a candidate to verify) are least likely in a value, judged by punctuation, which
 * values hold less often than letters and digits. With the first `m` units as the window,
 * `privilege::backup`, `privilege::debug` and `privilege::driver` had the window `privilege`, and
 * every `…Privilege` of a 4672's list was a candidate to verify three times; `ivilege::` is not.
 * Any window finds every occurrence: the scan looks at every position where some window could end.
 */
function windowStart(m: number): (p: Uint8Array) => number {
  return (p) => {
    let best = 0;
    let bestScore = -1;
    for (let w = 0; w + m <= p.length; w++) {
      let score = 0;
      for (let j = w; j < w + m; j++) if (!isAlnum(p[j]!)) score += j >= w + m - 2 ? 3 : 1;
      if (score > bestScore) {
        best = w;
        bestScore = score;
      }
    }
    return best;
  };
}

/** Fewer units than this in the shortest pattern and skipping gains too little over the automaton. */
export const SKIP_MIN_LENGTH = 4;
/** More patterns than this and the automaton is used. */
export const SKIP_MAX_PATTERNS = 32;

export class SkipScanner {
  /** The shortest pattern's length (the window; values shorter than this hold no pattern). */
  readonly minLength: number;
  /**
   * Per block (two folded units, `a × 129 + b`): how far the window's end may move when the window
   * ends with it; 0 when some pattern's first `minLength` units end with it (a candidate).
   */
  private readonly shift: Uint8Array;
  /** `shift` by two ASCII units as they are (`a × 128 + b`, folding done in advance). */
  private readonly asciiShift: Uint8Array;
  /**
   * Per block with shift 0: the patterns whose first `minLength` units end with it, as
   * `ids[from[block]…from[block + 1])` (flat arrays: a Map lookup per candidate cost more than the skipping saved).
   */
  private readonly from: Int32Array;
  private readonly ids: Int32Array;
  private readonly pats: Uint8Array[];
  /** Per pattern: where its window (the `minLength` units the shift table is made of) starts in it. */
  private readonly at: Int32Array;

  /**
   * Whether these patterns suit it: ASCII without upper-case letters, long enough, and few (with
   * hundreds, as on `CommandLine`, most blocks end some pattern's window and the scan stops skipping;
   * the automaton's table is faster there).
   */
  static fits(patterns: readonly string[]): boolean {
    return patterns.length > 0 && patterns.length <= SKIP_MAX_PATTERNS && patterns.every((p) => p.length >= SKIP_MIN_LENGTH && /^[\x00-\x40\x5b-\x7f]*$/.test(p));
  }

  constructor(patterns: readonly string[]) {
    if (!SkipScanner.fits(patterns)) throw new Error('SkipScanner: patterns must be ASCII, lower case, and long enough');
    // The window is capped so that shifts fit in a byte.
    const m = Math.min(255, ...patterns.map((p) => p.length));
    this.minLength = m;
    this.pats = patterns.map((p) => Uint8Array.from(p, (ch) => ch.charCodeAt(0)));
    this.at = Int32Array.from(this.pats, windowStart(m));
    const shift = new Uint8Array(WIDTH * WIDTH).fill(m - 1);
    // Each pattern has one head block (its window's last two units): counted per block, then placed
    // (typed arrays only: a mixed log builds hundreds of these, one per field and bucket).
    const from = new Int32Array(WIDTH * WIDTH + 1);
    const headOf = this.pats.map((p, id) => p[this.at[id]! + m - 2]! * WIDTH + p[this.at[id]! + m - 1]!);
    this.pats.forEach((p, id) => {
      const w = this.at[id]!;
      for (let j = 1; j < m; j++) {
        const block = p[w + j - 1]! * WIDTH + p[w + j]!;
        const s = m - 1 - j;
        if (s < shift[block]!) shift[block] = s;
      }
    });
    for (const block of headOf) from[block + 1]!++;
    for (let block = 0; block < WIDTH * WIDTH; block++) from[block + 1]! += from[block]!;
    const ids = new Int32Array(this.pats.length);
    const next = from.slice(0, WIDTH * WIDTH);
    headOf.forEach((block, id) => (ids[next[block]!++] = id));
    this.shift = shift;
    const asciiShift = new Uint8Array(128 * 128);
    for (let a = 0; a < 128; a++) for (let b = 0; b < 128; b++) asciiShift[(a << 7) | b] = shift[LOWER[a]! * WIDTH + LOWER[b]!]!;
    this.asciiShift = asciiShift;
    this.from = from;
    this.ids = ids;
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
      const start = i - m + 1;
      for (let k = this.from[block]!, end = this.from[block + 1]!; k < end; k++) {
        const id = this.ids[k]!;
        const s = start - this.at[id]!;
        if (s >= from && this.matchesAt(this.pats[id]!, u, s, to)) found(id);
      }
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
    const view = viewOf(bytes);
    const ascii = this.asciiShift;
    let i = m - 1;
    while (i < units) {
      const w = view.getUint32(offset + 2 * i - 2, true);
      // Two ASCII units (nearly always): their shift from the unfolded table, in one read.
      if ((w & 0xff80ff80) === 0) {
        const s = ascii[((w & 0x7f) << 7) | (w >>> 16)]!;
        if (s !== 0) {
          i += s;
          continue;
        }
      }
      const a = w & 0xffff;
      const b = w >>> 16;
      const block = (a < 128 ? LOWER[a]! : code(a)) * WIDTH + (b < 128 ? LOWER[b]! : code(b));
      const s = shift[block]!;
      if (s !== 0) {
        i += s;
        continue;
      }
      const start = i - m + 1;
      for (let k = this.from[block]!, end = this.from[block + 1]!; k < end; k++) {
        const id = this.ids[k]!;
        const s = start - this.at[id]!;
        if (s >= 0 && this.bytesMatchAt(this.pats[id]!, bytes, offset, s, units)) found(id);
      }
      i++;
    }
  }

  private bytesMatchAt(p: Uint8Array, bytes: Uint8Array, offset: number, start: number, units: number): boolean {
    const n = p.length;
    if (start + n > units) return false;
    // Backwards: patterns sharing a window (`privilege::backup`, `privilege::debug` on every
    // `…Privilege` of a 4672's list) differ after it, so a candidate fails on its first compare.
    for (let k = n - 1, q = offset + 2 * (start + n - 1); k >= 0; k--, q -= 2) {
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
    for (let k = n - 1; k >= 0; k--) {
      const c = u[start + k]!;
      if (c < 128) {
        if (LOWER[c] !== p[k]) return false;
      } else if (code(c) !== p[k] || (c === DOTTED_I && k !== n - 1)) return false;
    }
    return true;
  }
}
