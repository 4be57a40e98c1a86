import { describe, expect, it } from 'vitest';
import { memorySource } from '../evtx';
import { writeToMemory } from '../evtx/writer';
import { createScenario } from '../generator';
import { CaseAccumulator } from './accumulator';
import { importSources } from './import';
import { NotACaseError, restore, snapshot } from './snapshot';

const options = { seed: 3, users: 30, workstations: 20, servers: 3, domainControllers: 1, days: 2, start: '2024-02-05', attacks: ['dcsync', 'dcshadow', 'new-domain-admin', 'audit-policy-change'] as const };

async function halves() {
  const events = [...createScenario({ ...options, attacks: [...options.attacks] }).events()];
  const mid = Math.floor(events.length / 2);
  return [memorySource(await writeToMemory(events.slice(0, mid)), 'first.evtx'), memorySource(await writeToMemory(events.slice(mid)), 'second.evtx')];
}

const fresh = () => new CaseAccumulator({ tzHours: 0, from: null, to: null });
const stable = (acc: CaseAccumulator) => ({ ...snapshot(acc), sources: acc.sources.map((s) => ({ ...s, importedAt: 0 })) });

describe('case snapshots and adding to a case', () => {
  it('import, store, restore, add more = one import of everything', { timeout: 120_000 }, async () => {
    const [a, b] = await halves();
    const once = fresh();
    await importSources(once, [a!, b!], { now: () => 0 });

    const first = fresh();
    await importSources(first, [a!], { now: () => 0 });
    const stored = structuredClone(snapshot(first)); // what IndexedDB would give back
    const continued = restore(stored);
    await importSources(continued, [b!], { now: () => 0 });

    expect(once.logonCount).toBeGreaterThan(1000);
    expect(once.dcsync.length + once.dcshadow.length + once.policies.length + once.accounts.length).toBeGreaterThan(0);
    expect(stable(continued)).toEqual(stable(once));
  });

  it('importing the same file again adds nothing and counts every record as a duplicate', { timeout: 120_000 }, async () => {
    const [a] = await halves();
    const acc = fresh();
    const r1 = await importSources(acc, [a!]);
    const before = stable(acc);
    const r2 = await importSources(acc, [a!]);
    expect(r2.accepted).toBe(0);
    expect(r2.duplicates).toBe(r1.accepted);
    const after = stable(acc);
    expect(after.columns).toEqual(before.columns);
    expect(after.sources).toHaveLength(2);
    expect(after.sources[1]).toMatchObject({ accepted: 0, duplicates: r1.accepted });
  });

  it('refuses data that is no case', () => {
    expect(() => restore({} as never)).toThrow(NotACaseError);
    const s = snapshot(fresh());
    expect(() => restore({ ...s, version: 2 as never })).toThrow(/newer version/);
    expect(() => restore({ ...s, columns: { ...s.columns, user: new Uint32Array(3) } })).toThrow(/differ in length/);
  });
});

describe('a model learnt from the case', () => {
  it('is kept with the case, survives storage, and is what the analysis decodes with', { timeout: 300_000 }, async () => {
    const { analyze } = await import('./analysis');
    const { learnCaseHmm } = await import('./learn-hmm');
    const { LOGONTRACER_HMM } = await import('../analytics/hmm-model');
    const before = structuredClone(LOGONTRACER_HMM);
    const [a] = await halves();
    const acc = fresh();
    await importSources(acc, [a!]);
    const shipped = analyze(acc).hmmFlag;
    const learnt = learnCaseHmm(acc, { nIter: 50, seed: 1 });
    expect(learnt).not.toBeNull();
    expect(learnt!.logLikelihoods.at(-1)!).toBeGreaterThan(learnt!.logLikelihoods[0]!);
    expect(acc.hmmModel).not.toEqual(LOGONTRACER_HMM);
    expect(LOGONTRACER_HMM).toEqual(before); // the shipped model is never changed

    const back = restore(structuredClone(snapshot(acc)));
    expect(back.hmmModel).toEqual(acc.hmmModel);
    const withLearnt = analyze(back).hmmFlag;
    expect(withLearnt).toEqual(analyze(acc).hmmFlag);
    console.log(`HMM flags: shipped model ${shipped.reduce((n, f) => n + f, 0)}/${shipped.length} accounts, learnt ${withLearnt.reduce((n, f) => n + f, 0)}/${withLearnt.length} (${learnt!.iterations} EM steps)`);
  });
});
