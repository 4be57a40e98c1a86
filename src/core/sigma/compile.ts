import { type ConditionNode, identifiersMatching, parseCondition } from './condition';
import { type LogSource, resolveLogSource, type SourceTarget } from './logsource';
import {
  type Cidr,
  KNOWN_MODIFIERS,
  parseCidr,
  type Placeholders,
  SigmaCompileError,
  sigmaRegExp,
  transformValue,
  type YamlScalar,
} from './modifiers';
import { AhoCorasick } from './prefilter';
import { ANY, compileParts, normalizeParts, type Part, type StringTest } from './wildcard';
import type { RawRule } from './yaml-load';

/** One value of a detection item, compiled. */
export type Predicate =
  /** String comparison; `cased` false: the test takes the lower-cased value. */
  | { k: 'str'; cased: boolean; test: StringTest; exact?: string; exacts?: readonly string[]; tests?: number;
      /** A single-text pattern's kind and text (as the test compares it), to fold many into one matcher. */
      shape?: { mode: 'contains' | 'startswith' | 'endswith'; text: string };
      /** Lower-cased texts, one of which any matching value contains (null: none is needed, e.g. `*`). */
      lits: readonly string[] | null }
  | { k: 're'; re: RegExp }
  | { k: 'null' }
  | { k: 'num'; op: 'gt' | 'gte' | 'lt' | 'lte'; n: number }
  | { k: 'cidr'; net: Cidr }
  | { k: 'ref'; field: string; mode: 'eq' | 'contains' | 'startswith' | 'endswith'; cased: boolean };

/** A detection expression: a search identifier's items combined, then the condition over them. */
export type Expr =
  /** `key` identifies the test (modifiers and values) so that rules sharing it evaluate it once per event. */
  | { k: 'field'; field: string; preds: Predicate[]; all: boolean; key: string; cost: number }
  | { k: 'exists'; field: string; want: boolean }
  | { k: 'keyword'; preds: Predicate[]; all: boolean; key: string; cost: number }
  | { k: 'and'; items: Expr[] }
  | { k: 'or'; items: Expr[] }
  | { k: 'not'; item: Expr }
  | { k: 'const'; value: boolean };

export type SigmaLevel = 'informational' | 'low' | 'medium' | 'high' | 'critical';

export interface RuleMeta {
  id: string;
  title: string;
  level: string;
  status: string;
  author: string;
  description: string;
  tags: string[];
  references: string[];
  falsepositives: string[];
  date: string;
  /** Where the rule came from (path of its file), for attribution. */
  source: string;
  /** Name of the rule (`name:`), used by correlation rules. */
  name?: string;
}

export interface CompiledRule {
  meta: RuleMeta;
  logsource: LogSource;
  detection: Expr;
  /** Where it runs on Windows event logs; empty when it does not (reason in `inactive`). */
  targets: SourceTarget[];
  /** Why the rule compiled but does not run (another product, unfilled placeholders…). */
  inactive?: string;
  /** Placeholders its `|expand` values named that no value was given for. */
  unresolvedPlaceholders: string[];
  /** False when a correlation rule consumes it without `generate: true` (its own hits are hidden). */
  generate: boolean;
}

export interface CompileOptions {
  /** Values for `|expand` placeholders: `{ Workstations: ['WS-*'] }`. */
  placeholders?: Placeholders;
}

const asString = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(asString) : v === undefined || v === null ? [] : [asString(v)]);

export function ruleMeta(doc: RawRule, source: string): RuleMeta {
  return {
    id: asString(doc['id']),
    title: asString(doc['title']),
    level: asString(doc['level']) || 'medium',
    status: asString(doc['status']),
    author: asString(doc['author']),
    description: asString(doc['description']),
    tags: asList(doc['tags']),
    references: asList(doc['references']),
    falsepositives: asList(doc['falsepositives']),
    date: asString(doc['date']),
    source,
    name: doc['name'] === undefined ? undefined : asString(doc['name']),
  };
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);

function scalar(v: unknown, where: string): YamlScalar {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Date) return v.toISOString();
  throw new SigmaCompileError(`${where}: a value must be a string, number, boolean or null, not ${Array.isArray(v) ? 'a list' : typeof v}`);
}

