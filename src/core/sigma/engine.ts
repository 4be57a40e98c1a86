import { type CompiledRule, type Expr, exprFields, type Predicate } from './compile';
import { type FieldValue, type SigmaEvent, UNREAD, type ValueVisitor } from './event';
import { inCidr, parseIp } from './modifiers';
import type { SourceTarget } from './logsource';
import { AhoCorasick, KEYWORDS, type Needs, necessaryLiterals, onlyInStrings } from './prefilter';
import { specializeForEventId } from './specialize';

/** One rule firing on one event. Author and source are there for attribution (SigmaHQ's DRL). */
export interface SigmaHit {
  ruleId: string;
  title: string;
  level: string;
  status: string;
  author: string;
  /** The rule's file. */
  source: string;
  channel: string;
  eventId: number;
  recordId: number;
  time: string;
  computer: string;
  /** Values of the fields the rule reads (rule-side names), where the event has them. */
  fields: Record<string, string>;
}

type Eval = (c: Ctx) => boolean;

/**
 * Per-event caches, by field slot: raw values, their text and lower-cased text (each made at most
 * once). Values are read when a test first asks for one (`value`): most candidates fail on their
 * first test, so most of the fields they could read are never decoded.
 */
class Ctx {
  gen = 0;
  raw: (FieldValue | undefined)[] = [];
  /** The current event's bucket. */
  bucket!: Bucket;
  /** Per slot: the event number whose value `raw` holds. */
  readonly rawGen: Int32Array;
  private textGen: Int32Array;
  private lowGen: Int32Array;
  private texts: (string | string[] | null)[] = [];
  private lows: (string | string[] | null)[] = [];
  event!: SigmaEvent;
  private kwGen = -1;
  private kwLow: string[] = [];
  private kwText: string[] = [];
  readonly leafGen: Int32Array;
  readonly leafVal: Uint8Array;
  constructor(
    slots: number,
    leaves: number,
    /** Reads all of a bucket's fields of the current event (when one cannot be read alone). */
    private readonly readAll: (b: Bucket) => void,
  ) {
    this.rawGen = new Int32Array(slots).fill(-1);
    this.textGen = new Int32Array(slots).fill(-1);
    this.lowGen = new Int32Array(slots).fill(-1);
    this.leafGen = new Int32Array(leaves).fill(-1);
    this.leafVal = new Uint8Array(leaves);
  }
  /** A slot's value (undefined: the event has no such field), read now if not yet. */
  value(slot: number): FieldValue | undefined {
    if (this.rawGen[slot] !== this.gen) this.load(slot);
    return this.raw[slot];
  }

  private load(slot: number): void {
    const b = this.bucket;
    const event = this.event;
    const i = b.slotIndex[slot]!;
    if (i >= 0 && event.readField) {
      const v = event.readField(b.names, i);
      if (v !== UNREAD) {
        this.raw[slot] = v;
        this.rawGen[slot] = this.gen;
        return;
      }
    }
    this.readAll(b);
    // Every slot a test reads is one of its bucket's (this is for safety, not a case that occurs).
    if (this.rawGen[slot] !== this.gen) {
      this.raw[slot] = undefined;
      this.rawGen[slot] = this.gen;
    }
  }

  /** Text of a slot: string, list of strings (multi-valued), or null when the event lacks the field (an empty element is ""). */
  text(slot: number): string | string[] | null {
    if (this.textGen[slot] === this.gen) return this.texts[slot]!;
    this.textGen[slot] = this.gen;
    const t = toText(this.value(slot));
    this.texts[slot] = t;
    return t;
  }
  lower(slot: number): string | string[] | null {
    if (this.lowGen[slot] === this.gen) return this.lows[slot]!;
    this.lowGen[slot] = this.gen;
    const t = this.text(slot);
    const l = t === null ? null : typeof t === 'string' ? t.toLowerCase() : t.map((x) => x.toLowerCase());
    this.lows[slot] = l;
    return l;
  }
  private keywords(): void {
    if (this.kwGen === this.gen) return;
    this.kwGen = this.gen;
    this.kwText = [];
    for (const v of this.event.values()) {
      const t = toText(v);
      if (typeof t === 'string') this.kwText.push(t);
      else if (t) this.kwText.push(...t);
    }
    this.kwLow = this.kwText.map((x) => x.toLowerCase());
  }
  keywordTexts(lower: boolean): string[] {
    this.keywords();
    return lower ? this.kwLow : this.kwText;
  }
}

