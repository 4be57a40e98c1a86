import type { Expr } from './compile';
import { SkipScanner } from './skip-scan';

/**
 * The literal prefilter. Most rules can only match when some field holds some text: for
 * `Image|endswith: '\calc.exe'` and `CommandLine|contains: …`, the lower-cased Image must contain
 * `\calc.exe`. Each rule gets such a set of (field, text) needs, read from its expression (an AND
 * keeps its most selective part, an OR needs all its parts to have one); one Aho-Corasick automaton
 * per field then finds, in one pass over each value, every rule that can still match. The others
 * are not evaluated at all.
 */
export type Needs = { slot: number; lit: string }[];

/** The pseudo-slot of keyword (field-less) search: every value of the event. */
export const KEYWORDS = -1;

/** (field slot, lower-cased text) pairs, one of which holds whenever `e` is true; null if none is known. */
export function necessaryLiterals(e: Expr, slotOf: (field: string) => number): Needs | null {
  switch (e.k) {
    case 'field': {
      if (e.key.startsWith('target\u0001') || e.field === 'EventID' || e.preds.length === 0) return null;
      const slot = slotOf(e.field);
      const out: Needs = [];
      for (const p of e.preds) {
        if (p.k !== 'str' || !p.lits) return null;
        for (const lit of p.lits) out.push({ slot, lit });
      }
      return out;
    }
    case 'keyword': {
      const out: Needs = [];
      for (const p of e.preds) {
        if (p.k !== 'str' || !p.lits) return null;
        for (const lit of p.lits) out.push({ slot: KEYWORDS, lit });
      }
      return out;
    }
    case 'and': {
      let best: Needs | null = null;
      let bestScore = -1;
      for (const i of e.items) {
        const n = necessaryLiterals(i, slotOf);
        if (!n) continue;
        const score = n.length === 0 ? Infinity : Math.min(...n.map((x) => x.lit.length)) - Math.log2(n.length) * 0.5;
        if (score > bestScore) {
          best = n;
          bestScore = score;
        }
      }
      return best;
    }
    case 'or': {
      const out: Needs = [];
      for (const i of e.items) {
        const n = necessaryLiterals(i, slotOf);
        if (!n) return null;
        out.push(...n);
      }
      return out;
    }
    case 'const':
      return e.value ? null : [];
    default:
      return null;
  }
}

/** Aho-Corasick over UTF-16 code units: all patterns found in a text in one pass. */
export class AhoCorasick {
  /** Whether every pattern is ASCII (then scanFolded finds what scan finds in the lower-cased text). */
  readonly ascii: boolean;
  /** Per state: pattern ids ending here, including through suffix links. */
  private readonly out: (number[] | null)[];
  /**
   * For ASCII patterns without upper-case letters (the prefilter's), a full transition table over
   * ASCII code units, failure links followed in advance: one array read per unit. Columns are
   * classes of units (`classes`: the units patterns hold, upper case with lower case, and all the
   * others as class 0, which leads back to the root from anywhere). An entry is the next state's row
   * (state × width), bitwise-negated when patterns end there. Null otherwise, or for very large
   * automata (memory): then transitions are looked up in maps.
   */
  private readonly dfa: Int32Array | null = null;
  private readonly classes = new Uint8Array(128);
  private readonly width: number = 1;
  /** Without the table: transitions (state × 65536 + unit) and failure links. */
  private readonly next: Map<number, number> = new Map();
  private readonly fail: Int32Array;
  /** With the table, when a few rare units cover every pattern: those units. */
  private readonly anchors: Uint8Array | null = null;
  /** With the table: ASCII units some pattern starts with (either case). */
  private readonly start = new Uint8Array(128);
  /** With the table: pairs of ASCII units some pattern starts with (either case), when every pattern has two units. */
  private readonly pairs: Uint8Array | null = null;
  /**
   * The shortest pattern's length. In a folded scan of ASCII patterns, a match of this many units
   * spans at least as many units of the text: a unit folds to at most one ASCII unit, and the one
   * that folds to two (U+0130 to i and U+0307) ends any match with its second.
   */
  readonly minLength: number;
  /**
   * For folded scans, when every pattern is long enough: a scan that skips instead of reading every
   * unit (made on the first folded scan: automata that only test with `some` never need one).
   */
  private skipper: SkipScanner | null | undefined;
  private readonly patterns: readonly string[];

