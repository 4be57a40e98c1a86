import { type CompiledRule, type CompileOptions, compileRule } from './compile';
import { compileCorrelation, type CorrelationRule, correlate, type CorrelationHit, fieldsNeeded, isCorrelationDoc } from './correlation';
import { type EngineOptions, type SigmaHit, SigmaEngine } from './engine';
import { SigmaCompileError } from './modifiers';
import { loadRuleDocuments } from './yaml-load';

export interface RuleFile {
  /** Where the rule came from (reported with its hits, for attribution). */
  path: string;
  text: string;
}

/** A rule (or a whole file) that could not be compiled, and why. */
export interface RejectedRule {
  source: string;
  /** Document index in the file (-1: the whole file). */
  index: number;
  id?: string;
  title?: string;
  reason: string;
}

export interface RuleSet {
  rules: CompiledRule[];
  correlations: CorrelationRule[];
  rejected: RejectedRule[];
}

/** Compiles every rule document of the files; nothing is dropped silently (see `rejected`). */
export function loadRuleSet(files: Iterable<RuleFile>, opts: CompileOptions = {}): RuleSet {
  const set: RuleSet = { rules: [], correlations: [], rejected: [] };
  for (const f of files) {
    let loaded;
    try {
      loaded = loadRuleDocuments(f.text);
    } catch (e) {
      set.rejected.push({ source: f.path, index: -1, reason: `YAML: ${(e as Error).message}` });
      continue;
    }
    for (const err of loaded.errors) set.rejected.push({ source: f.path, index: err.index, reason: err.message });
    for (const { doc, index } of loaded.docs) {
      try {
        if (isCorrelationDoc(doc)) set.correlations.push(compileCorrelation(doc, f.path));
        else set.rules.push(compileRule(doc, f.path, opts));
      } catch (e) {
        if (!(e instanceof SigmaCompileError)) throw e;
        set.rejected.push({ source: f.path, index, id: doc['id'] === undefined ? undefined : String(doc['id']), title: doc['title'] === undefined ? undefined : String(doc['title']), reason: e.message });
      }
    }
  }
  // Rules a correlation consumes report their own hits only when it says `generate: true`.
  for (const c of set.correlations) {
    if (c.generate) continue;
    for (const r of set.rules) if (c.rules.includes(r.meta.id) || (r.meta.name !== undefined && c.rules.includes(r.meta.name))) r.generate = false;
  }
  return set;
}

/** An engine for a rule set, carrying in hits the fields its correlations group by. */
export function createEngine(set: RuleSet, opts: EngineOptions = {}): SigmaEngine {
  const extra = new Map<string, string[]>(opts.extraFields ? [...opts.extraFields].map(([k, v]) => [k, [...v]]) : []);
  for (const c of set.correlations) {
    for (const ref of c.rules) {
      const list = extra.get(ref) ?? [];
      for (const f of fieldsNeeded(c, ref)) if (!list.includes(f)) list.push(f);
      extra.set(ref, list);
    }
  }
  return new SigmaEngine(set.rules, { ...opts, extraFields: extra });
}

/** The correlation step over a scan's hits (base rules' hits, including hidden ones). */
export function correlateHits(set: RuleSet, hits: readonly SigmaHit[]): CorrelationHit[] {
  const names = new Map<string, string>();
  for (const r of set.rules) if (r.meta.name) names.set(r.meta.id, r.meta.name);
  return correlate(set.correlations, hits, names);
}

/** Whether a hit should be shown (its rule is not only an input to a correlation). */
export function isReported(set: RuleSet): (hit: SigmaHit) => boolean {
  const hidden = new Set(set.rules.filter((r) => !r.generate).map((r) => r.meta.id));
  return (hit) => !hidden.has(hit.ruleId);
}