function toText(v: FieldValue | undefined): string | string[] | null {
  if (v === undefined) return null;
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map((x) => (x === null ? '' : String(x)));
  return String(v);
}

function visitText(t: string | string[] | null, v: ValueVisitor): void {
  if (t === null) return;
  if (typeof t === 'string') v.text(t);
  else for (let i = 0; i < t.length; i++) v.text(t[i]!);
}

function anyOf(v: string | string[] | null, test: (s: string) => boolean): boolean {
  if (v === null) return false;
  if (typeof v === 'string') return test(v);
  for (let i = 0; i < v.length; i++) if (test(v[i]!)) return true;
  return false;
}

/** Turns a predicate on a field slot into a test. `slotOf` gives other fields' slots (fieldref). */
function linkPredicate(p: Predicate, slot: number, slotOf: (name: string) => number): Eval {
  switch (p.k) {
    case 'str': {
      const test = p.test;
      // An absent field matches no string; an empty element (null) compares as "".
      return p.cased ? (c) => anyOf(c.text(slot), test) : (c) => anyOf(c.lower(slot), test);
    }
    case 're': {
      const re = p.re;
      const test = (s: string) => re.test(s);
      return (c) => anyOf(c.text(slot), test);
    }
    case 'null':
      return (c) => {
        const v = c.value(slot);
        return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
      };
    case 'num': {
      const { op, n } = p;
      const cmp = op === 'gt' ? (x: number) => x > n : op === 'gte' ? (x: number) => x >= n : op === 'lt' ? (x: number) => x < n : (x: number) => x <= n;
      const test = (s: string) => {
        if (s.trim() === '') return false;
        const x = /^0x[0-9a-f]+$/i.test(s) ? parseInt(s, 16) : Number(s);
        return !Number.isNaN(x) && cmp(x);
      };
      return (c) => anyOf(c.text(slot), test);
    }
    case 'cidr': {
      const net = p.net;
      const test = (s: string) => {
        const ip = parseIp(s);
        return ip !== null && inCidr(net, ip);
      };
      return (c) => anyOf(c.text(slot), test);
    }
    case 'ref': {
      const other = slotOf(p.field);
      const get = p.cased ? (c: Ctx, s: number) => c.text(s) : (c: Ctx, s: number) => c.lower(s);
      const mode = p.mode;
      return (c) => {
        const b = get(c, other);
        if (b === null) return false;
        const bs = typeof b === 'string' ? [b] : b;
        return anyOf(get(c, slot), (a) =>
          bs.some((x) => (mode === 'eq' ? a === x : mode === 'contains' ? a.includes(x) : mode === 'startswith' ? a.startsWith(x) : a.endsWith(x))),
        );
      };
    }
  }
}

function linkKeywordPredicate(p: Predicate): Eval {
  if (p.k === 'str') {
    const { test, cased } = p;
    return (c) => c.keywordTexts(!cased).some(test);
  }
  if (p.k === 're') {
    const re = p.re;
    return (c) => c.keywordTexts(false).some((s) => re.test(s));
  }
  return () => false;
}

function orOf(evals: Eval[]): Eval {
  if (evals.length === 0) return () => false;
  if (evals.length === 1) return evals[0]!;
  if (evals.length === 2) {
    const [a, b] = evals as [Eval, Eval];
    return (c) => a(c) || b(c);
  }
  return (c) => {
    for (let i = 0; i < evals.length; i++) if (evals[i]!(c)) return true;
    return false;
  };
}

