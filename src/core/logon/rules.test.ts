import { describe, expect, it } from 'vitest';
import { F, LOGON_FIELDS } from './fields';
import { normalizeValues } from './normalize';
import {
  authPackageValue,
  categoryValue,
  domainValue,
  formatShifted,
  hostValue,
  hourBucket,
  isIpv6,
  isLoopback,
  logonTypeValue,
  shiftedTime,
  sidValue,
  statusValue,
  subcategoryValue,
  userKey,
} from './rules';

// Each table transcribes a rule of the reference (logontracer-reference.md §2.3–§2.8); rows marked
// "diff" are the deliberate differences listed in docs/differences-from-logontracer.md.

describe('§2.4 account name → user key', () => {
  it.each([
    ['Administrator@CORP.LOCAL', 'administrator'],
    ['jdoe', 'jdoe'],
    ['JDoe', 'jdoe'],
    ["o'brien", "o'brien"], // the apostrophe is not in UCHECK
    ['WS0001$', null], // machine account
    ['WS0001$@CORP.LOCAL', null],
    ['@corp.local', null], // empty before '@'
    ['', null],
    [null, null],
    ['-', null], // diff: the placeholder is absent, not a user named "-"
    ['ANONYMOUS LOGON', 'anonymous logon'], // (dropped by the logon branch, see below)
    ...['"', '%', '&', '*', '+', ',', '/', ':', ';', '<', '=', '>', '?', '[', '\\', ']', '|'].map((c) => [`a${c}b`, null] as [string, null]),
  ])('%j → %j', (raw, key) => expect(userKey(raw)).toBe(key));
});

