import { describe, expect, it } from 'vitest';
import type { LogonBranchEvent, NormalizedEvent } from '../logon';
import { CaseAccumulator } from './accumulator';
import { analyze } from './analysis';
import { toLogonTracer } from './logontracer';
import { queryView, type ViewQuery } from './views';

const T0 = Date.UTC(2024, 2, 4, 10, 0, 0);
const H = 3_600_000;
let id = 1;
const logon = (over: Partial<LogonBranchEvent>): LogonBranchEvent => ({
  eventId: 4624, recordId: id++, time: T0, kind: 'logon', user: 'alice', host: '10.0.0.5', ip: '10.0.0.5', hostname: null,
  domain: 'CORP', sid: null, logonType: 3, status: null, authPackage: 'Kerberos', ...over,
});

function build(): { acc: CaseAccumulator; q: (query: ViewQuery) => string[] } {
  const events: NormalizedEvent[] = [
    logon({}),
    logon({ time: T0 + H }),
    logon({ user: 'bob', logonType: 10, host: 'ws02', ip: null }),
    logon({ user: 'bob', logonType: 4, host: 'ws02', ip: null, time: T0 + 5 * H }),
    logon({ user: 'carol', logonType: 5, authPackage: 'Negotiate' }),
    logon({ user: 'dave', authPackage: 'NTLM', host: '10.0.0.66', ip: '10.0.0.66' }),
    logon({ user: 'dave', eventId: 4625, kind: 'logon-failure', status: '0xc000006a', host: '10.0.0.66', ip: '10.0.0.66' }),
    logon({ user: 'erin', eventId: 4769, kind: 'kerberos-tgs', logonType: 0, status: '0xf', host: '10.0.0.9', ip: '10.0.0.9' }),
    logon({ user: 'frank', eventId: 4776, kind: 'ntlm', logonType: 0, host: 'ws07', ip: null, authPackage: null }),
    { eventId: 4672, recordId: id++, time: T0, kind: 'privileged', user: 'bob' },
    ...[0, 1, 2].map((k): NormalizedEvent => ({ eventId: 4662, recordId: id++, time: T0 + k, kind: 'dcsync-access', user: 'carol' })),
    { eventId: 4720, recordId: id++, time: T0, kind: 'user-created', user: 'frank', sid: null },
    { eventId: 4719, recordId: id++, time: T0, kind: 'policy-change', user: 'bob', category: '%%8273', subcategoryGuid: '{0cce9215-69ae-11d9-bed3-505054503030}' },
    { eventId: 4719, recordId: id++, time: T0, kind: 'policy-change', user: null, category: null, subcategoryGuid: null },
  ];
  const acc = new CaseAccumulator({ tzHours: 0, from: null, to: null });
  const s = acc.addSource({ name: 'v', size: 0, records: 0, accepted: 0, duplicates: 0, problems: 0, importedAt: 0 });
  for (const e of events) acc.add(e, 'dc', s);
  const a = analyze(acc);
  const q = (query: ViewQuery) => {
    const r = queryView(acc, a, query);
    return r.edges.map((e) => `${e.source}>${e.target}${e.eventId ? `:${e.eventId}` : ''}${e.count > 1 ? `x${e.count}` : ''}`).sort();
  };
  return { acc, q };
}