function andOf(evals: Eval[]): Eval {
  if (evals.length === 0) return () => true;
  if (evals.length === 1) return evals[0]!;
  if (evals.length === 2) {
    const [a, b] = evals as [Eval, Eval];
    return (c) => a(c) && b(c);
  }
  return (c) => {
    for (let i = 0; i < evals.length; i++) if (!evals[i]!(c)) return false;
    return true;
  };
}

/** Relative cost of an expression, to test cheap (and often decisive) parts first. */
function exprCost(e: Expr): number {
  switch (e.k) {
    case 'field':
    case 'keyword':
      return e.cost;
    case 'exists':
    case 'const':
      return 0.5;
    case 'and':
    case 'or':
      return e.items.reduce((a, i) => a + exprCost(i), 0);
    case 'not':
      return exprCost(e.item) + 0.1;
  }
}

const byCost = (items: Expr[]): Expr[] => items.map((e) => ({ e, c: exprCost(e) })).sort((a, b) => a.c - b.c).map((x) => x.e);

/** Leaves shared by several rules are evaluated once per event: a result per leaf id, stamped with the event. */
type LeafIds = (key: string) => number;

function cached(id: number, inner: Eval): Eval {
  return (c) => {
    if (c.leafGen[id] === c.gen) return c.leafVal[id] === 1;
    const v = inner(c);
    c.leafGen[id] = c.gen;
    c.leafVal[id] = v ? 1 : 0;
    return v;
  };
}

/** Links an expression to field slots (through the target's field renames). */
function linkExpr(e: Expr, slotOf: (name: string) => number, leafId: LeafIds): Eval {
  switch (e.k) {
    case 'field': {
      const slot = slotOf(e.field);
      return cached(leafId(`${slot}\u0002${e.key}`), orOf(e.preds.map((p) => linkPredicate(p, slot, slotOf))));
    }
    case 'exists': {
      const slot = slotOf(e.field);
      const want = e.want;
      return (c) => {
        const v = c.value(slot);
        return (v !== undefined && v !== null) === want;
      };
    }
    case 'keyword':
      return cached(leafId(`kw\u0002${e.key}`), orOf(e.preds.map(linkKeywordPredicate)));
    case 'and':
      return andOf(byCost(e.items).map((i) => linkExpr(i, slotOf, leafId)));
    case 'or':
      return orOf(byCost(e.items).map((i) => linkExpr(i, slotOf, leafId)));
    case 'not': {
      const inner = linkExpr(e.item, slotOf, leafId);
      return (c) => !inner(c);
    }
    case 'const': {
      const v = e.value;
      return () => v;
    }
  }
}

/** Event ids an expression requires (null: any), read from `EventID` equality tests. */
export function requiredEventIds(e: Expr): Set<number> | null {
  switch (e.k) {
    case 'field': {
      if (e.field !== 'EventID' || e.preds.length === 0) return null;
      const ids = new Set<number>();
      for (const p of e.preds) {
        if (p.k !== 'str') return null;
        const values = p.exacts ?? (p.exact !== undefined ? [p.exact] : null);
        if (!values) return null;
        for (const v of values) {
          if (!/^\d+$/.test(v)) return null;
          ids.add(Number(v));
        }
      }
      return ids;
    }
    case 'and': {
      let out: Set<number> | null = null;
      for (const i of e.items) {
        const s: Set<number> | null = requiredEventIds(i);
        if (s === null) continue;
        const prev: Set<number> | null = out;
        out = prev === null ? s : new Set([...prev].filter((x: number) => s.has(x)));
      }
      return out;
    }
    case 'or': {
      const out = new Set<number>();
      for (const i of e.items) {
        const s = requiredEventIds(i);
        if (s === null) return null;
        for (const x of s) out.add(x);
      }
      return out;
    }
    case 'const':
      return e.value ? null : new Set();
    default:
      return null;
  }
}

