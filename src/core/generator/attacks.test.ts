import { describe, expect, it } from 'vitest';
import { REPLICATION_RIGHTS } from './fields-directory';
import { collect, hostOf, smallOptions } from './testing';
import { ATTACK_KINDS, AUDIT_FAILURE, type AttackKind, type SecurityEvent } from './types';

/** Event ids each attack may write (what it does plus the logons it needs). */
const ALLOWED: Record<AttackKind, number[]> = {
  'password-spraying': [4625, 4776, 4624, 4672, 4634],
  'brute-force': [4625, 4776],
  'pass-the-hash': [4688, 4624, 4776, 4672, 4634],
  'rdp-hopping': [4648, 4769, 4624, 4672, 4647, 4634],
  dcsync: [4769, 4624, 4672, 4634, 4662],
  dcshadow: [4769, 4624, 4672, 4634, 5137, 5141],
  'new-domain-admin': [4769, 4624, 4672, 4634, 4720, 4728, 4768, 4729, 4726],
  'audit-policy-change': [4769, 4624, 4672, 4647, 4634, 4688, 4719],
  'ms14-068': [4768, 4769],
  'log-clearing': [4769, 4624, 4672, 4634, 4688, 1102],
};

const f = (e: SecurityEvent, name: string) => e.fields[name];
const ofId = (events: SecurityEvent[], id: number) => events.filter((e) => e.eventId === id);

/** Per kind: the markers a detector would look for. */
const MARKERS: Record<AttackKind, (events: SecurityEvent[], ctx: { rogueIp: string }) => void> = {
  'password-spraying': (events, { rogueIp }) => {
    const failed = ofId(events, 4625);
    expect(new Set(failed.map((e) => f(e, 'TargetUserName'))).size).toBeGreaterThanOrEqual(20);
    for (const e of failed) {
      expect(f(e, 'IpAddress')).toBe(rogueIp);
      expect(f(e, 'Status')).toBe('0xc000006d');
      expect(['0xc000006a', '0xc0000064']).toContain(f(e, 'SubStatus'));
      expect(e.keywords).toBe(AUDIT_FAILURE);
    }
    expect(ofId(events, 4776).some((e) => f(e, 'Status') === '0xc0000064')).toBe(true);
    expect(ofId(events, 4624)).toHaveLength(1);
  },
  'brute-force': (events) => {
    const failed = ofId(events, 4625);
    expect(failed.length).toBeGreaterThanOrEqual(100);
    expect(new Set(failed.map((e) => f(e, 'TargetUserName'))).size).toBe(1);
    expect(ofId(events, 4776)).toHaveLength(failed.length);
  },
  'pass-the-hash': (events) => {
    const newCreds = ofId(events, 4624).filter((e) => f(e, 'LogonType') === 9);
    expect(newCreds).toHaveLength(1);
    expect(f(newCreds[0]!, 'LogonProcessName')).toBe('seclogo');
    const hops = ofId(events, 4624).filter((e) => f(e, 'LogonType') === 3);
    expect(hops.length).toBeGreaterThanOrEqual(2);
    for (const e of hops) {
      expect(f(e, 'LogonProcessName')).toBe('NtLmSsp ');
      expect(f(e, 'AuthenticationPackageName')).toBe('NTLM');
      expect(f(e, 'KeyLength')).toBe(0);
      expect(f(e, 'LogonGuid')).toBe('00000000-0000-0000-0000-000000000000');
      expect(f(e, 'TargetUserName')).toBe(f(newCreds[0]!, 'TargetOutboundUserName'));
    }
    expect(ofId(events, 4672).length).toBe(hops.length);
  },
  'rdp-hopping': (events, { rogueIp }) => {
    const rdp = ofId(events, 4624).filter((e) => f(e, 'LogonType') === 10);
    expect(rdp.length).toBeGreaterThanOrEqual(3);
    expect(f(rdp[0]!, 'IpAddress')).toBe(rogueIp);
    expect(ofId(events, 4648).length).toBe(rdp.length - 1);
    for (const e of rdp) expect(new Date(e.time as number).getUTCHours()).toBeLessThan(6);
  },
  dcsync: (events) => {
    const access = ofId(events, 4662);
    expect(access.length).toBeGreaterThanOrEqual(3);
    for (const g of Object.values(REPLICATION_RIGHTS)) expect(access.some((e) => String(f(e, 'Properties')).includes(g))).toBe(true);
    for (const e of access) expect(String(f(e, 'SubjectUserName')).endsWith('$')).toBe(false);
  },
  dcshadow: (events) => {
    const created = ofId(events, 5137);
    const deleted = ofId(events, 5141);
    expect(created.map((e) => f(e, 'ObjectClass')).sort()).toEqual(['nTDSDSA', 'server']);
    expect(deleted.map((e) => f(e, 'ObjectDN')).sort()).toEqual(created.map((e) => f(e, 'ObjectDN')).sort());
    const second = (e: SecurityEvent) => Math.floor((e.time as number) / 1000);
    expect(second(created[0]!)).toBe(second(created[1]!));
  },
  'new-domain-admin': (events) => {
    const [created] = ofId(events, 4720);
    const [added] = ofId(events, 4728);
    expect(created && added).toBeTruthy();
    expect(created!.recordId!).toBeLessThan(added!.recordId!);
    expect(f(added!, 'TargetUserName')).toBe('Domain Admins');
    expect(f(added!, 'MemberSid')).toBe(f(created!, 'TargetSid'));
    expect(ofId(events, 4624).some((e) => f(e, 'TargetUserSid') === f(created!, 'TargetSid'))).toBe(true);
    expect(ofId(events, 4729)).toHaveLength(1);
    expect(ofId(events, 4726)).toHaveLength(1);
  },
  'audit-policy-change': (events) => {
    const changes = ofId(events, 4719);
    expect(changes.length).toBeGreaterThanOrEqual(1);
    for (const e of changes) {
      expect(f(e, 'CategoryId')).toMatch(/^%%\d{4}$/);
      expect(f(e, 'SubcategoryGuid')).toMatch(/^0CCE92[0-9A-F]{2}-69AE-11D9-BED3-505054503030$/);
    }
  },
  'ms14-068': (events) => {
    const refused = ofId(events, 4769);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const e of refused) {
      expect(f(e, 'Status')).toBe('0xf');
      expect(e.keywords).toBe(AUDIT_FAILURE);
    }
    expect(f(ofId(events, 4768)[0]!, 'TicketOptions')).toBe('0x50800000');
  },
  'log-clearing': (events) => {
    expect(ofId(events, 1102)).toHaveLength(1);
  },
};

