import { describe, expect, it } from 'vitest';
import type { LogonBranchEvent, NormalizedEvent } from '../logon';
import { CaseAccumulator } from './accumulator';
import { detections } from './detections';
import { allEdgeHours, buildEdges } from './edges';
import { RecordIdRanges } from './record-ids';
import { userNodes } from './users';

const T0 = Date.UTC(2024, 2, 4, 10, 0, 0);
const min = 60_000;
let nextId = 1;

function logon(over: Partial<LogonBranchEvent> = {}): LogonBranchEvent {
  return {
    eventId: 4624, recordId: nextId++, time: T0, kind: 'logon', user: 'alice', host: '10.0.0.5', ip: '10.0.0.5', hostname: null,
    domain: 'CORP', sid: 'S-1-5-21-1-2-3-1104', logonType: 3, status: null, authPackage: 'Kerberos', ...over,
  };
}

function caseOf(events: NormalizedEvent[], options = { tzHours: 0, from: null as number | null, to: null as number | null }) {
  const acc = new CaseAccumulator(options);
  const src = acc.addSource({ name: 't.evtx', size: 0, records: 0, accepted: 0, duplicates: 0, problems: 0, importedAt: 0 });
  const outcomes = events.map((e) => acc.add(e, 'dc01.corp.local', src));
  return { acc, outcomes };
}

describe('RecordIdRanges', () => {
  it('keeps sorted disjoint ranges and tells duplicates', () => {
    const r = new RecordIdRanges();
    for (const id of [5, 7, 6, 1, 2, 10]) expect(r.add(id)).toBe(true);
    expect(r.toArray()).toEqual([1, 2, 5, 7, 10, 10]);
    expect(r.add(6)).toBe(false);
    expect(r.has(3)).toBe(false);
    expect(r.add(3)).toBe(true);
    expect(r.add(4)).toBe(true);
    expect(r.toArray()).toEqual([1, 7, 10, 10]);
    expect(r.has(7) && r.has(10) && !r.has(8) && !r.has(0)).toBe(true);
  });

  it('a whole file of consecutive ids is one range', () => {
    const r = new RecordIdRanges();
    for (let i = 1000; i < 101_000; i++) r.add(i);
    expect(r.size).toBe(1);
    for (let i = 1000; i < 101_000; i += 997) expect(r.add(i)).toBe(false);
  });
});