/** A rule linked for one log source target. */
interface Variant {
  rule: CompiledRule;
  order: number;
  /** The expression linked (the target's conditions and the detection), kept to specialize per event id. */
  expr: Expr;
  slotOf: (name: string) => number;
  /** Rule-side field name → event-side name (the target's renames). */
  fieldName: (name: string) => string;
  eval: Eval;
  /** Rule-side field names, for the hit's `fields`, and the event-side names read for them (on a hit). */
  report: string[];
  reportNames: string[];
  reportSlots: number[];
  /** Every slot the expression reads (the hit's fields are read apart, only on a hit). */
  reads: number[];
  /** Texts one of which some field must contain for the rule to match (null: not known, always evaluated). */
  needs: Needs | null;
}

interface Bucket {
  variants: Variant[];
  /** Event-side field names the variants read, and their slots. */
  names: string[];
  slots: number[];
  /** Per engine slot: its index in `names`, or -1. */
  slotIndex: Int32Array;
  /** Per variant: evaluated on every event (no known needed text). */
  always: Uint8Array;
  /** Per variant: the event number on which the prefilter found one of its texts. */
  mark: Int32Array;
  gen: number;
  /**
   * One scanner per field (KEYWORDS last, when there is one). `visit` takes a value's text as it is,
   * or its UTF-16 code units in place (ASCII patterns are matched case-folded on the fly, so no
   * lower-cased copy, nor any string, is made); `textOnly` (keywords): the patterns cannot occur in a
   * non-string value's text, so only string values need scanning.
   */
  scanners: Scanner[];
  /** The field scanners' event-side names and visitors, for SigmaEvent.scanFields, and its `done` flags. */
  scanNames: string[];
  scanVisitors: ValueVisitor[];
  scanDone: Uint8Array;
  /** The KEYWORDS scanner, if any. */
  keywords: Scanner | null;
  /** Fields read (all of `names`) on the event number `readGen`. */
  readGen: number;
  /** The current event's candidates (variant indices), and read plans by candidate set (see readCandidates). */
  cand: Int32Array;
  plans: Map<number | string, { names: string[]; slots: number[] }>;
}

interface Scanner {
  slot: number;
  visit: ValueVisitor;
  textOnly: boolean;
}

/**
 * A scanner for one field's patterns: ASCII ones run on the text as it is or on its UTF-16 code
 * units in place; others (rare) on the lower-cased text, which then has to be made.
 */
function scannerFor(slot: number, patterns: readonly string[], targets: readonly number[][], bucket: Bucket, mark: Int32Array, automata: Map<string, AhoCorasick>): Scanner {
  const ascii: number[] = [];
  const other: number[] = [];
  patterns.forEach((p, i) => (/^[\x00-\x7f]*$/.test(p) ? ascii : other).push(i));
  const automaton = (ids: number[]) => {
    if (ids.length === 0) return null;
    // Buckets often need the same texts (a keyword rule's, in every bucket): one automaton serves them.
    const list = ids.map((i) => patterns[i]!);
    const key = list.join('\u0000');
    let ac = automata.get(key);
    if (!ac) automata.set(key, (ac = new AhoCorasick(list)));
    const found = (id: number) => {
      const t = targets[ids[id]!]!;
      for (let k = 0; k < t.length; k++) mark[t[k]!] = bucket.gen;
    };
    return { ac, found };
  };
  const a = automaton(ascii);
  const o = automaton(other);
  let visit: ValueVisitor;
  if (a && !o) {
    const { ac, found } = a;
    const skip = ac.skip;
    // Values are handed over in place, shorter ones left out (minUnits): straight to the skipping
    // scan where the patterns suit it (what scanUtf16 would call, one call less per value).
    const utf16: ValueVisitor['utf16'] = skip ? (b, off, n) => n >= skip.minLength && skip.scanBytes(b, off, n, found) : (b, off, n) => ac.scanUtf16(b, off, n, found);
    visit = { wantsText: false, minUnits: ac.minLength, text: (s) => ac.scanFolded(s, found), utf16 };
  } else {
    visit = {
      wantsText: true,
      text: (s) => {
        if (a) a.ac.scanFolded(s, a.found);
        if (o) o.ac.scan(s.toLowerCase(), o.found);
      },
      utf16: () => {
        throw new Error('unreachable: text wanted');
      },
    };
  }
  return { slot, visit, textOnly: slot === KEYWORDS && onlyInStrings(patterns) };
}