/** Folds string predicates of one casing into one test: a Set for exact values, then the others. */
function foldStrings(preds: Predicate[]): Predicate[] {
  const out: Predicate[] = [];
  for (const cased of [false, true]) {
    const strs = preds.filter((p): p is Extract<Predicate, { k: 'str' }> => p.k === 'str' && p.cased === cased);
    if (strs.length <= 1) {
      out.push(...strs);
      continue;
    }
    const exact = new Set<string>();
    const tests: StringTest[] = [];
    const shaped = strs.filter((p) => p.exact === undefined && p.shape);
    const many = shaped.length >= MATCHER_MIN;
    for (const p of strs) if (p.exact !== undefined) exact.add(p.exact);
      else if (!many || !p.shape) tests.push(p.test);
    if (many) tests.unshift(textsMatcher(shaped.map((p) => p.shape!)));
    const n = tests.length;
    const lits = strs.some((p) => p.lits === null) ? null : [...new Set(strs.flatMap((p) => p.lits!))];
    let test: StringTest;
    if (n === 0) {
      out.push({ k: 'str', cased, test: (s) => exact.has(s), exacts: [...exact], lits });
      continue;
    }
    const tcount = strs.reduce((a, p) => a + (p.exact !== undefined ? 0 : p.tests ?? 1), 0);
    if (exact.size === 0)
      test = (s) => {
        for (let i = 0; i < n; i++) if (tests[i]!(s)) return true;
        return false;
      };
    else
      test = (s) => {
        if (exact.has(s)) return true;
        for (let i = 0; i < n; i++) if (tests[i]!(s)) return true;
        return false;
      };
    out.push({ k: 'str', cased, test, tests: tcount, lits });
  }
  out.push(...preds.filter((p) => p.k !== 'str'));
  return out;
}

/** From this many contains/startswith/endswith texts on, one automaton tests them all at once. */
const MATCHER_MIN = 6;

/** One test for many texts: whether the value contains, starts or ends with one of them (one pass over it). */
function textsMatcher(shapes: { mode: 'contains' | 'startswith' | 'endswith'; text: string }[]): StringTest {
  // Built on first use: most rules never see an event their prefilter lets through.
  let ac: AhoCorasick | undefined;
  const modes = shapes.map((x) => (x.mode === 'contains' ? 0 : x.mode === 'startswith' ? 1 : 2));
  const lens = shapes.map((x) => x.text.length);
  return (s) => {
    const len = s.length;
    ac ??= new AhoCorasick(shapes.map((x) => x.text));
    return ac.some(s, (id, end) => {
      const m = modes[id]!;
      return m === 0 || (m === 1 ? end === lens[id] : end === len);
    });
  };
}

/** The single-text shape of a pattern's parts (already lower-cased when the test is), if it has one. */
function shapeOf(parts: readonly Part[]): { mode: 'contains' | 'startswith' | 'endswith'; text: string } | undefined {
  const ps = normalizeParts(parts);
  if (ps.length === 3 && ps[0] === ANY && typeof ps[1] === 'string' && ps[2] === ANY) return { mode: 'contains', text: ps[1] };
  if (ps.length === 2 && typeof ps[0] === 'string' && ps[1] === ANY) return { mode: 'startswith', text: ps[0] };
  if (ps.length === 2 && ps[0] === ANY && typeof ps[1] === 'string') return { mode: 'endswith', text: ps[1] };
  return undefined;
}

function strPredicates(value: YamlScalar, mods: string[], cased: boolean, opts: CompileOptions, unresolved: Set<string>): Predicate[] {
  const text = value === null ? '' : String(value);
  const variants = transformValue(text, mods, opts.placeholders ?? {}, unresolved);
  return variants.map((v) => {
    const lower = !cased;
    const test = compileParts(v.parts, lower);
    const plain = v.parts.every((p) => typeof p === 'string');
    const joined = v.parts.join('');
    let lit = '';
    for (const p of v.parts) if (typeof p === 'string' && p.length > lit.length) lit = p;
    const shape = plain ? undefined : shapeOf(v.parts.map((p) => (typeof p === 'string' && lower ? p.toLowerCase() : p)));
    return { k: 'str', cased, test, exact: plain ? (lower ? joined.toLowerCase() : joined) : undefined, lits: lit ? [lit.toLowerCase()] : null, ...(shape ? { shape } : {}) };
  });
}

