import type { Expr } from './compile';

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
  private readonly rootNext = new Int32Array(128).fill(0);
  private readonly next = new Map<number, number>();
  private fail: Int32Array;
  /** Per state: pattern ids ending here, including through suffix links. */
  private out: (number[] | null)[];

  constructor(patterns: readonly string[]) {
    let states = 1;
    const ends: number[][] = [[]];
    const children: Map<number, number>[] = [new Map()];
    patterns.forEach((p, id) => {
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        let t = children[s]!.get(c);
        if (t === undefined) {
          t = states++;
          children[s]!.set(c, t);
          children.push(new Map());
          ends.push([]);
        }
        s = t;
      }
      ends[s]!.push(id);
    });
    this.fail = new Int32Array(states);
    const outs: number[][] = ends.map((e) => [...e]);
    const queue: number[] = [];
    for (const [c, t] of children[0]!) {
      queue.push(t);
      if (c < 128) this.rootNext[c] = t;
      else this.next.set(c, t);
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi]!;
      for (const [c, t] of children[s]!) {
        this.next.set(s * 0x10000 + c, t);
        queue.push(t);
        let f = this.fail[s]!;
        let g: number | undefined;
        while ((g = this.step(f, c)) === undefined && f !== 0) f = this.fail[f]!;
        const ft = g ?? 0;
        this.fail[t] = ft === t ? 0 : ft;
        if (outs[this.fail[t]!]!.length) outs[t]!.push(...outs[this.fail[t]!]!);
      }
    }
    this.out = outs.map((o) => (o.length ? o : null));
    this.ascii = patterns.every((p) => /^[\x00-\x7f]*$/.test(p));
    // A full transition table for ASCII input (failure links followed in advance): one array read
    // per character instead of map lookups. Built in breadth-first order, so a state's failure
    // state's row is ready before its own. Skipped for very large automata (memory).
    if (states <= 16_384) {
      const dfa = new Int32Array(states * 128);
      for (let c = 0; c < 128; c++) dfa[c] = this.rootNext[c]!;
      for (const st of queue) {
        const row = st * 128;
        const frow = this.fail[st]! * 128;
        const kids = children[st]!;
        for (let c = 0; c < 128; c++) dfa[row + c] = kids.get(c) ?? dfa[frow + c]!;
      }
      this.dfa = dfa;
    }
  }

  /** Transitions for ASCII code units (state * 128 + unit), when built. */
  private dfa: Int32Array | null = null;

  private step(s: number, c: number): number | undefined {
    if (s === 0) {
      if (c < 128) {
        const t = this.rootNext[c]!;
        return t === 0 ? undefined : t;
      }
      return this.next.get(c);
    }
    return this.next.get(s * 0x10000 + c);
  }

  /** Whether every pattern is ASCII (then scanFolded finds what scan finds in the lower-cased text). */
  readonly ascii: boolean;

  /**
   * Like `scan(text.toLowerCase())` for ASCII patterns, without making the lower-cased copy: each
   * code unit is folded on the way (ASCII by arithmetic, others by their own lower-case form, which
   * may be two units, as U+0130 is). Only for automata whose patterns are ASCII (`ascii`).
   */
  scanFolded(text: string, found: (id: number) => void): void {
    let s = 0;
    const fail = this.fail;
    const out = this.out;
    const dfa = this.dfa;
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c < 128 && dfa !== null) {
        if (c >= 65 && c <= 90) c += 32;
        s = dfa[s * 128 + c]!;
        const o = out[s];
        if (o) for (let k = 0; k < o.length; k++) found(o[k]!);
        continue;
      }
      if (c >= 65 && c <= 90) c += 32;
      else if (c >= 128) {
        const low = foldOf(c);
        if (low.length !== 1) {
          for (let k = 0; k < low.length; k++) s = this.feed(s, low.charCodeAt(k), found);
          continue;
        }
        c = low.charCodeAt(0);
      }
      let t: number | undefined;
      while ((t = this.step(s, c)) === undefined && s !== 0) s = fail[s]!;
      s = t ?? 0;
      const o = out[s];
      if (o) for (let k = 0; k < o.length; k++) found(o[k]!);
    }
  }

  private feed(s: number, c: number, found: (id: number) => void): number {
    let t: number | undefined;
    while ((t = this.step(s, c)) === undefined && s !== 0) s = this.fail[s]!;
    s = t ?? 0;
    const o = this.out[s];
    if (o) for (let k = 0; k < o.length; k++) found(o[k]!);
    return s;
  }

  /** Calls `found` with the id of each pattern occurring in `text` (possibly more than once). */
  scan(text: string, found: (id: number) => void): void {
    let s = 0;
    const fail = this.fail;
    const out = this.out;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let t: number | undefined;
      while ((t = this.step(s, c)) === undefined && s !== 0) s = fail[s]!;
      s = t ?? 0;
      const o = out[s];
      if (o) for (let k = 0; k < o.length; k++) found(o[k]!);
    }
  }
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