  constructor(patterns: readonly string[]) {
    // The trie: one map of edges (state × 65536 + unit), and per state its edges as [unit, state…].
    let states = 1;
    const ends: number[][] = [[]];
    const edges = new Map<number, number>();
    const kids: number[][] = [[]];
    patterns.forEach((p, id) => {
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        let t = edges.get(s * 0x10000 + c);
        if (t === undefined) {
          t = states++;
          edges.set(s * 0x10000 + c, t);
          kids[s]!.push(c, t);
          kids.push([]);
          ends.push([]);
        }
        s = t;
      }
      ends[s]!.push(id);
    });
    const children = (s: number): [number, number][] => {
      const k = kids[s]!;
      const out: [number, number][] = [];
      for (let i = 0; i < k.length; i += 2) out.push([k[i]!, k[i + 1]!]);
      return out;
    };
    this.ascii = patterns.every((p) => /^[\x00-\x7f]*$/.test(p));
    this.minLength = patterns.length === 0 ? 1 : Math.max(1, Math.min(...patterns.map((p) => p.length)));
    const fail = new Int32Array(states);
    this.fail = fail;
    const queue: number[] = children(0).map(([, t]) => t);
    const classes = this.classes;
    let width = 1;
    if (this.ascii && !patterns.some((p) => /[A-Z]/.test(p))) {
      for (const p of patterns)
        for (let i = 0; i < p.length; i++) {
          const c = p.charCodeAt(i);
          if (classes[c] === 0) {
            classes[c] = width++;
            if (c >= 97 && c <= 122) classes[c - 32] = classes[c]!;
          }
        }
    }
    if (this.ascii && !patterns.some((p) => /[A-Z]/.test(p)) && states * width <= 4 << 20) {
      // Rows in breadth-first order: a state's failure state is shallower, so its row is complete
      // (and the pattern lists of the states it leads to final) before the state's own row, which
      // starts as a copy of it. A child's failure state is then one read in that row.
      this.width = width;
      const dfa = new Int32Array(states * width);
      const enc = (t: number) => (ends[t]!.length ? ~(t * width) : t * width);
      for (const [c, t] of children(0)) dfa[classes[c]!] = enc(t);
      for (let qi = 0; qi < queue.length; qi++) {
        const st = queue[qi]!;
        const row = st * width;
        const frow = fail[st]! * width;
        dfa.copyWithin(row, frow, frow + width);
        for (let k = kids[st]!, i = 0; i < k.length; i += 2) {
          const c = k[i]!;
          const t = k[i + 1]!;
          const g = dfa[frow + classes[c]!]!;
          const f = ((g < 0 ? ~g : g) / width) | 0;
          fail[t] = f;
          if (ends[f]!.length) ends[t]!.push(...ends[f]!);
          dfa[row + classes[c]!] = enc(t);
          queue.push(t);
        }
      }
      this.dfa = dfa;
      for (let c = 0; c < 128; c++) this.start[c] = dfa[classes[c]!] === 0 ? 0 : 1;
      // Anchors: a few rare units, one of which every pattern holds (see scanUnits).
      const uncovered = new Set(patterns);
      const anchors: number[] = [];
      for (let r = 0; r < ANCHOR_ORDER.length && uncovered.size > 0 && anchors.length <= MAX_ANCHORS; r++) {
        const ch = ANCHOR_ORDER[r]!;
        let used = false;
        for (const p of uncovered)
          if (p.includes(ch)) {
            uncovered.delete(p);
            used = true;
          }
        if (used) anchors.push(ch.charCodeAt(0));
      }
      if (uncovered.size === 0 && anchors.length <= MAX_ANCHORS) {
        const table = new Uint8Array(128);
        for (const c of anchors) table[c] = 1;
        this.anchors = table;
      }
      if (this.minLength >= 2) {
        const pairs = new Uint8Array(128 * 128);
        const cases = (c: number) => (c >= 97 && c <= 122 ? [c, c - 32] : [c]);
        for (const p of patterns) for (const a of cases(p.charCodeAt(0))) for (const b of cases(p.charCodeAt(1))) pairs[(a << 7) | b] = 1;
        this.pairs = pairs;
      }
    } else {
      this.next = edges;
      for (let qi = 0; qi < queue.length; qi++) {
        const s = queue[qi]!;
        for (const [c, t] of children(s)) {
          queue.push(t);
          let f = fail[s]!;
          let g: number | undefined;
          while ((g = this.step(f, c)) === undefined && f !== 0) f = fail[f]!;
          const ft = g ?? 0;
          fail[t] = ft === t ? 0 : ft;
          if (ends[fail[t]!]!.length) ends[t]!.push(...ends[fail[t]!]!);
        }
      }
    }
    this.out = ends.map((o) => (o.length ? o : null));
    this.patterns = patterns;
  }

  /** The skipping scan `scanUtf16` uses for these patterns, if they suit one (see SkipScanner.fits). */
  get skip(): SkipScanner | null {
    if (this.skipper === undefined) this.skipper = SkipScanner.fits(this.patterns) ? new SkipScanner(this.patterns) : null;
    return this.skipper;
  }

  /** Without the table: the transition from `s` on `c`, if any. */
  private step(s: number, c: number): number | undefined {
    return this.next.get(s === 0 ? c : s * 0x10000 + c);
  }

  /** Reports the patterns ending at a state. */
  private report(s: number, found: (id: number) => void): void {
    const o = this.out[s];
    if (o) for (let k = 0; k < o.length; k++) found(o[k]!);
  }

  /** The state after one unit `c`, as it is. */
  private move(s: number, c: number): number {
    const dfa = this.dfa;
    if (dfa !== null) {
      // No pattern holds a non-ASCII unit or an upper-case letter: those lead back to the root.
      if (c >= 128 || (c >= 65 && c <= 90)) return 0;
      const v = dfa[s * this.width + this.classes[c]!]!;
      return ((v < 0 ? ~v : v) / this.width) | 0;
    }
    let t: number | undefined;
    while ((t = this.step(s, c)) === undefined && s !== 0) s = this.fail[s]!;
    return t ?? 0;
  }

  /** One unit `c`, as it is: the next state (a state number), its patterns reported. */
  private feed(s: number, c: number, found: (id: number) => void): number {
    s = this.move(s, c);
    this.report(s, found);
    return s;
  }

  /**
   * Whether `accept(id, end)` holds for some occurrence of a pattern in `text` as it is (`end`: the
   * index just past it); stops at the first that does.
   */
  some(text: string, accept: (id: number, end: number) => boolean): boolean {
    let s = 0;
    const out = this.out;
    for (let i = 0; i < text.length; i++) {
      s = this.move(s, text.charCodeAt(i));
      const o = out[s];
      if (o) for (let k = 0; k < o.length; k++) if (accept(o[k]!, i + 1)) return true;
    }
    return false;
  }

  /** One unit folded to lower case (ASCII by arithmetic, others by their own lower-case form, which may be two units). */
  private slow(s: number, c: number, found: (id: number) => void): number {
    if (c >= 65 && c <= 90) c += 32;
    else if (c >= 128) {
      const low = foldOf(c);
      if (low.length !== 1) {
        for (let k = 0; k < low.length; k++) s = this.feed(s, low.charCodeAt(k), found);
        return s;
      }
      c = low.charCodeAt(0);
    }
    return this.feed(s, c, found);
  }

  /** Calls `found` with the id of each pattern occurring in `text` (possibly more than once). */
  scan(text: string, found: (id: number) => void): void {
    let s = 0;
    for (let i = 0; i < text.length; i++) s = this.feed(s, text.charCodeAt(i), found);
  }

  /**
   * Like `scan(text.toLowerCase())` for ASCII patterns, without making the lower-cased copy: each
   * code unit is folded on the way (ASCII by arithmetic, others by their own lower-case form, which
   * may be two units, as U+0130 is). Only for automata whose patterns are ASCII (`ascii`).
   */
  scanFolded(text: string, found: (id: number) => void): void {
    const n = text.length;
    if (n < this.minLength) return;
    const skip = this.skip;
    if (this.dfa === null && skip === null) {
      let s = 0;
      for (let i = 0; i < n; i++) s = this.slow(s, text.charCodeAt(i), found);
      return;
    }
    const u = scratch(n);
    for (let i = 0; i < n; i++) u[i] = text.charCodeAt(i);
    if (skip !== null) skip.scanUnits(u, 0, n, found);
    else this.scanUnits(u, 0, n, found);
  }

  /**
   * `scanFolded` over UTF-16LE code units in place (`units` of them from `bytes[offset]`), without
   * making the string: the same folding, unit by unit. Only for automata whose patterns are ASCII.
   */
  scanUtf16(bytes: Uint8Array, offset: number, units: number, found: (id: number) => void): void {
    if (units < this.minLength) return;
    const skip = this.skip;
    // The skipping scan reads the units it looks at in place, at any address.
    if (skip !== null) {
      skip.scanBytes(bytes, offset, units, found);
      return;
    }
    if (this.dfa === null) {
      let s = 0;
      for (let p = offset, end = offset + 2 * units; p < end; p += 2) s = this.slow(s, bytes[p]! | (bytes[p + 1]! << 8), found);
      return;
    }
    const at = bytes.byteOffset + offset;
    // Aligned values are read as 16-bit units in place (little-endian platforms); others copied.
    if (LITTLE_ENDIAN && (at & 1) === 0) {
      this.scanUnits(units16(bytes.buffer), at >> 1, (at >> 1) + units, found);
      return;
    }
    const u = scratch(units);
    for (let i = 0; i < units; i++) u[i] = bytes[offset + 2 * i]! | (bytes[offset + 2 * i + 1]! << 8);
    this.scanUnits(u, 0, units, found);
  }

  /**
   * The folded scan of units [from, to) with the table. At the root state, positions where the
   * next two units (folded) begin no pattern are skipped, and the scan stops where no pattern fits
   * in what is left. Non-ASCII units always go through `slow`.
   */
  private scanUnits(u: Uint16Array, from: number, to: number, found: (id: number) => void): void {
    const anchors = this.anchors;
    if (anchors !== null) {
      // A value without any anchor (nor non-ASCII unit, which may fold to one) holds no pattern.
      let p = from;
      while (p < to) {
        const c = u[p]!;
        if (c >= 128 || anchors[c] === 1) break;
        p++;
      }
      if (p === to) return;
    }
    const dfa = this.dfa!;
    const classes = this.classes;
    const width = this.width;
    const min = this.minLength;
    const pairs = this.pairs;
    const start = this.start;
    let row = 0;
    for (let p = from; p < to; p++) {
      let c = u[p]!;
      if (row === 0) {
        if (to - p < min) return;
        if (pairs !== null) {
          // min ≥ 2 here, so p + 1 < to.
          let d = u[p + 1]!;
          while (c < 128 && d < 128 && pairs[(c << 7) | d] === 0) {
            if (to - ++p < min) return;
            c = d;
            d = u[p + 1]!;
          }
        } else {
          while (c < 128 && start[c] === 0) {
            if (to - ++p < min) return;
            c = u[p]!;
          }
        }
      }
      if (c < 128) {
        const v = dfa[row + classes[c]!]!;
        if (v >= 0) row = v;
        else {
          row = ~v;
          this.report((row / width) | 0, found);
        }
      } else row = this.slow((row / width) | 0, c, found) * width;
    }
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
let lastBuffer: ArrayBufferLike | null = null;
let lastUnits: Uint16Array<ArrayBufferLike> = new Uint16Array(0);
/** A buffer's 16-bit view (the last one is kept: a chunk's values are scanned one after another). */
function units16(buffer: ArrayBufferLike): Uint16Array<ArrayBufferLike> {
  if (buffer !== lastBuffer) {
    lastBuffer = buffer;
    lastUnits = new Uint16Array(buffer, 0, buffer.byteLength >> 1);
  }
  return lastUnits;
}

/**
 * Units tried as anchors, rarest first as we guess for event values: symbols, punctuation and space,
 * which fold to themselves (letters and digits are too common to be worth a first pass).
 */
const ANCHOR_ORDER = '|^~`!@#$&*;<>?[]{}"\'()+=,/:%. ';
const MAX_ANCHORS = 4;

let scratchUnits = new Uint16Array(256);
/** A reused array of at least n units (for texts and unaligned values). */
function scratch(n: number): Uint16Array {
  if (scratchUnits.length < n) scratchUnits = new Uint16Array(Math.max(n, 2 * scratchUnits.length));
  return scratchUnits;
}

const folds = new Map<number, string>();
/** The lower-case form of one non-ASCII code unit (as String.prototype.toLowerCase gives it). */
function foldOf(c: number): string {
  let f = folds.get(c);
  if (f === undefined) folds.set(c, (f = String.fromCharCode(c).toLowerCase()));
  return f;
}

/**
 * Characters the text of a value that is not a string can hold once lower-cased: numbers
 * (`-1.5e+30`, `infinity`, `nan`), booleans, hex integers (`0x1f`), GUIDs, SIDs (`s-1-5-18`),
 * times (`2024-01-01t00:00:00.000000z`), binary as hex.
 */
const NON_STRING_CHARS = /^[0-9a-f+\-.:{}xsintyrulzo ]*$/;

/** Whether none of these lower-cased texts can occur in the text of a non-string value. */
export function onlyInStrings(lits: Iterable<string>): boolean {
  for (const l of lits) if (NON_STRING_CHARS.test(l)) return false;
  return true;
}