/** Every account name an event names (user fields, with `user@REALM` cut at the @). */
function accountsIn(e: SecurityEvent): string[] {
  const out: string[] = [];
  for (const k of ['TargetUserName', 'SubjectUserName', 'TargetOutboundUserName', 'SamAccountName']) {
    const v = e.fields[k];
    if (typeof v === 'string') out.push(v, v.split('@')[0]!);
  }
  return out;
}

const SEEDS = process.env['GENERATOR_SEEDS']?.split(',').map(Number) ?? [42, 7];

describe.each(SEEDS.flatMap((seed) => [false, true].map((hostile) => ({ seed, hostile }))))('attacks (seed $seed, hostile $hostile)', ({ seed, hostile }) => {
  const attacks = [...ATTACK_KINDS, 'pass-the-hash' as const];
  const { scenario, events } = collect(smallOptions({ seed, hostile, attacks }));
  const rogueIp = scenario.domain.rogues[0]!.ip;

  it('has a ground-truth entry per requested attack, in request order', () => {
    expect(scenario.truth.map((g) => g.kind)).toEqual(attacks);
  });

  it.each(attacks.map((k, i) => [k, i] as const))('%s: record ids point at its events', (kind, i) => {
    const g = scenario.truth[i]!;
    expect(g.recordIds.length).toBeGreaterThan(0);
    expect([...g.recordIds].sort((a, b) => a - b)).toEqual(g.recordIds);
    expect(new Set(g.recordIds).size).toBe(g.recordIds.length);
    const mine = g.recordIds.map((id) => events[id - 1]!);
    const named = new Set<string>();
    for (const e of mine) {
      expect(e.recordId).toBeDefined();
      expect(ALLOWED[kind]).toContain(e.eventId);
      expect(g.hosts).toContain(hostOf(scenario, e));
      expect(e.time).toBeGreaterThanOrEqual(g.start);
      expect(e.time).toBeLessThanOrEqual(g.end);
      for (const a of accountsIn(e)) named.add(a);
    }
    expect(mine[0]!.time).toBe(g.start);
    expect(mine[mine.length - 1]!.time).toBe(g.end);
    for (const a of g.accounts) expect(named.has(a), `${kind}: account ${a} named by its events`).toBe(true);
    MARKERS[kind](mine, { rogueIp });
  });
});