describe('case accumulation', () => {
  it('aggregates edges per (host, user, event id, logon type, status, package) with counts, first, last and hours', () => {
    const { acc } = caseOf([
      logon({ time: T0 }),
      logon({ time: T0 + 5 * min }),
      logon({ time: T0 + 70 * min }),
      logon({ time: T0 + 2 * min, logonType: 10 }),
      logon({ time: T0 + 3 * min, eventId: 4625, kind: 'logon-failure', status: '0xc000006d' }),
      logon({ time: T0 + 4 * min, user: 'bob' }),
    ]);
    const t = buildEdges(acc);
    expect(t.edges.map((e) => [acc.users.values[e.user], t.hosts[e.host]!.name, e.eventId, e.logonType, e.status, e.count, e.first, e.last])).toEqual([
      ['alice', '10.0.0.5', 4624, 3, null, 3, T0, T0 + 70 * min],
      ['alice', '10.0.0.5', 4624, 10, null, 1, T0 + 2 * min, T0 + 2 * min],
      ['alice', '10.0.0.5', 4625, 3, '0xc000006d', 1, T0 + 3 * min, T0 + 3 * min],
      ['bob', '10.0.0.5', 4624, 3, null, 1, T0 + 4 * min, T0 + 4 * min],
    ]);
    expect([...allEdgeHours(acc, t)[0]!]).toEqual([[T0, 2], [T0 + 3_600_000, 1]]);
  });

  it('merges an IP and the host name an event tied it to into one host node (§3.2)', () => {
    const { acc } = caseOf([
      logon({ host: '10.0.0.9', ip: '10.0.0.9', hostname: 'ws09' }),
      logon({ eventId: 4776, kind: 'ntlm', host: 'ws09', ip: 'ws09', hostname: null, logonType: 0, authPackage: 'MICROSOFT_AUTHENTICATION_PACKAGE_V1_0' }),
      logon({ host: '10.0.0.7', ip: '10.0.0.7' }),
    ]);
    const t = buildEdges(acc);
    expect(t.hosts).toEqual([
      { name: 'ws09', ip: '10.0.0.9', hostname: 'ws09' },
      { name: '10.0.0.7', ip: '10.0.0.7', hostname: null },
    ]);
    expect(t.edges.map((e) => t.hosts[e.host]!.name)).toEqual(['ws09', 'ws09', '10.0.0.7']);
  });

  it('skips records already imported from the same computer, not those of another computer', () => {
    const acc = new CaseAccumulator({ tzHours: 0, from: null, to: null });
    const src = acc.addSource({ name: 'a', size: 0, records: 0, accepted: 0, duplicates: 0, problems: 0, importedAt: 0 });
    const e = logon({ recordId: 42 });
    expect(acc.add(e, 'dc01', src)).toBe('accepted');
    expect(acc.add(e, 'dc01', src)).toBe('duplicate');
    expect(acc.add(e, 'dc02', src)).toBe('accepted');
    expect(acc.logonCount).toBe(2);
  });

  it('applies the time window to every event but 1102, without stopping at the first late event', () => {
    const from = T0 + 10 * min;
    const to = T0 + 20 * min;
    const { acc, outcomes } = caseOf(
      [
        logon({ time: T0 }),
        logon({ time: T0 + 30 * min }),
        logon({ time: from }),
        logon({ time: to }),
        { eventId: 1102, recordId: nextId++, time: T0, kind: 'log-cleared', user: 'eve', domain: 'CORP' },
      ],
      { tzHours: 0, from, to },
    );
    expect(outcomes).toEqual(['outside-window', 'outside-window', 'accepted', 'accepted', 'accepted']);
    expect(acc.logonCount).toBe(2);
    expect(acc.cleared).toHaveLength(1);
  });

  it('user properties: privileged, SID (last real one), NTLM, status text in the reference order', () => {
    const sid = 'S-1-5-21-9-9-9-1200';
    const { acc } = caseOf([
      logon({ user: 'carol', sid, authPackage: 'NTLM' }),
      { eventId: 4672, recordId: nextId++, time: T0, kind: 'privileged', user: 'carol' },
      { eventId: 4720, recordId: nextId++, time: T0 + min, kind: 'user-created', user: 'carol', sid },
      { eventId: 4728, recordId: nextId++, time: T0 + 2 * min, kind: 'group-member-added', group: 'Domain Admins', memberSid: sid },
      { eventId: 4729, recordId: nextId++, time: T0 + 3 * min, kind: 'group-member-removed', group: 'Domain Admins', memberSid: sid },
      { eventId: 4726, recordId: nextId++, time: T0 + 4 * min, kind: 'user-deleted', user: 'carol', sid },
      logon({ user: 'dave', sid: null }),
    ]);
    const [carol, dave] = userNodes(acc);
    expect(carol).toMatchObject({ name: 'carol', admin: true, sid, ntlm: true, domains: ['CORP'] });
    expect(carol!.status).toBe(
      'Created(2024-03-04 10:01:00) Deleted(2024-03-04 10:04:00) AddGroup: Domain Admins(2024-03-04 10:02:00) RemoveGroup: Domain Admins(2024-03-04 10:03:00) ',
    );
    expect(dave).toMatchObject({ admin: false, sid: null, ntlm: false, status: '-' });
  });
});

