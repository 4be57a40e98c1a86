import { describe, expect, it } from 'vitest';
import type { LogonBranchEvent } from '../logon';
import { CaseAccumulator } from './accumulator';
import { analyze } from './analysis';
import { diffViews, edgeKey } from './diff';
import { queryView, type ViewEdge, type ViewNode, type ViewResult } from './views';

const node = (id: string): ViewNode => {
  const [kind, name] = id.split(':') as [ViewNode['kind'], string];
  return { id, kind, name, index: 0 };
};
const edge = (source: string, target: string, count: number, over: Partial<ViewEdge> = {}): ViewEdge => ({
  id: `edge:${source}>${target}`, kind: 'logon', source, target, edge: 0, eventId: 4624, logonType: 3, status: null, authPackage: 'Kerberos', count, ...over,
});
const result = (edges: ViewEdge[], matched = edges.length): ViewResult => {
  const ids = new Set(edges.flatMap((e) => [e.source, e.target]));
  return { nodes: [...ids].map(node), edges, matched };
};

describe('diffViews (§6.7, comparing whole edges)', () => {
  it('splits nodes and edges into only-A, only-B and both, with both counts', () => {
    const a = result([edge('host:ws1', 'account:alice', 3), edge('host:ws1', 'account:bob', 1)]);
    const b = result([edge('host:ws1', 'account:alice', 5), edge('host:ws2', 'account:carol', 2)]);
    const d = diffViews(a, b);
    const by = Object.fromEntries(d.edges.map((e) => [`${e.source}>${e.target}`, [e.side, e.countA, e.countB]]));
    expect(by).toEqual({
      'host:ws1>account:alice': ['both', 3, 5],
      'host:ws1>account:bob': ['a', 1, 0],
      'host:ws2>account:carol': ['b', 0, 2],
    });
    expect(Object.fromEntries(d.nodes.map((n) => [n.id, n.side]))).toEqual({
      'host:ws1': 'both', 'account:alice': 'both', 'account:bob': 'a', 'host:ws2': 'b', 'account:carol': 'b',
    });
    expect(d.edgeCounts).toEqual({ a: 1, b: 1, both: 1 });
    expect(d.nodeCounts).toEqual({ a: 1, b: 2, both: 2 });
    expect(d.cutA || d.cutB).toBe(false);
  });

  it('compares targets too (the reference compared sources only) and the aggregation key', () => {
    // Same source on both sides, different targets: the reference dropped both edges.
    const a = result([edge('host:ws1', 'account:alice', 1)]);
    const b = result([edge('host:ws1', 'account:mallory', 1), edge('host:ws1', 'account:alice', 1, { logonType: 10 })]);
    const d = diffViews(a, b);
    expect(d.edges.map((e) => e.side)).toEqual(['a', 'b', 'b']);
    expect(d.edgeCounts).toEqual({ a: 1, b: 2, both: 0 });
  });

  it('keeps names apart whatever they contain', () => {
    const tricky = 'account:a","b';
    const a = result([edge('host:x', tricky, 1)]);
    const b = result([edge('host:x', 'account:a', 1, { status: '","b' })]);
    expect(edgeKey(a.edges[0]!)).not.toBe(edgeKey(b.edges[0]!));
    expect(diffViews(a, b).edgeCounts).toEqual({ a: 1, b: 1, both: 0 });
  });

  it('says when a side was cut by its limit', () => {
    const d = diffViews(result([edge('host:a', 'account:b', 1)], 7), result([]));
    expect([d.cutA, d.cutB, d.matchedA]).toEqual([true, false, 7]);
  });

  it('two windows of one case', () => {
    const T0 = Date.UTC(2024, 2, 4, 10);
    const H = 3_600_000;
    let id = 1;
    const logon = (over: Partial<LogonBranchEvent>): LogonBranchEvent => ({
      eventId: 4624, recordId: id++, time: T0, kind: 'logon', user: 'alice', host: 'ws01', ip: null, hostname: null,
      domain: 'CORP', sid: null, logonType: 3, status: null, authPackage: 'Kerberos', ...over,
    });
    const acc = new CaseAccumulator({ tzHours: 0, from: null, to: null });
    const s = acc.addSource({ name: 'v', size: 0, records: 0, accepted: 0, duplicates: 0, problems: 0, importedAt: 0 });
    for (const e of [logon({}), logon({ time: T0 + 30 * H }), logon({ user: 'bob' }), logon({ user: 'eve', time: T0 + 26 * H, logonType: 10 })]) acc.add(e, 'dc', s);
    const an = analyze(acc);
    const day = (k: number) => queryView(acc, an, { view: 'all', from: T0 + k * 24 * H - 10 * H, to: T0 + (k + 1) * 24 * H - 10 * H - 1 });
    const d = diffViews(day(0), day(1));
    expect(d.edges.map((e) => `${e.side}:${e.target}`).sort()).toEqual(['a:account:bob', 'b:account:eve', 'both:account:alice']);
    expect(d.nodes.find((n) => n.id === 'host:ws01')?.side).toBe('both');
  });
});