export interface EngineOptions {
  /** Extra fields to carry in hits of a rule (by id or name), e.g. a correlation's group-by fields. */
  extraFields?: ReadonlyMap<string, readonly string[]>;
  /** False: rules are evaluated as written, without folding other event ids' tests away (tests compare the two). */
  specialize?: boolean;
}

/** Above this many candidates on an event, every field of its (channel, event id) is read. */
const MAX_CANDIDATE_READ = 12;
/** Below this many fields in a (channel, event id), every field is read (one plan per template). */
const MIN_NAMES_FOR_CANDIDATE_READ = 8;
/** Candidate sets remembered per (channel, event id); past this, every field is read for new sets. */
const MAX_READ_PLANS = 64;

/** Conditions a target adds (`EventID: 1`, `EventType: CreateKey`…) as an expression. */
function targetConditions(t: SourceTarget): Expr[] {
  return Object.entries(t.conditions).map(([field, values]) => {
    const exacts = values.map((v) => String(v).toLowerCase());
    const set = new Set(exacts);
    const e: Expr = { k: 'field', field, preds: [{ k: 'str', cased: false, test: (s: string) => set.has(s), exacts, lits: null }], all: false, key: `target\u0001${JSON.stringify(exacts)}`, cost: 1 };
    return e;
  });
}

/**
 * Runs compiled rules over events. Rules are indexed by channel and event id (from the log source
 * and the `EventID` values the detection requires), so an event is tested only against the rules
 * that can match it; each field is read once per event and lower-cased at most once.
 */
export class SigmaEngine {
  readonly rules: CompiledRule[];
  /** Rules that compiled but do not run here, with why. */
  readonly inactive: { rule: CompiledRule; reason: string }[] = [];
  private slots = new Map<string, number>();
  private slotNames: string[] = [];
  /** channel (lower-cased) or '*' → event id or -1 (any) → variants */
  private index = new Map<string, Map<number, Variant[]>>();
  private cache = new Map<string, Map<number, Bucket>>();
  private lastChannel: string | null = null;
  /** The slot of the event-side field `EventID`, if a rule reads it (-1: none does). */
  private readonly eventIdSlot: number;
  private lastById: Map<number, Bucket> | undefined;
  /** Prefilter automata by their patterns, shared between buckets. */
  private automata = new Map<string, AhoCorasick>();
  private ctx: Ctx;
  /** Shared leaves' ids (the same test in several rules is evaluated once per event). */
  private readonly leafId: LeafIds;
  private readonly specializing: boolean;
  private readBuf: (FieldValue | undefined)[] = [];
  private reportBuf: (FieldValue | undefined)[] = [];
  /** Variants in the index (a rule with two targets counts twice). */
  readonly variantCount: number = 0;
  /** Distinct field tests after sharing (statistics). */
  readonly leafCount: number = 0;