/** Compiles one `Field|modifiers: value(s)` item. An empty field name is a keyword item. */
function compileItem(key: string, rawValue: unknown, opts: CompileOptions, unresolved: Set<string>): Expr {
  const [field = '', ...mods] = key.split('|');
  for (const m of mods) if (!KNOWN_MODIFIERS.has(m)) throw new SigmaCompileError(`unknown modifier |${m} (in "${key}")`);
  const has = (m: string) => mods.includes(m);
  const values = (Array.isArray(rawValue) ? rawValue : [rawValue]).map((v) => scalar(v, key));
  const all = has('all');
  const cased = has('cased');
  if (has('exists')) {
    const v = values[0];
    if (values.length !== 1 || typeof v !== 'boolean') throw new SigmaCompileError(`${key}: |exists needs true or false`);
    return { k: 'exists', field, want: v };
  }
  const preds: Predicate[] = [];
  const groups: Predicate[][] = [];
  for (const v of values) {
    let ps: Predicate[];
    if (has('re')) {
      if (typeof v !== 'string') throw new SigmaCompileError(`${key}: |re needs a string`);
      ps = [{ k: 're', re: sigmaRegExp(v, { i: has('i') || has('ignorecase'), m: has('m') || has('multiline'), s: has('s') || has('dotall') }) }];
    } else if (has('cidr')) {
      ps = [{ k: 'cidr', net: parseCidr(String(v)) }];
    } else if (has('gt') || has('gte') || has('lt') || has('lte')) {
      const op = (['gt', 'gte', 'lt', 'lte'] as const).find(has)!;
      const n = typeof v === 'number' ? v : Number(v);
      if (v === null || typeof v === 'boolean' || !Number.isFinite(n)) throw new SigmaCompileError(`${key}: |${op} needs a number`);
      ps = [{ k: 'num', op, n }];
    } else if (has('fieldref')) {
      if (typeof v !== 'string' || !v) throw new SigmaCompileError(`${key}: |fieldref needs a field name`);
      const mode = has('contains') ? 'contains' : has('startswith') ? 'startswith' : has('endswith') ? 'endswith' : 'eq';
      ps = [{ k: 'ref', field: v, mode, cased }];
    } else if (v === null) {
      ps = [{ k: 'null' }];
    } else {
      if (field === '' && !has('contains') && !has('startswith') && !has('endswith')) {
        // A keyword: found anywhere in a value.
        ps = strPredicates(v, [...mods, 'contains'], cased, opts, unresolved);
      } else ps = strPredicates(v, mods, cased, opts, unresolved);
    }
    if (all) groups.push(foldStrings(ps));
    else preds.push(...ps);
  }
  const leaf = (ps: Predicate[], vals: YamlScalar[]): Expr => {
    const key = `${mods.filter((m) => m !== 'all').join('|')}\u0001${JSON.stringify(vals)}`;
    const cost = predicatesCost(ps) * (field === '' ? 20 : 1);
    return field === '' ? { k: 'keyword', preds: ps, all: false, key, cost } : { k: 'field', field, preds: ps, all: false, key, cost };
  };
  if (all && groups.length > 1) return { k: 'and', items: groups.map((g, i) => leaf(g, [values[i]!])) };
  return leaf(all ? groups[0] ?? [] : foldStrings(preds), values);
}

/** A rough cost of testing predicates (relative units), used to test cheap conditions first. */
function predicatesCost(ps: Predicate[]): number {
  let c = 0;
  for (const p of ps) c += p.k === 'str' ? (p.exact !== undefined || p.exacts ? 1 : 1 + (p.tests ?? 1)) : p.k === 're' ? 8 : p.k === 'null' ? 0.5 : 3;
  return c;
}

function compileMap(map: Record<string, unknown>, opts: CompileOptions, unresolved: Set<string>): Expr {
  const items = Object.entries(map).map(([k, v]) => compileItem(k, v, opts, unresolved));
  return items.length === 1 ? items[0]! : { k: 'and', items };
}

/** A search identifier's definition: a map (AND), a list of maps (OR) or a list of keywords (OR). */
export function compileSearch(name: string, def: unknown, opts: CompileOptions = {}, unresolved = new Set<string>()): Expr {
  if (isMap(def)) return compileMap(def, opts, unresolved);
  if (Array.isArray(def)) {
    if (def.length === 0) throw new SigmaCompileError(`search identifier ${name} is an empty list`);
    const keywords = def.filter((d) => !isMap(d) && !Array.isArray(d));
    const maps = def.filter(isMap);
    if (keywords.length + maps.length !== def.length) throw new SigmaCompileError(`search identifier ${name}: nested lists are not Sigma`);
    const items: Expr[] = maps.map((m) => compileMap(m, opts, unresolved));
    if (keywords.length) items.push(compileItem('', keywords, opts, unresolved));
    return items.length === 1 ? items[0]! : { k: 'or', items };
  }
  if (typeof def === 'string' || typeof def === 'number') return compileItem('', def, opts, unresolved);
  throw new SigmaCompileError(`search identifier ${name} must be a map or a list`);
}

