import { describe, expect, it } from 'vitest';
import { ATTACK_KINDS } from '../generator';
import type { LogonTracerGraph } from '../neo4j/schema';
import { normalizeGraph, roundRanks, smallGraph } from '../neo4j/testgraph';
import { CaseAccumulator } from './accumulator';
import { analyze } from './analysis';
import { fromLogonTracer, parseStatus } from './from-logontracer';
import { generatedLog } from './generated-case';
import { importSources } from './import';
import { toLogonTracer } from './logontracer';

async function generatedGraph(hostile: boolean): Promise<LogonTracerGraph> {
  const { source } = await generatedLog({
    seed: hostile ? 'rt-hostile' : 'rt',
    users: 40,
    workstations: 20,
    servers: 3,
    domainControllers: 1,
    days: 3,
    start: '2024-04-01',
    attacks: [...ATTACK_KINDS],
    hostile,
  });
  const acc = new CaseAccumulator({ tzHours: 0, from: null, to: null });
  await importSources(acc, [source]);
  return toLogonTracer(acc, analyze(acc));
}

/** A LogonTracerGraph → case → LogonTracerGraph. */
function roundTrip(g: LogonTracerGraph) {
  const r = fromLogonTracer(g, { now: () => 0 });
  return { ...r, graph: toLogonTracer(r.acc, analyze(r.acc)) };
}

describe('fromLogonTracer', () => {
  it.each([false, true])('case → toLogonTracer → fromLogonTracer → toLogonTracer gives the same graph (hostile names: %s)', async (hostile) => {
    const g = await generatedGraph(hostile);
    expect(g.events.length).toBeGreaterThan(100);
    expect(g.users.some((u) => u.rights === 'system')).toBe(true);
    expect(g.users.some((u) => /Created|DCSync|DCShadow|AddGroup/.test(u.status))).toBe(true);
    expect(g.policies.length).toBeGreaterThan(0);
    expect(g.deletetime).not.toBeNull();
    expect(g.hosts.some((h) => h.hostname !== h.IP)).toBe(true); // the §3.2 inversion is exercised
    const back = roundTrip(g);
    expect(back.notes).toEqual([]);
    expect(back.shiftMs).toBe(0);
    // Ranks too (to the last bits: accounts and hosts come in another order, so PageRank sums in another order).
    expect(normalizeGraph(roundRanks(back.graph))).toEqual(normalizeGraph(roundRanks(g)));
  });

  it('reads the crafted sidebar graph: rights, status facts, policies, deletetime, host inversion', () => {
    const g = smallGraph();
    const { acc, notes, logonEvents } = fromLogonTracer(g);
    expect(logonEvents).toBe(g.events.reduce((n, e) => n + e.count, 0));
    expect(acc.logonCount).toBe(logonEvents);
    expect([...acc.admins.keys()].sort()).toEqual(['administrator', 'frank']);
    expect(acc.dcsync.map((d) => d.user)).toEqual(['bob']);
    expect(acc.dcshadow.map((d) => d.user)).toEqual(['carol']);
    expect(acc.accounts.map((a) => [a.kind, a.user])).toEqual([['user-created', 'dave'], ['user-deleted', 'erin']]);
    expect(acc.ipHostnames.get('10.0.0.11')).toBe('WS01');
    expect(acc.cleared).toEqual([{ time: Date.UTC(2023, 10, 15, 2, 10), user: 'administrator', domain: 'EXAMPLE', recordId: null }]);
    expect(acc.policies.map((p) => [p.user, p.category, p.subcategoryGuid])).toEqual([
      ['administrator', '%%8273', '{0cce9215-69ae-11d9-bed3-505054503030}'],
      [null, '%%8278', '{0cce9214-69ae-11d9-bed3-505054503030}'],
    ]);
    // frank's "AddGroup(Domain Admins)" is not LogonTracer's form ("AddGroup: g(t)"): reported, not guessed.
    expect(notes.join('\n')).toMatch(/Status text not understood.*frank/);
    const a = analyze(acc);
    const ws01 = a.hosts.find((h) => h.name === 'WS01')!;
    expect(ws01).toMatchObject({ ip: '10.0.0.11', hostname: 'WS01' });
    const back = toLogonTracer(acc, a);
    expect(back.hosts.find((h) => h.IP === 'WS01')?.hostname).toBe('10.0.0.11');
    expect(back.dateRange).toEqual(g.dateRange);
  });

  it('merges the duplicates of LogonTracer --add, keeping the largest count', () => {
    const g = smallGraph();
    const first = g.events[0]!;
    g.events.push({ ...first, count: 1 }, { ...first, count: first.count + 2 });
    const { acc, notes } = fromLogonTracer(g);
    expect(notes.join('\n')).toMatch(/2 duplicated Event relationships/);
    expect(acc.logonCount).toBe(smallGraph().events.reduce((n, e) => n + e.count, 0) + 2);
  });

  it('undoes the zone shift of a LogonTracer server not in UTC', async () => {
    const g = await generatedGraph(false);
    const shifted = { ...g, events: g.events.map((e) => ({ ...e, date: e.date - 9 * 3600 })) }; // a server at UTC+9
    const back = roundTrip(shifted);
    expect(back.shiftMs).toBe(9 * 3_600_000);
    expect(back.notes.join('\n')).toMatch(/9 h behind/);
    expect(normalizeGraph(roundRanks(back.graph))).toEqual(normalizeGraph(roundRanks(g)));
  });

  it('parses status text, group names with brackets included', () => {
    expect(parseStatus('-')).toMatchObject({ created: null, rest: '' });
    const s = parseStatus('Created(2024-01-02 03:04:05) AddGroup: Admins (tier 0)(2024-01-02 04:00:00) RemoveGroup: x) (y(2024-01-03 00:00:00) DCSync(2024-01-04 00:00:00) ');
    expect(s).toEqual({
      created: Date.UTC(2024, 0, 2, 3, 4, 5),
      deleted: null,
      addGroup: { group: 'Admins (tier 0)', time: Date.UTC(2024, 0, 2, 4) },
      removeGroup: { group: 'x) (y', time: Date.UTC(2024, 0, 3) },
      dcsync: Date.UTC(2024, 0, 4),
      dcshadow: null,
      rest: '',
    });
    expect(parseStatus('Created(2024-01-02 03:04:05) something else').rest).toBe('something else');
  });
});