  constructor(rules: readonly CompiledRule[], opts: EngineOptions = {}) {
    this.rules = [...rules];
    let order = 0;
    let variants = 0;
    const leaves = new Map<string, number>();
    const leafId = (key: string) => {
      let id = leaves.get(key);
      if (id === undefined) leaves.set(key, (id = leaves.size));
      return id;
    };
    for (const rule of this.rules) {
      if (rule.inactive) {
        this.inactive.push({ rule, reason: rule.inactive });
        continue;
      }
      const extra = [...(opts.extraFields?.get(rule.meta.id) ?? []), ...(rule.meta.name ? opts.extraFields?.get(rule.meta.name) ?? [] : [])];
      for (const target of rule.targets) {
        const map = target.fieldMap;
        const fieldName = (name: string) => map[name] ?? name;
        const slotOf = (name: string) => this.slot(fieldName(name));
        const expr: Expr = { k: 'and', items: [...targetConditions(target), rule.detection] };
        const fields = [...exprFields(rule.detection)];
        for (const f of extra) if (!fields.includes(f)) fields.push(f);
        const reportNames = fields.map(fieldName);
        const reportSlots = fields.map(slotOf);
        const reads = [...new Set([...exprFields(expr)].map(slotOf))];
        const variant: Variant = { rule, order: order++, expr, slotOf, fieldName, eval: linkExpr(expr, slotOf, leafId), report: fields, reportNames, reportSlots, reads, needs: necessaryLiterals(expr, slotOf) };
        const ids = requiredEventIds(expr);
        const channels = target.channels ? target.channels.map((c) => c.toLowerCase()) : ['*'];
        for (const ch of channels) {
          let byId = this.index.get(ch);
          if (!byId) this.index.set(ch, (byId = new Map()));
          for (const id of ids ?? [-1]) {
            const list = byId.get(id);
            if (list) list.push(variant);
            else byId.set(id, [variant]);
          }
        }
        variants++;
      }
    }
    this.variantCount = variants;
    this.leafId = leafId;
    this.specializing = opts.specialize !== false;
    this.ctx = new Ctx(this.slotNames.length, leaves.size, (b) => this.readFields(b, this.ctx.event));
    this.eventIdSlot = this.slots.get('EventID') ?? -1;
    this.leafCount = leaves.size;
  }

  private slot(name: string): number {
    let s = this.slots.get(name);
    if (s === undefined) {
      s = this.slotNames.length;
      this.slots.set(name, s);
      this.slotNames.push(name);
    }
    return s;
  }

