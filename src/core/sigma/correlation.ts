import { type RuleMeta, ruleMeta } from './compile';
import type { SigmaHit } from './engine';
import { SigmaCompileError } from './modifiers';
import type { RawRule } from './yaml-load';

/**
 * Sigma correlation rules, the second step: they count the hits of other rules (by id or name)
 * per group-by values within a timespan.
 * - event_count: number of hits; value_count: number of distinct values of `condition.field`;
 * - temporal: every referenced rule fired within the timespan (any order); temporal_ordered: in order.
 */
export type CorrelationType = 'event_count' | 'value_count' | 'temporal' | 'temporal_ordered';

export interface CorrelationRule {
  meta: RuleMeta;
  type: CorrelationType;
  /** Referenced rules as written (ids or names). */
  rules: string[];
  groupBy: string[];
  /** Per group-by alias, the field of each referenced rule (by id or name) that holds it. */
  aliases: Record<string, Record<string, string>>;
  timespanMs: number;
  condition: { op: 'gt' | 'gte' | 'lt' | 'lte' | 'eq'; n: number; field?: string }[];
  /** Whether the referenced rules' own hits are reported too. */
  generate: boolean;
}

export interface CorrelationHit {
  ruleId: string;
  title: string;
  level: string;
  status: string;
  author: string;
  source: string;
  type: CorrelationType;
  /** The group-by values of the group that fired. */
  group: Record<string, string>;
  first: string;
  last: string;
  /** Events counted (event_count), distinct values (value_count), or rules seen (temporal). */
  value: number;
  hits: SigmaHit[];
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, M: 2_592_000_000, y: 31_536_000_000 };

export function parseTimespan(s: unknown): number {
  const m = /^\s*(\d+)\s*([smhdwMy])\s*$/.exec(String(s ?? ''));
  if (!m) throw new SigmaCompileError(`correlation timespan "${String(s)}" is not a number and a unit (s, m, h, d, w, M, y)`);
  return Number(m[1]) * UNITS[m[2]!]!;
}

const OPS = new Set(['gt', 'gte', 'lt', 'lte', 'eq']);
const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function isCorrelationDoc(doc: RawRule): boolean {
  return isMap(doc['correlation']);
}

export function compileCorrelation(doc: RawRule, source: string): CorrelationRule {
  const meta = ruleMeta(doc, source);
  const c = doc['correlation'] as Record<string, unknown>;
  const type = String(c['type']);
  if (type !== 'event_count' && type !== 'value_count' && type !== 'temporal' && type !== 'temporal_ordered') {
    throw new SigmaCompileError(`correlation type "${type}" is not event_count, value_count, temporal or temporal_ordered`);
  }
  const rules = (Array.isArray(c['rules']) ? c['rules'] : c['rules'] === undefined ? [] : [c['rules']]).map(String);
  if (rules.length === 0) throw new SigmaCompileError('correlation names no rules');
  const gb = c['group-by'];
  const groupBy = (Array.isArray(gb) ? gb : gb === undefined ? [] : [gb]).map(String);
  const aliases: CorrelationRule['aliases'] = {};
  if (isMap(c['aliases'])) for (const [alias, m] of Object.entries(c['aliases'])) if (isMap(m)) aliases[alias] = Object.fromEntries(Object.entries(m).map(([k, v]) => [k, String(v)]));
  const timespanMs = parseTimespan(c['timespan'] ?? c['timeframe']);
  const condition: CorrelationRule['condition'] = [];
  const cond = c['condition'];
  if (isMap(cond)) {
    for (const [k, v] of Object.entries(cond)) {
      if (k === 'field') continue;
      if (!OPS.has(k) || typeof v !== 'number') throw new SigmaCompileError(`correlation condition ${k}: ${String(v)} is not gt/gte/lt/lte/eq with a number`);
      condition.push({ op: k as CorrelationRule['condition'][number]['op'], n: v, field: cond['field'] === undefined ? undefined : String(cond['field']) });
    }
  }
  if (type === 'value_count' && !condition[0]?.field) throw new SigmaCompileError('value_count correlation needs condition.field');
  if ((type === 'event_count' || type === 'value_count') && condition.length === 0) throw new SigmaCompileError(`${type} correlation needs a condition`);
  return { meta, type, rules, groupBy, aliases, timespanMs, condition, generate: c['generate'] === true || doc['generate'] === true };
}