describe('detections', () => {
  const run = (events: NormalizedEvent[]) => {
    const { acc } = caseOf(events);
    return detections(acc, buildEdges(acc));
  };

  it('DCSync: every third 4662 of an account, counted once per event (§3.7, the reference counted per field)', () => {
    const access = (user: string, i: number): NormalizedEvent => ({ eventId: 4662, recordId: 100 + i, time: T0 + i * 1000, kind: 'dcsync-access', user });
    const d = run([0, 1, 2, 3, 4, 5, 6].map((i) => access('mallory', i)).concat([access('trent', 7), access('trent', 8)]));
    expect(d.filter((x) => x.kind === 'dcsync').map((x) => [x.account, x.time, x.recordIds])).toEqual([
      ['mallory', T0 + 2000, [100, 101, 102]],
      ['mallory', T0 + 5000, [103, 104, 105]],
    ]);
  });

  it('DCShadow: a 5137/5141 in the same second as an earlier one flags its subject', () => {
    const ds = (kind: 'ds-object-created' | 'ds-object-deleted', user: string | null, t: number, id: number): NormalizedEvent => ({ eventId: kind === 'ds-object-created' ? 5137 : 5141, recordId: id, time: t, kind, user });
    const d = run([ds('ds-object-created', null, T0 + 100, 1), ds('ds-object-deleted', 'mallory', T0 + 900, 2), ds('ds-object-created', 'bob', T0 + 5000, 3)]);
    expect(d.filter((x) => x.kind === 'dcshadow').map((x) => [x.account, x.recordIds])).toEqual([['mallory', [1, 2]]]);
  });

  it('MS14-068 failures (4769, status 0xf in short or long form) and logon failures per edge', () => {
    const d = run([
      logon({ eventId: 4769, kind: 'kerberos-tgs', logonType: 0, status: '0xf', recordId: 501 }),
      logon({ eventId: 4769, kind: 'kerberos-tgs', logonType: 0, status: '0x1f', recordId: 502 }),
      logon({ eventId: 4769, kind: 'kerberos-tgs', logonType: 0, status: '0x0000000f', recordId: 505, user: 'bob' }),
      logon({ eventId: 4625, kind: 'logon-failure', status: '0xc000006a', recordId: 503, time: T0 }),
      logon({ eventId: 4625, kind: 'logon-failure', status: '0xc000006a', recordId: 504, time: T0 + min }),
    ]);
    expect(d.filter((x) => x.kind === 'ms14-068').map((x) => [x.account, x.host, x.count, x.recordIds])).toEqual([
      ['alice', '10.0.0.5', 1, [501]],
      ['bob', '10.0.0.5', 1, [505]],
    ]);
    expect(d.filter((x) => x.kind === 'logon-failure').map((x) => [x.count, x.time, x.lastTime, x.recordIds, x.details])).toEqual([
      [2, T0, T0 + min, [503, 504], { status: '0xc000006a', logonType: '3' }],
    ]);
  });

  it('audit policy changes with category and subcategory names; unknown codes kept raw', () => {
    const d = run([
      { eventId: 4719, recordId: 9, time: T0, kind: 'policy-change', user: null, category: '%%8274', subcategoryGuid: '{0cce921d-69ae-11d9-bed3-505054503030}' },
      { eventId: 4719, recordId: 10, time: T0, kind: 'policy-change', user: 'alice', category: '%%8278', subcategoryGuid: '{0cce9243-69ae-11d9-bed3-505054503030}' },
    ]);
    expect(d.filter((x) => x.kind === 'policy-change').map((x) => [x.account, x.details['category'], x.details['subcategory']])).toEqual([
      [null, 'Object_Access', 'FileSystem'],
      ['alice', '%%8278', 'NPS'],
    ]);
  });

  it('admins, user creation/deletion, group changes (resolved to the account through its SID), log cleared', () => {
    const sid = 'S-1-5-21-1-2-3-1104';
    const d = run([
      logon({ sid }),
      { eventId: 4672, recordId: 1, time: T0, kind: 'privileged', user: 'alice' },
      { eventId: 4672, recordId: 2, time: T0 + min, kind: 'privileged', user: 'alice' },
      { eventId: 4720, recordId: 3, time: T0, kind: 'user-created', user: 'zed', sid: 'S-1-5-21-7' },
      { eventId: 4756, recordId: 4, time: T0, kind: 'group-member-added', group: 'Enterprise Admins', memberSid: sid },
      { eventId: 4733, recordId: 5, time: T0, kind: 'group-member-removed', group: 'Backup Operators', memberSid: 'S-1-5-21-7' },
      { eventId: 1102, recordId: 6, time: T0, kind: 'log-cleared', user: 'eve', domain: 'CORP' },
    ]);
    const pick = (k: string) => d.filter((x) => x.kind === k).map((x) => [x.account, x.count, x.recordIds, x.details]);
    expect(pick('admin')).toEqual([['alice', 2, [1, 2], {}]]);
    expect(pick('user-created')).toEqual([['zed', 1, [3], {}]]);
    expect(pick('group-member-added')).toEqual([['alice', 1, [4], { group: 'Enterprise Admins', memberSid: sid }]]);
    // zed never logged on: found through the SID of its 4720.
    expect(pick('group-member-removed')).toEqual([['zed', 1, [5], { group: 'Backup Operators', memberSid: 'S-1-5-21-7' }]]);
    expect(pick('log-cleared')).toEqual([['eve', 1, [6], { domain: 'CORP' }]]);
  });
});