  private bucket(channel: string, eventId: number): Bucket {
    // Logs are mostly one channel: its map is kept (each event's channel is a new string, which
    // the cache's lookup would hash every time; comparing with the last one is cheaper).
    let byId = channel === this.lastChannel ? this.lastById : this.cache.get(channel);
    if (!byId) this.cache.set(channel, (byId = new Map()));
    this.lastChannel = channel;
    this.lastById = byId;
    let b = byId.get(eventId);
    if (b) return b;
    const ch = channel.toLowerCase();
    const found = new Set<Variant>();
    for (const c of [ch, '*']) {
      const m = this.index.get(c);
      if (!m) continue;
      for (const id of [eventId, -1]) for (const v of m.get(id) ?? []) found.add(v);
    }
    const variants = [...found].sort((a, b) => a.order - b.order).map((v) => (eventId >= 0 && this.specializing ? this.specialize(v, eventId) : v));
    const slotSet = new Set<number>();
    for (const v of variants) for (const s of v.reads) slotSet.add(s);
    const slots = [...slotSet].sort((a, b) => a - b);
    const always = new Uint8Array(variants.length);
    const mark = new Int32Array(variants.length).fill(-1);
    const slotIndex = new Int32Array(this.slotNames.length).fill(-1);
    slots.forEach((s, i) => (slotIndex[s] = i));
    const bucket: Bucket = {
      variants, names: slots.map((s) => this.slotNames[s]!), slots, slotIndex, always, mark, gen: -1,
      scanners: [], scanNames: [], scanVisitors: [], scanDone: new Uint8Array(0), keywords: null, readGen: -1,
      cand: new Int32Array(variants.length), plans: new Map(),
    };
    // One automaton per field over the texts the bucket's rules need there.
    const perSlot = new Map<number, Map<string, number[]>>();
    variants.forEach((v, i) => {
      if (!v.needs) {
        always[i] = 1;
        return;
      }
      for (const { slot, lit } of v.needs) {
        let lits = perSlot.get(slot);
        if (!lits) perSlot.set(slot, (lits = new Map()));
        const list = lits.get(lit);
        if (!list) lits.set(lit, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
    });
    for (const [slot, lits] of perSlot) {
      const patterns = [...lits.keys()];
      const sc = scannerFor(slot, patterns, patterns.map((p) => lits.get(p)!), bucket, mark, this.automata);
      if (slot === KEYWORDS) bucket.keywords = sc;
      else {
        bucket.scanners.push(sc);
        bucket.scanNames.push(this.slotNames[slot]!);
        bucket.scanVisitors.push(sc.visit);
      }
    }
    bucket.scanDone = new Uint8Array(bucket.scanners.length);
    byId.set(eventId, bucket);
    return bucket;
  }

  /** A variant for events of one id: tests of other ids folded away (see specialize.ts), relinked if that changed it. */
  private specialize(v: Variant, eventId: number): Variant {
    const expr = specializeForEventId(v.expr, eventId, v.fieldName);
    if (expr === v.expr) return v;
    const reads = [...new Set([...exprFields(expr)].map(v.slotOf))];
    return { ...v, expr, eval: linkExpr(expr, v.slotOf, this.leafId), reads, needs: necessaryLiterals(expr, v.slotOf) };
  }

  /** Reads the bucket's fields of the current event into the context (once per event). */
  private readFields(b: Bucket, event: SigmaEvent): void {
    const ctx = this.ctx;
    if (b.readGen === ctx.gen) return;
    b.readGen = ctx.gen;
    const buf = this.readBuf;
    event.read(b.names, buf);
    const slots = b.slots;
    const gen = ctx.gen;
    for (let k = 0; k < slots.length; k++) {
      ctx.raw[slots[k]!] = buf[k];
      ctx.rawGen[slots[k]!] = gen;
    }
  }

  /**
   * Reads the fields the `k` candidates in `b.cand` test (when the prefilter lets a few rules
   * through, e.g. three of the seventeen on a 4624 event, the others' fields are not decoded). Plans
   * are kept per candidate set (their names arrays' identity lets the event cache its own plans);
   * many candidates, or many sets, read every field.
   */
  private readCandidates(b: Bucket, event: SigmaEvent, k: number): void {
    if (k > MAX_CANDIDATE_READ || b.names.length < MIN_NAMES_FOR_CANDIDATE_READ) return this.readFields(b, event);
    // The set's key: a bit mask when the bucket has few variants (most do: no string is made per
    // event), else the indices as text.
    let key: number | string;
    if (b.variants.length <= 30) {
      key = 0;
      for (let j = 0; j < k; j++) key |= 1 << b.cand[j]!;
    } else {
      key = '';
      for (let j = 0; j < k; j++) key += `${b.cand[j]},`;
    }
    let plan = b.plans.get(key);
    if (!plan) {
      if (b.plans.size >= MAX_READ_PLANS) return this.readFields(b, event);
      const slots = new Set<number>();
      for (let j = 0; j < k; j++) for (const s of b.variants[b.cand[j]!]!.reads) slots.add(s);
      const list = [...slots].sort((x, y) => x - y);
      b.plans.set(key, (plan = { names: list.map((s) => this.slotNames[s]!), slots: list }));
    }
    const buf = this.readBuf;
    event.read(plan.names, buf);
    const ctx = this.ctx;
    const slots = plan.slots;
    const gen = ctx.gen;
    for (let j = 0; j < slots.length; j++) {
      ctx.raw[slots[j]!] = buf[j];
      ctx.rawGen[slots[j]!] = gen;
    }
  }

  /**
   * A hit's fields: from the values read for the test when it read them all (each read of another
   * names list costs the event a plan per template, and a mixed log meets many), else read now.
   */
  private hitFields(v: Variant, b: Bucket, event: SigmaEvent): Record<string, string> {
    const ctx = this.ctx;
    const fields: Record<string, string> = {};
    const slots = v.reportSlots;
    let all = true;
    for (let r = 0; r < slots.length; r++) {
      const s = slots[r]!;
      if (ctx.rawGen[s] === ctx.gen) continue;
      // The bucket's fields the test did not get to are read one by one, like the test's.
      if (b.slotIndex[s]! >= 0 && event.readField) ctx.value(s);
      else all = false;
    }
    const values = this.reportBuf;
    if (!all) event.read(v.reportNames, values);
    for (let r = 0; r < slots.length; r++) {
      const t = all ? ctx.text(slots[r]!) : toText(values[r]);
      if (t !== null) fields[v.report[r]!] = typeof t === 'string' ? t : t.join(', ');
    }
    return fields;
  }

  /** Rules that could match events of this channel and event id (for statistics and tests). */
  candidates(channel: string, eventId: number): CompiledRule[] {
    return this.bucket(channel, eventId).variants.map((v) => v.rule);
  }

  /**
   * Tests one event; pushes a hit per matching rule into `out` (when given) and returns the number
   * of hits. A rule with two targets on the same channel and id (not the case in thor.yml) fires once.
   */
  match(event: SigmaEvent, out?: SigmaHit[], onHit?: (hit: SigmaHit, rule: CompiledRule) => void): number {
    const b = this.bucket(event.channel, Number.isNaN(event.eventId) ? -2 : event.eventId);
    if (b.variants.length === 0) return 0;
    const ctx = this.ctx;
    const gen = ++ctx.gen;
    ctx.event = event;
    ctx.bucket = b;
    b.gen = gen;
    // Specialized rules still test `EventID` (as text, it may not be the bucket's number as written):
    // its value is taken from the event, which read it already.
    const idSlot = this.eventIdSlot;
    if (idSlot >= 0 && event.eventIdField) {
      ctx.raw[idSlot] = event.eventIdField();
      ctx.rawGen[idSlot] = gen;
    }
    // The prefilter first, on values located in place where the event can (no field is read, no
    // string made for values that match nothing); fields are read only if some rule is to be tested.
    const scanners = b.scanners;
    if (scanners.length > 0) {
      const done = b.scanDone;
      if (event.scanFields) event.scanFields(b.scanNames, b.scanVisitors, done);
      else done.fill(0);
      for (let k = 0; k < scanners.length; k++) {
        if (done[k] === 1) continue;
        const sc = scanners[k]!;
        visitText(ctx.text(sc.slot), sc.visit);
      }
    }
    const kw = b.keywords;
    if (kw !== null && !(kw.textOnly && event.stringValues && event.stringValues(kw.visit))) {
      const texts = ctx.keywordTexts(false);
      for (let k = 0; k < texts.length; k++) kw.visit.text(texts[k]!);
    }
    const variants = b.variants;
    const always = b.always;
    const mark = b.mark;
    const cand = b.cand;
    let k = 0;
    for (let i = 0; i < variants.length; i++) if (always[i] === 1 || mark[i] === gen) cand[k++] = i;
    if (k === 0) return 0;
    // Sources that can read a field alone leave it to the tests (Ctx.value); others read up front.
    if (b.readGen !== gen && !event.readField) this.readCandidates(b, event, k);
    let hits = 0;
    let last: CompiledRule | undefined;
    for (let j = 0; j < k; j++) {
      const v = variants[cand[j]!]!;
      if (v.rule === last || !v.eval(ctx)) continue;
      last = v.rule;
      hits++;
      if (!out && !onHit) continue;
      const fields = this.hitFields(v, b, event);
      const m = v.rule.meta;
      const hit: SigmaHit = {
        ruleId: m.id,
        title: m.title,
        level: m.level,
        status: m.status,
        author: m.author,
        source: m.source,
        channel: event.channel,
        eventId: event.eventId,
        recordId: event.recordId,
        time: event.time,
        computer: event.computer,
        fields,
      };
      out?.push(hit);
      onHit?.(hit, v.rule);
    }
    return hits;
  }
}
