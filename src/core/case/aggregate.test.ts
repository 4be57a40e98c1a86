import { describe, expect, it } from 'vitest';
import { aggregate, type AggregateEdge, type AggregateNode, islandGroupId, leafGroupId } from './aggregate';

const host = (name: string, keep = false): AggregateNode => ({ id: `host:${name}`, kind: 'host', keep });
const account = (name: string, keep = false): AggregateNode => ({ id: `account:${name}`, kind: 'account', keep });
let next = 0;
const edge = (h: string, a: string, count = 1): AggregateEdge => ({ id: `edge:${next++}`, source: `host:${h}`, target: `account:${a}`, count });

/**
 * A domain in small: a server `srv` used by the admin `adm` (kept) and the service account `svc`;
 * workstation `ws1` has three accounts of its own and `adm`; `ws2` and `ws3` are islands, each with
 * its accounts and nobody else.
 */
function domain() {
  next = 0;
  const nodes = [host('srv'), host('ws1'), host('ws2'), host('ws3'), account('adm', true), account('svc'), account('a'), account('b'), account('c'), account('d'), account('e'), account('f')];
  const edges = [
    edge('srv', 'adm', 5),
    edge('srv', 'adm', 2), // a parallel edge (another event id)
    edge('srv', 'svc'),
    edge('ws1', 'adm'),
    edge('ws1', 'a', 3),
    edge('ws1', 'b', 4),
    edge('ws1', 'b', 1),
    edge('ws1', 'c'),
    edge('ws2', 'd'),
    edge('ws2', 'e'),
    edge('ws3', 'f'),
  ];
  return { nodes, edges };
}

describe('aggregate', () => {
  it('folds leaves per neighbour and kind, and islands per kind, keeping kept nodes', () => {
    const { nodes, edges } = domain();
    const a = aggregate(nodes, edges);
    const groups = Object.fromEntries(a.groups.map((g) => [g.id, g.members]));
    expect(groups).toEqual({
      [islandGroupId('host')]: ['host:ws2', 'host:ws3'],
      [islandGroupId('account')]: ['account:d', 'account:e', 'account:f'],
      [leafGroupId('host:ws1', 'account')]: ['account:a', 'account:b', 'account:c'],
    });
    // svc hangs off srv alone: one leaf is no group. adm is kept.
    expect(a.groupOf.has('account:svc')).toBe(false);
    expect(a.groupOf.has('account:adm')).toBe(false);
    expect(a.groups.find((g) => g.id === leafGroupId('host:ws1', 'account'))?.anchor).toBe('host:ws1');
  });

  it('draws one edge per pair of drawn ends, summing counts and naming what it stands for', () => {
    const { nodes, edges } = domain();
    const a = aggregate(nodes, edges);
    const byEnds = Object.fromEntries(a.edges.map((e) => [`${e.source} ${e.target}`, e]));
    expect(Object.keys(byEnds).sort()).toEqual(
      [
        'host:srv account:adm',
        'host:srv account:svc',
        'host:ws1 account:adm',
        `host:ws1 ${leafGroupId('host:ws1', 'account')}`,
        `${islandGroupId('host')} ${islandGroupId('account')}`,
      ].sort(),
    );
    expect(byEnds['host:srv account:adm']).toMatchObject({ id: 'merged:edge:0', count: 7, members: ['edge:0', 'edge:1'] });
    // A lone edge keeps its id.
    expect(byEnds['host:srv account:svc']).toMatchObject({ id: 'edge:2', count: 1, members: ['edge:2'] });
    expect(byEnds[`host:ws1 ${leafGroupId('host:ws1', 'account')}`]).toMatchObject({ count: 9, members: ['edge:4', 'edge:5', 'edge:6', 'edge:7'] });
    expect(byEnds[`${islandGroupId('host')} ${islandGroupId('account')}`]!.members).toEqual(['edge:8', 'edge:9', 'edge:10']);
    // Every input edge is drawn exactly once.
    expect(a.edges.flatMap((e) => e.members).sort()).toEqual(edges.map((e) => e.id).sort());
  });

  it('draws expanded groups as their members; open islands fold as leaves of their hosts', () => {
    const { nodes, edges } = domain();
    const open = aggregate(nodes, edges, { expanded: new Set([leafGroupId('host:ws1', 'account')]) });
    expect(open.groupOf.has('account:a')).toBe(false);
    expect(open.edges.some((e) => e.source === 'host:ws1' && e.target === 'account:b')).toBe(true);

    const islands = aggregate(nodes, edges, { expanded: new Set([islandGroupId('host')]) });
    expect(islands.groupOf.has('host:ws2')).toBe(false);
    expect(islands.groupOf.get('account:d')).toBe(leafGroupId('host:ws2', 'account'));
    expect(islands.groupOf.has('account:f')).toBe(false); // alone on ws3
  });

  it('leaves a component with a kept node, or larger than islandMax, unfolded as an island', () => {
    next = 0;
    const nodes = [host('h1'), account('x', true), account('y'), account('z')];
    const edges = [edge('h1', 'x'), edge('h1', 'y'), edge('h1', 'z')];
    const a = aggregate(nodes, edges);
    expect(a.groups.map((g) => g.id)).toEqual([leafGroupId('host:h1', 'account')]);
    // Five nodes over islandMax 3: no island; z and w hang alone off their hosts: no groups.
    const b = aggregate([host('h1'), account('y'), account('z'), host('h2'), account('w')], [edge('h1', 'y'), edge('h1', 'z'), edge('h2', 'w'), edge('h2', 'y')], { islandMax: 3 });
    expect(b.groups).toEqual([]);
    expect(b.edges).toHaveLength(4);
  });

  it('without folding, only draws parallel edges as one line', () => {
    const { nodes, edges } = domain();
    const a = aggregate(nodes, edges, { fold: false });
    expect(a.groups).toEqual([]);
    expect(a.edges).toHaveLength(edges.length - 2); // srv→adm and ws1→b were two each
    expect(a.edges.find((e) => e.target === 'account:b')).toMatchObject({ id: 'merged:edge:5', count: 5 });
  });

  it('does nothing to an empty graph', () => {
    expect(aggregate([], [])).toEqual({ groups: [], groupOf: new Map(), edges: [] });
  });
});
