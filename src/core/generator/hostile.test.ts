import { describe, expect, it } from 'vitest';
import { containsHostile, HOSTILE_DOMAIN, HOSTILE_PAYLOADS, type HostileCategory } from './hostile';
import { collect, smallOptions } from './testing';
import type { SecurityEvent } from './types';

const ACCOUNT_FIELDS = ['TargetUserName', 'SubjectUserName', 'MemberName', 'TargetOutboundUserName'];
const HOST_FIELDS = ['WorkstationName', 'Workstation', 'TargetServerName'];
const DOMAIN_FIELDS = ['TargetDomainName', 'SubjectDomainName'];
const CATEGORIES: HostileCategory[] = ['html', 'csv', 'cypher', 'other'];

function found(events: SecurityEvent[], pick: (e: SecurityEvent) => unknown[]): Set<HostileCategory> {
  const out = new Set<HostileCategory>();
  for (const e of events) for (const v of pick(e)) if (typeof v === 'string') for (const c of containsHostile(v)) out.add(c);
  return out;
}

describe('hostile names', () => {
  const { scenario, events } = collect(smallOptions({ hostile: true, days: 2 }));

  it('puts every kind of payload into account, host and domain names', () => {
    expect(found(events, (e) => ACCOUNT_FIELDS.map((k) => e.fields[k]))).toEqual(new Set(CATEGORIES));
    expect(found(events, (e) => [e.computer, ...HOST_FIELDS.map((k) => e.fields[k])])).toEqual(new Set(CATEGORIES));
    expect(events.some((e) => DOMAIN_FIELDS.some((k) => e.fields[k] === HOSTILE_DOMAIN.netbios))).toBe(true);
    expect(events.some((e) => e.computer.endsWith(HOSTILE_DOMAIN.fqdn.toLowerCase()))).toBe(true);
    // Every payload names a person, and nearly all of them log on (a few may stay home).
    const people = new Set(scenario.domain.people.map((p) => p.name));
    expect(HOSTILE_PAYLOADS.filter((p) => !people.has(p.value))).toEqual([]);
    const logonNames = new Set(events.filter((e) => e.eventId === 4624).map((e) => e.fields['TargetUserName']));
    expect(HOSTILE_PAYLOADS.filter((p) => logonNames.has(p.value)).length).toBeGreaterThanOrEqual(HOSTILE_PAYLOADS.length * 0.8);
  });

  it('keeps names printable and free of backslashes, and unique ignoring case', () => {
    const d = scenario.domain;
    const names = [...d.people, ...d.services, ...[...d.dcs, ...d.servers, ...d.workstations].map((h) => h.account!)].map((a) => a.name);
    for (const n of names) {
      expect(n).not.toMatch(/[\u0000-\u001f\u007f\\]/);
      expect(n.length).toBeGreaterThan(0);
    }
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it('uses none of them unless asked', () => {
    const plain = collect(smallOptions({ days: 1 })).events;
    const names = [...ACCOUNT_FIELDS, ...HOST_FIELDS, ...DOMAIN_FIELDS];
    expect(found(plain, (e) => [e.computer, ...names.map((k) => e.fields[k])]).size).toBe(0);
  });
});