function resolveCondition(node: ConditionNode, searches: Map<string, Expr>, names: string[], text: string): Expr {
  switch (node.k) {
    case 'id': {
      const e = searches.get(node.name);
      if (!e) throw new SigmaCompileError(`condition "${text}": unknown search identifier ${node.name}`);
      return e;
    }
    case 'and':
    case 'or':
      return { k: node.k, items: node.items.map((i) => resolveCondition(i, searches, names, text)) };
    case 'not':
      return { k: 'not', item: resolveCondition(node.item, searches, names, text) };
    case 'of': {
      const matched = identifiersMatching(node.pattern, names);
      if (matched.length === 0) throw new SigmaCompileError(`condition "${text}": "${node.pattern}" names no search identifier`);
      const items = matched.map((n) => searches.get(n)!);
      if (node.count === 'all') return items.length === 1 ? items[0]! : { k: 'and', items };
      if (node.count === 1) return items.length === 1 ? items[0]! : { k: 'or', items };
      // "N of": at least N, as an OR over the combinations would explode; refuse beyond small N.
      if (node.count > items.length) return { k: 'const', value: false };
      return atLeast(items, node.count);
    }
  }
}

function atLeast(items: Expr[], n: number): Expr {
  if (n === 0) return { k: 'const', value: true };
  if (items.length < n) return { k: 'const', value: false };
  if (n === items.length) return { k: 'and', items };
  const [first, ...rest] = items as [Expr, ...Expr[]];
  return { k: 'or', items: [{ k: 'and', items: [first, atLeast(rest, n - 1)] }, atLeast(rest, n)] };
}

/** Compiles a rule document's detection. Throws SigmaCompileError with the reason. */
export function compileDetection(detection: unknown, opts: CompileOptions = {}, unresolved = new Set<string>()): Expr {
  if (!isMap(detection)) throw new SigmaCompileError('detection must be a map');
  const cond = detection['condition'];
  if (cond === undefined) throw new SigmaCompileError('detection has no condition');
  const conditions = Array.isArray(cond) ? cond : [cond];
  if (conditions.length === 0 || conditions.some((c) => typeof c !== 'string' || !c.trim())) throw new SigmaCompileError('condition must be a non-empty string');
  const searches = new Map<string, Expr>();
  const names: string[] = [];
  for (const [name, def] of Object.entries(detection)) {
    if (name === 'condition' || name === 'timeframe') continue;
    names.push(name);
    try {
      searches.set(name, compileSearch(name, def, opts, unresolved));
    } catch (e) {
      if (e instanceof SigmaCompileError) throw new SigmaCompileError(`${name}: ${e.message}`);
      throw e;
    }
  }
  const exprs = (conditions as string[]).map((c) => resolveCondition(parseCondition(c), searches, names, c));
  return exprs.length === 1 ? exprs[0]! : { k: 'or', items: exprs };
}

/** Compiles one rule document (not a correlation). Throws SigmaCompileError with the reason. */
export function compileRule(doc: RawRule, source: string, opts: CompileOptions = {}): CompiledRule {
  const meta = ruleMeta(doc, source);
  if (!meta.title) throw new SigmaCompileError('rule has no title');
  const ls = doc['logsource'];
  if (!isMap(ls)) throw new SigmaCompileError('rule has no logsource');
  const logsource: LogSource = {
    product: ls['product'] === undefined ? undefined : String(ls['product']),
    category: ls['category'] === undefined ? undefined : String(ls['category']),
    service: ls['service'] === undefined ? undefined : String(ls['service']),
  };
  const unresolved = new Set<string>();
  const detection = compileDetection(doc['detection'], opts, unresolved);
  const { targets, reason } = resolveLogSource(logsource);
  const rule: CompiledRule = { meta, logsource, detection, targets, unresolvedPlaceholders: [...unresolved], generate: true };
  if (unresolved.size) rule.inactive = `placeholders not filled: ${[...unresolved].map((p) => `%${p}%`).join(', ')}`;
  else if (reason) rule.inactive = reason;
  return rule;
}

/** Field names an expression reads (rule-side names), in first-use order. */
export function exprFields(e: Expr, out: Set<string> = new Set()): Set<string> {
  switch (e.k) {
    case 'field':
      out.add(e.field);
      for (const p of e.preds) if (p.k === 'ref') out.add(p.field);
      break;
    case 'exists':
      out.add(e.field);
      break;
    case 'and':
    case 'or':
      for (const i of e.items) exprFields(i, out);
      break;
    case 'not':
      exprFields(e.item, out);
      break;
    default:
      break;
  }
  return out;
}

export function usesKeywords(e: Expr): boolean {
  switch (e.k) {
    case 'keyword':
      return true;
    case 'and':
    case 'or':
      return e.items.some(usesKeywords);
    case 'not':
      return usesKeywords(e.item);
    default:
      return false;
  }
}
