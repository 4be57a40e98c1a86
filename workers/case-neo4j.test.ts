import { describe, expect, it } from 'vitest';
import { CaseAccumulator } from '../src/core/case/accumulator';
import { analyze } from '../src/core/case/analysis';
import { generatedLog } from '../src/core/case/generated-case';
import { importSources } from '../src/core/case/import';
import { toLogonTracer } from '../src/core/case/logontracer';
import { type CaseSnapshot, restore, snapshot } from '../src/core/case/snapshot';
import { decodeGraph, encodeGraph } from '../src/core/neo4j/plain';
import { graphCounts } from '../src/core/neo4j/schema';
import { normalizeGraph, withoutRanks } from '../src/core/neo4j/testgraph';
import type { CaseStore } from '../src/core/store/case-store';
import type { CaseCounts, CaseMeta } from '../src/core/store/meta';
import { createCaseApi } from './case-api';

/** The two store calls these methods make, in memory (the real store runs in Chromium). */
function memoryStore(first: CaseSnapshot) {
  const rows = new Map<string, { meta: CaseMeta; snapshot: CaseSnapshot }>();
  const meta = (id: string, name: string, counts: CaseCounts | null): CaseMeta => ({ id, name, counts, createdAt: 0, updatedAt: 0, revision: 1 }) as unknown as CaseMeta;
  rows.set('c1', { meta: meta('c1', 'first', null), snapshot: first });
  const store = {
    async load(id: string) {
      return rows.get(id)!;
    },
    async insert(name: string, s: CaseSnapshot, counts: CaseCounts | null) {
      const id = `c${rows.size + 1}`;
      rows.set(id, { meta: meta(id, name, counts), snapshot: s });
      return rows.get(id)!.meta;
    },
  };
  return { rows, store: store as unknown as CaseStore };
}

describe('case worker: Neo4j sync methods', () => {
  it('logonTracerGraph gives the open case in LogonTracer schema; createCaseFromGraph stores it back as an equal case', async () => {
    const { source } = await generatedLog({ seed: 9, users: 25, workstations: 10, servers: 2, domainControllers: 1, days: 2, start: '2024-02-05', attacks: ['dcsync', 'new-domain-admin', 'log-clearing'] });
    const acc = new CaseAccumulator({ tzHours: 0, from: null, to: null });
    await importSources(acc, [source]);
    const want = toLogonTracer(acc, analyze(acc));
    const { rows, store } = memoryStore(snapshot(acc));
    const api = createCaseApi(store);
    await expect(api.logonTracerGraph()).rejects.toThrow(/No case is open/);
    await api.openCase('c1');

    const out = await api.logonTracerGraph();
    expect(out).toMatchObject({ caseId: 'c1', name: 'first', counts: graphCounts(want) });
    expect(normalizeGraph(decodeGraph(out.graph))).toEqual(normalizeGraph(want));

    const made = await api.createCaseFromGraph('from neo4j', out.graph, 'Neo4j bolt://x:7687 (neo4j)');
    expect(made.notes).toEqual([]);
    expect(made.logonEvents).toBe(acc.logonCount);
    expect(made.meta).toMatchObject({ id: 'c2', name: 'from neo4j' });
    const stored = rows.get('c2')!;
    expect(stored.meta.counts).toMatchObject({ users: want.users.length, hosts: want.hosts.length });
    const back = restore(stored.snapshot);
    expect(back.sources.map((s) => s.name)).toEqual(['Neo4j bolt://x:7687 (neo4j)']);
    // All but the ranks: on this case the HMM, which reads the order inside an hour (not stored), flags another account.
    expect(normalizeGraph(withoutRanks(toLogonTracer(back, analyze(back))))).toEqual(normalizeGraph(withoutRanks(want)));
    // Stored, not opened: the open case is still the first one.
    expect((await api.summary()).id).toBe('c1');

    await expect(api.createCaseFromGraph('x', new TextEncoder().encode('{"users": 1}'), 's')).rejects.toThrow(/not readable/);
    await expect(api.createCaseFromGraph('x', encodeGraph({ ...want, events: [] }), 's')).rejects.toThrow(/nothing to make a case of/);
  });
});
