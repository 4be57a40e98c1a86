import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CORPUS, corpusFiles, evtxFilesUnder, hasCorpus, NO_CORPUS } from '../evtx/testing/corpus';
import { readAll } from '../evtx/testing/read-all';
import { createEngine, EvtxEventReader, loadRuleSet, type RuleFile, type RuleSet, type SigmaEngine, type SigmaHit } from '.';

// SigmaHQ's rules and regression logs, read in place from the shared corpus (never copied: the
// rules are under the DRL, which asks for attribution). All rules are compiled once for the file.
const RULE_DIRS = ['sigmahq/rules', 'sigmahq/rules-emerging-threats', 'sigmahq/rules-threat-hunting', 'sigmahq/rules-placeholder'];

let files: RuleFile[] = [];
let set: RuleSet;
let engine: SigmaEngine;

beforeAll(() => {
  if (!hasCorpus) return;
  files = RULE_DIRS.flatMap((d) => corpusFiles(d, '.yml')).map((p) => ({ path: p, text: readFileSync(join(CORPUS, p), 'utf8') }));
  const t = performance.now();
  set = loadRuleSet(files);
  engine = createEngine(set);
  console.log(`SigmaHQ: ${files.length} files compiled and indexed in ${Math.round(performance.now() - t)} ms`);
});

describe.skipIf(!hasCorpus)('SigmaHQ rules', () => {
  it('compile (at least 99 %), rejects listed with their reasons', () => {
    const docs = set.rules.length + set.correlations.length + set.rejected.length;
    const compiled = set.rules.length + set.correlations.length;
    console.log(`compiled ${compiled}/${docs} rule documents (${((100 * compiled) / docs).toFixed(2)} %), ${set.rejected.length} rejected`);
    for (const r of set.rejected) console.log(`  rejected ${r.source}${r.title ? ` (${r.title})` : ''}: ${r.reason}`);
    const reasons = new Map<string, number>();
    for (const { reason } of engine.inactive) {
      const kind = reason.startsWith('placeholders') ? 'placeholders not filled' : reason.replace(/^(product|category|service) \S+/, '$1 …');
      reasons.set(kind, (reasons.get(kind) ?? 0) + 1);
    }
    console.log(`running on Windows event logs: ${set.rules.length - engine.inactive.length} rules (${engine.variantCount} channel/event targets, ${engine.leafCount} distinct field tests); not running: ${engine.inactive.length}`);
    for (const [k, n] of [...reasons].sort((a, b) => b[1] - a[1])) console.log(`  ${n} × ${k}`);
    expect(files.length).toBeGreaterThan(3000);
    expect(compiled / docs).toBeGreaterThanOrEqual(0.99);
    // Every Windows rule that compiles runs, unless it waits for placeholders or names a category no event log records.
    const windowsInactive = engine.inactive.filter((i) => i.rule.logsource.product === 'windows' && !/placeholders|file_access|file_rename/.test(i.reason));
    expect(windowsInactive.map((i) => `${i.rule.meta.source}: ${i.reason}`)).toEqual([]);
  });

  it('rules-placeholder compile with |expand and run once their placeholders are filled', () => {
    const ph = files.filter((f) => f.path.startsWith('sigmahq/rules-placeholder/'));
    const names = new Set(loadRuleSet(ph).rules.flatMap((r) => r.unresolvedPlaceholders));
    const filled = loadRuleSet(ph, { placeholders: Object.fromEntries([...names].map((n) => [n, [`filled-${n}`]])) });
    console.log(`rules-placeholder: ${ph.length} files, placeholders ${[...names].map((n) => `%${n}%`).join(' ')}`);
    expect(ph.length).toBeGreaterThan(0);
    expect(filled.rejected).toEqual([]);
    expect(filled.rules.filter((r) => r.unresolvedPlaceholders.length > 0)).toEqual([]);
    const running = createEngine(filled);
    expect(running.inactive.filter((i) => i.rule.logsource.product === 'windows').map((i) => i.reason)).toEqual([]);
  });
});

interface RegressionCase {
  folder: string;
  evtx: string;
  ruleIds: { id: string; title: string }[];
  matchCount?: number;
}

