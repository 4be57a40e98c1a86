import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { generatedLog } from '../src/core/case/generated-case';
import { CORPUS, hasCorpus } from '../src/core/evtx/testing/corpus';
import type { RuleFile } from '../src/core/sigma';
import type { CaseSigmaResult, RulePackFiles, RulePackMeta } from '../src/core/store/rules-db';
import { createSigmaApi, type RuleStoreLike, rulesFromZip } from './sigma-api';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

function bundled(): RuleFile[] {
  const out: RuleFile[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.yml')) out.push({ path: relative(ROOT, p), text: readFileSync(p, 'utf8') });
    }
  };
  walk(join(ROOT, 'sigma'));
  return out;
}

function memoryStore(): RuleStoreLike & { results: Map<string, CaseSigmaResult> } {
  const packs = new Map<string, RulePackMeta>();
  const files = new Map<string, RulePackFiles>();
  const results = new Map<string, CaseSigmaResult>();
  let n = 0;
  return {
    results,
    packs: async () => [...packs.values()],
    addPack: async (meta, f) => {
      const row = { ...meta, id: `p${++n}`, importedAt: n };
      packs.set(row.id, row);
      files.set(row.id, { id: row.id, files: f });
      return row;
    },
    packFiles: async (id) => files.get(id)!.files,
    removePack: async (id) => {
      packs.delete(id);
      files.delete(id);
    },
    result: async (id) => results.get(id) ?? null,
    putResult: async (r) => void results.set(r.caseId, r),
    removeResult: async (id) => void results.delete(id),
  };
}

describe('Sigma in the case worker', () => {
  it('imports a zip rule pack, counting loaded, refused and inactive rules with reasons', async () => {
    const store = memoryStore();
    const { api } = createSigmaApi({ rules: store, bundled, bundledId: 'logonlens', bundledName: 'LogonLens rules' });
    const good = readFileSync(join(ROOT, 'sigma/windows/security/log_cleared.yml'), 'utf8').replace('11ffb40e-234b-4ce5-b50d-f250be9112c5', '6a4c934a-d477-4f67-a6fc-bff8be6de0eb');
    const zip = zipSync({
      'pack/rules/windows/a.yml': strToU8(good),
      'pack/rules/linux/b.yml': strToU8('title: l\nid: 1\nlogsource:\n  product: linux\ndetection:\n  s:\n    a: 1\n  condition: s\n'),
      'pack/rules/bad.yml': strToU8('title: bad\ndetection:\n  condition: nothing\n'),
      'pack/README.md': strToU8('# not a rule'),
      '__MACOSX/pack/._a.yml': strToU8('junk'),
    });
    expect(rulesFromZip(zip).map((f) => f.path)).toEqual(['pack/rules/bad.yml', 'pack/rules/linux/b.yml', 'pack/rules/windows/a.yml']);
    const info = await api.importRulePackZip(new Blob([zip as BlobPart]), 'pack.zip');
    expect(info).toMatchObject({ name: 'pack', files: 3, rules: 2, rejected: 1, inactive: 1 });
    expect(info.problems.map((p) => p.source).sort()).toEqual(['pack/rules/bad.yml', 'pack/rules/linux/b.yml']);
    const sets = await api.sigmaRuleSets();
    expect(sets.map((s) => s.name)).toEqual(['LogonLens rules', 'pack']);
    expect(sets[0]).toMatchObject({ kind: 'bundled', rejected: 0, inactive: 0 });
    await api.deleteRulePack(info.id);
    expect((await api.sigmaRuleSets()).length).toBe(1);
    await expect(api.importRulePackFiles([{ path: 'x.txt', text: '' }], 'empty')).rejects.toThrow(/no .yml rule files/);
  });

  it('scans files with the chosen sets and stores the hits with the case; a rescan replaces them', async () => {
    const store = memoryStore();
    const { api, scanAndStore } = createSigmaApi({ rules: store, bundled, bundledId: 'logonlens', bundledName: 'LogonLens rules' });
    const { source } = await generatedLog({ seed: 3, users: 30, workstations: 20, servers: 4, domainControllers: 1, days: 2, start: '2024-05-06', attacks: ['dcsync', 'brute-force'] });
    const phases = new Set<string>();
    const out = await scanAndStore('case1', [source], { ruleSetIds: ['logonlens'] }, (p) => phases.add(p.phase), new AbortController().signal);
    expect(out.status).toBe('done');
    expect([...phases]).toEqual(['rules', 'scanning', 'saving']);
    const r = (await api.sigmaResult('case1'))!;
    expect(r.ruleSets).toEqual([{ id: 'logonlens', name: 'LogonLens rules' }]);
    expect(r.hits.some((h) => h.title.startsWith('DCSync') && h.author === 'LogonLens' && h.source.startsWith('sigma/') && h.file === 'generated.evtx' && h.raw?.includes('"EventID":4662'))).toBe(true);
    expect(r.correlations.some((c) => c.title.startsWith('Brute Force') && c.group['TargetUserName'])).toBe(true);
    // Level high and above: the brute force correlation (medium) is not run.
    const again = await scanAndStore('case1', [source], { ruleSetIds: ['logonlens'], minLevel: 'high' }, () => {}, new AbortController().signal);
    expect(again.status).toBe('done');
    const r2 = (await api.sigmaResult('case1'))!;
    expect(r2.correlations.filter((c) => c.title.startsWith('Brute Force'))).toEqual([]);
    expect(r2.hits.length).toBeGreaterThan(0);
    // A cancelled scan stores nothing.
    const c = new AbortController();
    c.abort();
    expect((await scanAndStore('case2', [source], { ruleSetIds: ['logonlens'] }, () => {}, c.signal)).status).toBe('cancelled');
    expect(await api.sigmaResult('case2')).toBeNull();
  });

  it.skipIf(!hasCorpus)('imports SigmaHQ as a pack (all of it) and reports what does not run', { timeout: 120_000 }, async () => {
    const store = memoryStore();
    const { api } = createSigmaApi({ rules: store, bundled, bundledId: 'logonlens', bundledName: 'LogonLens rules' });
    const files: RuleFile[] = [];
    const walk = (d: string) => {
      for (const n of readdirSync(d).sort()) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (n.endsWith('.yml')) files.push({ path: relative(join(CORPUS, 'sigmahq'), p), text: readFileSync(p, 'utf8') });
      }
    };
    walk(join(CORPUS, 'sigmahq/rules'));
    const info = await api.importRulePackFiles(files, 'sigmahq');
    console.log(`SigmaHQ rules/ as a pack: ${info.files} files, ${info.rules} rules, ${info.rejected} refused, ${info.inactive} not run`);
    expect(info.rules).toBeGreaterThan(3000);
    expect(info.problems.length).toBe(Math.min(500, info.rejected + info.inactive));
  });
});