describe('views (§6.3)', () => {
  const { acc, q } = build();

  it('sidebar views pick the reference edges', () => {
    expect(q({ view: 'rdp' })).toEqual(['host:ws02>account:bob:4624']);
    expect(q({ view: 'batch' })).toEqual(['host:ws02>account:bob:4624']);
    expect(q({ view: 'service' })).toEqual(['host:10.0.0.5>account:carol:4624']);
    expect(q({ view: 'ntlm-remote' })).toEqual(['host:10.0.0.66>account:dave:4624']);
    expect(q({ view: 'logon-failure' })).toEqual(['host:10.0.0.66>account:dave:4625']);
    expect(q({ view: 'ms14-068' })).toEqual(['host:10.0.0.9>account:erin:4769']);
    expect(q({ view: 'privileged' })).toEqual(['host:ws02>account:bob:4624', 'host:ws02>account:bob:4624']);
    expect(q({ view: 'dcsync-dcshadow' })).toEqual(['host:10.0.0.5>account:carol:4624']);
    expect(q({ view: 'user-changes' })).toEqual(['host:ws07>account:frank:4776']);
    expect(q({ view: 'domains' })).toContain('account:alice>domain:CORP');
    // A machine account's policy change has no account: its node stands alone.
    expect(q({ view: 'policy' })).toEqual(['account:bob>policy:0:4719']);
  });

  it('event id, count and time window filters; search with AND/OR', () => {
    expect(q({ view: 'all', eventIds: [4776] })).toEqual(['host:ws07>account:frank:4776']);
    expect(q({ view: 'all', minCount: 1 })).toEqual(['host:10.0.0.5>account:alice:4624x2']);
    expect(q({ view: 'all', from: T0 + H, to: T0 + 2 * H })).toEqual(['host:10.0.0.5>account:alice:4624']);
    expect(q({ view: 'all', search: [{ field: 'account', value: 'DAV' }] })).toEqual(['host:10.0.0.66>account:dave:4624', 'host:10.0.0.66>account:dave:4625']);
    expect(q({ view: 'all', search: [{ field: 'account', value: 'dave' }, { field: 'ip', value: '10.0.0.9', join: 'or' }] })).toHaveLength(3);
    expect(q({ view: 'all', search: [{ field: 'account', value: 'dave' }, { field: 'ip', value: '10.0.0.9', join: 'and' }] })).toEqual([]);
    expect(q({ view: 'all', search: [{ field: 'host', value: 'ws0' }] })).toHaveLength(3);
  });

  it('LogonTracer schema: hourly Event edges, string counts and detect, status text, orphaned policy', () => {
    const a = analyze(acc);
    const g = toLogonTracer(acc, a);
    const alice = g.users.find((u) => u.user === 'alice')!;
    expect(alice.counts.split(',')).toHaveLength(a.axis!.hours);
    expect(alice.counts.split(',').slice(0, 2)).toEqual(['1.0', '1.0']);
    expect(alice.counts4624).toBe(alice.counts);
    expect(alice.detect.split(',')).toHaveLength(a.axis!.hours);
    expect(g.users.find((u) => u.user === 'bob')!.rights).toBe('system');
    expect(g.users.find((u) => u.user === 'carol')!.status).toMatch(/^DCSync\(2024-03-04 10:00:00\) $/);
    expect(g.events.filter((e) => e.user === 'alice').map((e) => [e.date, e.count])).toEqual([[T0 / 1000, 1], [(T0 + H) / 1000, 1]]);
    expect(g.events.find((e) => e.user === 'erin')).toMatchObject({ id: 4769, status: '0xf', authname: 'Kerberos', logintype: 0 });
    expect(g.policies.map((p) => [p.user, p.category, p.sub, p.date])).toEqual([
      ['bob', 'Logon/Logoff', 'Logon', String(T0 / 1000)],
      [null, '-', '-', String(T0 / 1000)],
    ]);
    expect(g.dateRange).toEqual({ start: '2024-03-04 10:00:00', end: '2024-03-04 15:00:00' });
    expect(g.groups).toContainEqual({ user: 'alice', domain: 'CORP' });
  });
});

describe('the case as a graphology graph', () => {
  it('holds every account, host, domain and edge with its hourly buckets', async () => {
    const { caseGraph } = await import('./graph');
    const { acc } = build();
    const a = analyze(acc);
    const g = caseGraph(acc, a);
    expect(g.filterNodes((_, n) => n.kind === 'account')).toHaveLength(a.users.length);
    expect(g.filterNodes((_, n) => n.kind === 'host')).toHaveLength(a.hosts.length);
    expect(g.filterNodes((_, n) => n.kind === 'domain')).toEqual(['domain:CORP']);
    const logon = g.filterEdges((_, e) => e.kind === 'logon');
    expect(logon).toHaveLength(a.edges.length);
    let events = 0;
    g.forEachEdge((_, e) => {
      if (e.kind !== 'logon') return;
      expect([...e.hours.values()].reduce((x, y) => x + y, 0)).toBe(e.count);
      events += e.count;
    });
    expect(events).toBe(acc.logonCount);
    const alice = g.getNodeAttributes('account:alice');
    expect(alice).toMatchObject({ kind: 'account', admin: false });
    expect(g.outDegree('host:10.0.0.5')).toBeGreaterThan(0);
    expect(g.getEdgeAttributes(g.edges('host:10.0.0.5', 'account:alice')[0]!)).toMatchObject({ kind: 'logon', eventId: 4624, count: 2 });
  });
});