function regressionCases(): RegressionCase[] {
  const out: RegressionCase[] = [];
  for (const info of corpusFiles('sigma-regression', 'info.yml')) {
    const y = parse(readFileSync(join(CORPUS, info), 'utf8')) as {
      rule_metadata?: { id: string; title: string }[];
      regression_tests_info?: { type: string; path: string; match_count?: number }[];
    };
    for (const t of y.regression_tests_info ?? []) {
      if (t.type !== 'evtx') continue;
      out.push({
        folder: info.replace(/\/info\.yml$/, ''),
        evtx: join(CORPUS, String(t.path).replace(/^regression_data\//, 'sigma-regression/')),
        ruleIds: (y.rule_metadata ?? []).map((m) => ({ id: String(m.id), title: String(m.title) })),
        matchCount: t.match_count,
      });
    }
  }
  return out;
}

describe.skipIf(!hasCorpus)('SigmaHQ regression data', () => {
  it('each test folder\'s rule fires on its log (at least match_count times), with every rule loaded: at least 98 %', async () => {
    const cases = regressionCases();
    const reader = new EvtxEventReader();
    const t = performance.now();
    let pass = 0;
    let total = 0;
    const failures: string[] = [];
    for (const c of cases) {
      for (const rule of c.ruleIds) {
        total++;
        const want = c.matchCount ?? 1;
        const why = (reason: string) => failures.push(`${c.folder}: ${rule.title} (${rule.id}): ${reason}`);
        if (!existsSync(c.evtx)) {
          why(`log ${c.evtx} missing`);
          continue;
        }
        const compiled = set.rules.find((r) => r.meta.id === rule.id);
        if (!compiled) {
          const rej = set.rejected.find((r) => r.id === rule.id);
          why(rej ? `rule rejected: ${rej.reason}` : 'rule not in the rule folders');
          continue;
        }
        if (compiled.inactive) {
          why(`rule does not run: ${compiled.inactive}`);
          continue;
        }
        const hits: SigmaHit[] = [];
        const { items } = await readAll(c.evtx, (r) => engine.match(reader.event(r), hits));
        const n = hits.filter((h) => h.ruleId === rule.id).length;
        if (n >= want) pass++;
        else {
          const seen = [...new Set(items.length ? hits.map((h) => h.title) : [])];
          why(`fired ${n} times, expected at least ${want}, on ${items.length} records (other rules that fired: ${seen.join('; ') || 'none'})`);
        }
      }
    }
    console.log(`regression: ${pass}/${total} passed (${((100 * pass) / total).toFixed(1)} %) in ${Math.round(performance.now() - t)} ms`);
    for (const f of failures) console.log(`  FAIL ${f}`);
    expect(total).toBeGreaterThan(100);
    expect(pass / total).toBeGreaterThanOrEqual(0.98);
  });
});

describe.skipIf(!hasCorpus)('false positives on EVTX-ATTACK-SAMPLES', () => {
  it('counts hits per rule over every attack sample', async () => {
    const reader = new EvtxEventReader();
    const counts = new Map<string, { title: string; level: string; n: number; files: Set<string> }>();
    let events = 0;
    let hits = 0;
    const t = performance.now();
    const logs = evtxFilesUnder(join(CORPUS, 'attack-samples'));
    for (const f of logs) {
      const name = f.slice(join(CORPUS, 'attack-samples').length + 1);
      await readAll(f, (r) => {
        events++;
        hits += engine.match(reader.event(r), undefined, (h) => {
          const c = counts.get(h.ruleId) ?? { title: h.title, level: h.level, n: 0, files: new Set<string>() };
          c.n++;
          c.files.add(name);
          counts.set(h.ruleId, c);
        });
      });
    }
    const ms = performance.now() - t;
    console.log(`attack-samples: ${logs.length} logs, ${events} events, ${hits} hits from ${counts.size} rules, ${Math.round(ms)} ms (parse and match)`);
    const byLevel = new Map<string, number>();
    for (const c of counts.values()) byLevel.set(c.level, (byLevel.get(c.level) ?? 0) + c.n);
    console.log(`  hits by level: ${[...byLevel].map(([l, n]) => `${l} ${n}`).join(', ')}`);
    console.log('  hits per rule (most first):');
    for (const [id, c] of [...counts].sort((a, b) => b[1].n - a[1].n)) console.log(`  ${String(c.n).padStart(5)}  ${c.level.padEnd(13)} ${c.title} (${id}) in ${c.files.size} logs`);
    expect(logs.length).toBeGreaterThan(150);
    expect(events).toBeGreaterThan(4000);
    // These are attack recordings: most files should raise something, and no single rule should flood them.
    expect(counts.size).toBeGreaterThan(100);
    const top = Math.max(...[...counts.values()].map((c) => c.n));
    expect(top).toBeLessThan(events / 10);
  });
});

if (!hasCorpus) console.warn(NO_CORPUS);