describe('§2.4 IP / host value', () => {
  it.each([
    ['10.0.0.5', '10.0.0.5'],
    ['::ffff:10.0.0.5', '10.0.0.5'],
    ['WS01', 'ws01'],
    ['\\\\WS01', 'ws01'], // backslashes deleted
    ['ws01@corp', 'ws01'],
    ["o'host", "o'host"],
    ['-', null],
    ['', null],
    [null, null],
    ['fe80::1', 'fe80::1'],
    ['FE80::1', 'fe80::1'], // lower-cased first
    ['0::1', '0::1'],
    ['a:b:c:d:e:f:0:1', 'a:b:c:d:e:f:0:1'],
    ['2001:0db8::1', '2001:0db8::1'], // diff: leading zeros accepted
    ['00::1', '00::1'], // diff
    ['fe80::1%12', 'fe80::1'], // diff: zone index removed
    ['1:2:3:4:5:6::', '1:2:3:4:5:6::'], // diff: valid form the reference rejects
    ['a::b:c:d:e:f:0', 'a::b:c:d:e:f:0'], // diff
    ['::1.2.3.4', '::1.2.3.4'], // diff: embedded IPv4
    ['a*b', null], // HCHECK
    ['a<b', null],
    ['a:b', null], // neither a host name (':' fails HCHECK) nor an IPv6
    ['1:2:3:4:5:6:7:8:9', null],
    ['1::2::3', null],
    ['12345::1', null],
  ])('%j → %j', (raw, v) => expect(hostValue(raw)).toBe(v));

  it('accepts only valid IPv6 text', () => {
    for (const ok of ['::', '::1', '1::', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:1.2.3.4', '::ffff:1.2.3.4']) expect(isIpv6(ok), ok).toBe(true);
    for (const bad of ['1', ':1', '1:', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', 'g::1', '1:2:3:4:5:6:7:1.2.3.4', '::1.2.3']) expect(isIpv6(bad), bad).toBe(false);
  });

  it.each([
    ['127.0.0.1', true],
    ['::1', true],
    ['127.1.2.3', true], // diff: all of 127/8
    ['0:0:0:0:0:0:0:1', true], // diff: any form of ::1
    ['::0001', true],
    ['10.0.0.1', false],
    ['::10', false],
    ['1::1', false],
    ['ws01', false],
  ])('loopback %j → %j', (ip, yes) => expect(isLoopback(ip)).toBe(yes));
});

describe('§2.3–2.5 other fields', () => {
  it.each([
    ['CORP', 'CORP'],
    ['corp.local', 'corp.local'], // case kept: CORP and corp.local stay different
    ['NT AUTHORITY', 'NT AUTHORITY'],
    ['a/b', null],
    ['-', null],
  ])('domain %j → %j', (raw, v) => expect(domainValue(raw)).toBe(v));

  it.each([
    ['S-1-5-21-1-2-3-500', 'S-1-5-21-1-2-3-500'],
    ['S-1-0-0', null], // diff: the NULL SID is absent
    ['s-1-5-18', null],
    ['S-1-5-x', null],
    ['-', null],
  ])('SID %j → %j', (raw, v) => expect(sidValue(raw)).toBe(v));

  it.each([
    ['0xc000006d', '0xc000006d'],
    ['0xC000006D', '0xc000006d'], // lower-cased
    ['0x0', '0x0'], // diff: short Kerberos codes kept
    ['0x6', '0x6'],
    ['0x1F', '0x1f'],
    [0x18, '0x18'],
    ['0x', null],
    ['0x123456789', null],
    ['c000006d', null],
    ['-', null],
    [null, null],
  ] as const)('status %j → %j', (raw, v) => expect(statusValue(raw)).toBe(v));

  it.each([
    ['3', 3],
    ['10', 10],
    [2, 2],
    ['100', 0],
    ['x', 0],
    [null, 0],
    [undefined, 0],
  ] as const)('logon type %j → %j', (raw, v) => expect(logonTypeValue(raw)).toBe(v));

  it.each([
    ['Negotiate', 'Negotiate'],
    ['NTLM', 'NTLM'],
    ['MICROSOFT_AUTHENTICATION_PACKAGE_V1_0', 'MICROSOFT_AUTHENTICATION_PACKAGE_V1_0'],
    ['', null],
    ['-', null],
    ['Kerberos v5', null],
  ])('authentication package %j → %j', (raw, v) => expect(authPackageValue(raw)).toBe(v));

  it('4719 category and subcategory', () => {
    expect(categoryValue('%%8274')).toBe('%%8274');
    expect(categoryValue('%%827')).toBeNull();
    expect(subcategoryValue('{0CCE922F-69AE-11D9-BED3-505054503030}')).toBe('{0cce922f-69ae-11d9-bed3-505054503030}');
    expect(subcategoryValue('0cce922f')).toBeNull();
  });
});

describe('§2.8 time handling', () => {
  it.each([
    ['2024-03-04T10:11:12.1234567Z', 0, '2024-03-04 10:11:12'],
    ['2024-03-04T10:11:12Z', 0, '2024-03-04 10:11:12'],
    ['2024-03-04 10:11:12', 0, '2024-03-04 10:11:12'],
    ['2024-03-04T23:30:00.5Z', 9, '2024-03-05 08:30:00'],
    ['2024-03-01T01:00:00Z', -2, '2024-02-29 23:00:00'],
    ['2024-03-04T10:00:00Z', 5.5, '2024-03-04 15:30:00'], // diff: fractional offsets
  ] as const)('%s %+d h → %s', (raw, tz, out) => expect(formatShifted(shiftedTime(raw, tz)!)).toBe(out));

  it('rejects unparsable times', () => {
    for (const bad of ['', 'yesterday', '2024-13-01T00:00:00Z', '2024-02-30T00:00:00Z', '2024-03-04T24:00:00Z']) expect(shiftedTime(bad, 0), bad).toBeNull();
  });

  it('hour bucket', () => expect(formatShifted(hourBucket(shiftedTime('2024-03-04T10:59:59.9Z', 0)!))).toBe('2024-03-04 10:00:00'));
});

/** LOGON_FIELDS values from a name → value object. */
function values(fields: Record<string, string | number>): (string | number | undefined)[] {
  const out: (string | number | undefined)[] = LOGON_FIELDS.map(() => undefined);
  for (const [k, v] of Object.entries(fields)) {
    const i = (F as Record<string, number>)[k];
    if (i === undefined) throw new Error(`not in LOGON_FIELDS: ${k}`);
    out[i] = v;
  }
  return out;
}
const T = '2024-03-04T10:11:12.5Z';
const sys = (id: number, extra: Record<string, string | number> = {}) => values({ 'System.EventID': id, 'System.TimeCreated.SystemTime': T, 'System.EventRecordID': 7, ...extra });

describe('§2.5–2.7 per event id', () => {
  const logon = { TargetUserName: 'JDoe', TargetDomainName: 'CORP', TargetUserSid: 'S-1-5-21-1-2-3-1104', IpAddress: '10.0.0.5', WorkstationName: 'WS01', LogonType: 3, AuthenticationPackageName: 'NTLM' };

  it('4624: one logon row, IP preferred as host key', () => {
    expect(normalizeValues(sys(4624, logon))).toEqual({
      eventId: 4624, recordId: 7, time: Date.UTC(2024, 2, 4, 10, 11, 12), kind: 'logon',
      user: 'jdoe', host: '10.0.0.5', ip: '10.0.0.5', hostname: 'ws01', domain: 'CORP', sid: 'S-1-5-21-1-2-3-1104', logonType: 3, status: null, authPackage: 'NTLM',
    });
  });

  it('acceptance rule (§2.6)', () => {
    expect(normalizeValues(sys(4624, { ...logon, IpAddress: '-' }))).toMatchObject({ host: 'ws01', ip: null });
    expect(normalizeValues(sys(4624, { ...logon, IpAddress: '-', WorkstationName: '-' }))).toBeNull(); // no host
    expect(normalizeValues(sys(4624, { ...logon, IpAddress: '127.0.0.1' }))).toBeNull(); // loopback, even with a host name
    expect(normalizeValues(sys(4624, { ...logon, IpAddress: '::1' }))).toBeNull();
    expect(normalizeValues(sys(4624, { ...logon, IpAddress: '::ffff:127.0.0.1' }))).toBeNull();
    expect(normalizeValues(sys(4624, { ...logon, TargetUserName: 'WS01$' }))).toBeNull(); // machine account
    expect(normalizeValues(sys(4624, { ...logon, TargetUserName: 'a,b' }))).toBeNull(); // UCHECK
    expect(normalizeValues(sys(4624, { ...logon, TargetUserName: 'ANONYMOUS LOGON' }))).toBeNull(); // diff: [BUG] fixed
    expect(normalizeValues(sys(4624, { ...logon, TargetDomainName: 'a|b' }))).toMatchObject({ domain: null });
  });

  it('4625 keeps NTSTATUS, drops the NULL SID', () => {
    expect(normalizeValues(sys(4625, { ...logon, TargetUserSid: 'S-1-0-0', Status: '0xC000006D', LogonType: '3' }))).toMatchObject({ kind: 'logon-failure', sid: null, status: '0xc000006d', logonType: 3 });
  });

  it('4768 / 4769: short Kerberos status kept, logon type 0, ::ffff: removed, user cut at @', () => {
    expect(normalizeValues(sys(4768, { TargetUserName: 'jdoe', TargetDomainName: 'CORP.LOCAL', TargetSid: 'S-1-5-21-9', IpAddress: '::ffff:10.0.0.7', Status: '0x6' }))).toMatchObject({
      kind: 'kerberos-tgt', user: 'jdoe', host: '10.0.0.7', sid: 'S-1-5-21-9', status: '0x6', logonType: 0, authPackage: null,
    });
    expect(normalizeValues(sys(4769, { TargetUserName: 'JDoe@CORP.LOCAL', IpAddress: '::ffff:10.0.0.7', Status: '0x1F' }))).toMatchObject({ kind: 'kerberos-tgs', user: 'jdoe', status: '0x1f' });
  });

  it('4776: Workstation is the host, PackageName the authentication package', () => {
    expect(normalizeValues(sys(4776, { TargetUserName: 'jdoe', Workstation: '\\\\WS01', PackageName: 'MICROSOFT_AUTHENTICATION_PACKAGE_V1_0', Status: '0x0' }))).toMatchObject({
      kind: 'ntlm', host: 'ws01', ip: 'ws01', hostname: null, status: '0x0', authPackage: 'MICROSOFT_AUTHENTICATION_PACKAGE_V1_0',
    });
  });

  it('4672, 4662, 4720, 4726: the account key, nothing for machine accounts', () => {
    expect(normalizeValues(sys(4672, { SubjectUserName: 'Admin' }))).toMatchObject({ kind: 'privileged', user: 'admin' });
    expect(normalizeValues(sys(4672, { SubjectUserName: 'DC01$' }))).toBeNull();
    expect(normalizeValues(sys(4662, { SubjectUserName: 'Admin' }))).toMatchObject({ kind: 'dcsync-access', user: 'admin' });
    expect(normalizeValues(sys(4662, { SubjectUserName: 'DC01$' }))).toBeNull();
    expect(normalizeValues(sys(4720, { SubjectUserName: 'Admin', TargetUserName: 'NewGuy' }))).toMatchObject({ kind: 'user-created', user: 'newguy' });
    expect(normalizeValues(sys(4726, { TargetUserName: 'OldGuy' }))).toMatchObject({ kind: 'user-deleted', user: 'oldguy' });
  });

  it('5137 / 5141 keep machine subjects as null', () => {
    expect(normalizeValues(sys(5137, { SubjectUserName: 'Admin' }))).toMatchObject({ kind: 'ds-object-created', user: 'admin' });
    expect(normalizeValues(sys(5141, { SubjectUserName: 'DC01$' }))).toMatchObject({ kind: 'ds-object-deleted', user: null });
  });

  it('4719', () => {
    expect(normalizeValues(sys(4719, { SubjectUserName: 'DC01$', CategoryId: '%%8274', SubcategoryGuid: '{0CCE921D-69AE-11D9-BED3-505054503030}' }))).toMatchObject({
      kind: 'policy-change', user: null, category: '%%8274', subcategoryGuid: '{0cce921d-69ae-11d9-bed3-505054503030}',
    });
    expect(normalizeValues(sys(4719, { SubjectUserName: 'x', CategoryId: 'bad' }))).toMatchObject({ category: null, subcategoryGuid: null }); // diff: no stale values
  });

  it('group membership', () => {
    for (const id of [4728, 4732, 4756]) expect(normalizeValues(sys(id, { TargetUserName: 'Domain Admins', MemberSid: 'S-1-5-21-1-2-3-1104' }))).toMatchObject({ kind: 'group-member-added', group: 'Domain Admins', memberSid: 'S-1-5-21-1-2-3-1104' });
    for (const id of [4729, 4733, 4757]) expect(normalizeValues(sys(id, { TargetUserName: 'Domain Admins', MemberSid: 'S-1-5-21-1-2-3-1104' }))).toMatchObject({ kind: 'group-member-removed' });
    expect(normalizeValues(sys(4728, { TargetUserName: 'Domain Admins', MemberSid: '-' }))).toBeNull(); // diff: skipped, not stale
    expect(normalizeValues(sys(4728, { TargetUserName: 'a=b', MemberSid: 'S-1-5-21-1' }))).toBeNull();
  });

  it('1102: cut at @, lower-cased, no UCHECK; other providers skipped', () => {
    const p = { 'System.Provider.Name': 'Microsoft-Windows-Eventlog' };
    expect(normalizeValues(sys(1102, { ...p, SubjectUserName: 'Ad,min@corp', SubjectDomainName: 'CORP' }))).toMatchObject({ kind: 'log-cleared', user: 'ad,min', domain: 'CORP' });
    expect(normalizeValues(sys(1102, { ...p, SubjectUserName: 'DC01$' }))).toMatchObject({ user: null, domain: null });
    expect(normalizeValues(sys(1102, { 'System.Provider.Name': 'Microsoft-Windows-Something', SubjectUserName: 'x' }))).toBeNull();
  });

  it('time zone, unhandled ids, bad times', () => {
    expect(normalizeValues(sys(4672, { SubjectUserName: 'a' }), -3)).toMatchObject({ time: Date.UTC(2024, 2, 4, 7, 11, 12) });
    expect(normalizeValues(sys(4634, { SubjectUserName: 'a' }))).toBeNull();
    expect(normalizeValues(values({ 'System.EventID': 4672, 'System.TimeCreated.SystemTime': 'garbage', SubjectUserName: 'a' }))).toBeNull();
    expect(() => normalizeValues(sys(4672), 24)).toThrow(RangeError);
  });
});