/** Fields the hits of a referenced rule must carry for this correlation (group-by, value field). */
export function fieldsNeeded(c: CorrelationRule, ruleRef: string): string[] {
  const out = c.groupBy.map((g) => c.aliases[g]?.[ruleRef] ?? g);
  const f = c.condition[0]?.field;
  if (c.type === 'value_count' && f) out.push(c.aliases[f]?.[ruleRef] ?? f);
  return out;
}

function holds(cond: CorrelationRule['condition'], x: number): boolean {
  return cond.every(({ op, n }) => (op === 'gt' ? x > n : op === 'gte' ? x >= n : op === 'lt' ? x < n : op === 'lte' ? x <= n : x === n));
}

/**
 * Runs correlation rules over base rule hits (any order). `refOf` tells, for a hit, which names
 * it answers to (its rule id and, when it has one, its name).
 */
export function correlate(correlations: readonly CorrelationRule[], hits: readonly SigmaHit[], names: ReadonlyMap<string, string> = new Map()): CorrelationHit[] {
  const out: CorrelationHit[] = [];
  for (const c of correlations) {
    const refs = new Set(c.rules);
    const refOfHit = (h: SigmaHit): string | undefined => (refs.has(h.ruleId) ? h.ruleId : refs.has(names.get(h.ruleId) ?? '\0') ? names.get(h.ruleId) : undefined);
    const groups = new Map<string, { t: number; hit: SigmaHit; ref: string }[]>();
    for (const h of hits) {
      const ref = refOfHit(h);
      if (ref === undefined) continue;
      const key = JSON.stringify(c.groupBy.map((g) => h.fields[c.aliases[g]?.[ref] ?? g] ?? ''));
      const t = Date.parse(h.time);
      if (Number.isNaN(t)) continue;
      let list = groups.get(key);
      if (!list) groups.set(key, (list = []));
      list.push({ t, hit: h, ref });
    }
    const valueField = c.condition[0]?.field;
    const measure = (win: { hit: SigmaHit; ref: string }[]): number => {
      if (c.type === 'event_count') return win.length;
      if (c.type === 'value_count') return new Set(win.map((w) => w.hit.fields[c.aliases[valueField!]?.[w.ref] ?? valueField!] ?? '')).size;
      if (c.type === 'temporal') return new Set(win.map((w) => w.ref)).size;
      let next = 0; // temporal_ordered: how many of the rules appear in their order
      for (const w of win) if (w.ref === c.rules[next]) next++;
      return next;
    };
    const fires = (x: number) => (c.type === 'temporal' || c.type === 'temporal_ordered' ? x >= c.rules.length : holds(c.condition, x));
    const upward = c.condition.every(({ op }) => op === 'gt' || op === 'gte' || op === 'eq') || c.type === 'temporal' || c.type === 'temporal_ordered';
    for (const [key, list] of groups) {
      list.sort((a, b) => a.t - b.t);
      const values = JSON.parse(key) as string[];
      const group = Object.fromEntries(c.groupBy.map((g, i) => [g, values[i]!]));
      const emit = (win: typeof list) => {
        const m = c.meta;
        out.push({
          ruleId: m.id, title: m.title, level: m.level, status: m.status, author: m.author, source: m.source, type: c.type, group,
          first: win[0]!.hit.time, last: win[win.length - 1]!.hit.time, value: measure(win), hits: win.map((w) => w.hit),
        });
      };
      if (upward) {
        // Sliding window ending at each hit; after a firing, counting starts again past it.
        let start = 0;
        for (let end = 0; end < list.length; end++) {
          while (list[end]!.t - list[start]!.t > c.timespanMs) start++;
          const win = list.slice(start, end + 1);
          if (fires(measure(win))) {
            emit(win);
            start = end + 1;
            if (start < list.length) end = start - 1;
            else break;
          }
        }
      } else {
        // "Fewer than": fixed windows from the group's first hit.
        let start = 0;
        while (start < list.length) {
          let end = start;
          while (end + 1 < list.length && list[end + 1]!.t - list[start]!.t <= c.timespanMs) end++;
          const win = list.slice(start, end + 1);
          if (fires(measure(win))) emit(win);
          start = end + 1;
        }
      }
    }
  }
  return out;
}
