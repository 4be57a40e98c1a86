import type { Domain, Host } from './domain';
import { type Principal, securityEvent } from './event';
import type { SecurityEvent } from './types';

/** Directory Service and Account Management events a DC logs, fields in template order. */

export interface Actor {
  subject: Principal;
  logonId: string;
}

/** Extended rights a replication (DCSync) request checks on the domain object. */
export const REPLICATION_RIGHTS = {
  getChanges: '{1131f6aa-9c07-11d1-f79f-00c04fc2dcd2}',
  getChangesAll: '{1131f6ad-9c07-11d1-f79f-00c04fc2dcd2}',
  getChangesInFilteredSet: '{89e95b76-444d-4c62-991a-0facbeda640c}',
} as const;
/** Schema GUID of the domainDNS class. */
export const DOMAIN_DNS_CLASS = '{19195a5b-6da0-11d0-afd3-00c04fd930c9}';

/** 4662, an operation was performed on an object: here a control-access right on the domain object. */
export function dsAccess4662(dc: Host, time: number, d: Domain, a: Actor, right: string): SecurityEvent {
  return securityEvent(4662, dc, time, {
    SubjectUserSid: a.subject.sid,
    SubjectUserName: a.subject.name,
    SubjectDomainName: a.subject.domain,
    SubjectLogonId: a.logonId,
    ObjectServer: 'DS',
    ObjectType: `%${DOMAIN_DNS_CLASS}`,
    ObjectName: `%${d.guid}`,
    OperationType: 'Object Access',
    HandleId: '0x0',
    AccessList: '%%7688\r\n\t\t\t\t',
    AccessMask: '0x100',
    Properties: `%%7688\r\n\t\t${right}\r\n\t${DOMAIN_DNS_CLASS}\r\n`,
    AdditionalInfo: '-',
    AdditionalInfo2: '',
  });
}

export interface NewAccount {
  name: string;
  sid: string;
  displayName: string;
}

/** 4720, a user account was created (as ADUC or `net user /add /domain` creates one: disabled until a password is set). */
export function userCreated4720(dc: Host, time: number, d: Domain, a: Actor, u: NewAccount): SecurityEvent {
  return securityEvent(4720, dc, time, {
    TargetUserName: u.name,
    TargetDomainName: d.netbios,
    TargetSid: u.sid,
    SubjectUserSid: a.subject.sid,
    SubjectUserName: a.subject.name,
    SubjectDomainName: a.subject.domain,
    SubjectLogonId: a.logonId,
    PrivilegeList: '-',
    SamAccountName: u.name,
    DisplayName: u.displayName,
    UserPrincipalName: `${u.name}@${d.fqdn}`,
    HomeDirectory: '%%1793',
    HomePath: '%%1793',
    ScriptPath: '%%1793',
    ProfilePath: '%%1793',
    UserWorkstations: '%%1793',
    PasswordLastSet: '%%1794',
    AccountExpires: '%%1794',
    PrimaryGroupId: '513',
    AllowedToDelegateTo: '-',
    OldUacValue: '0x0',
    NewUacValue: '0x15',
    UserAccountControl: '\r\n\t\t%%2080\r\n\t\t%%2082\r\n\t\t%%2084',
    UserParameters: '%%1792',
    SidHistory: '-',
    LogonHours: '%%1797',
  });
}

/** 4726, a user account was deleted. */
export function userDeleted4726(dc: Host, time: number, d: Domain, a: Actor, u: { name: string; sid: string }): SecurityEvent {
  return securityEvent(4726, dc, time, {
    TargetUserName: u.name,
    TargetDomainName: d.netbios,
    TargetSid: u.sid,
    SubjectUserSid: a.subject.sid,
    SubjectUserName: a.subject.name,
    SubjectDomainName: a.subject.domain,
    SubjectLogonId: a.logonId,
    PrivilegeList: '-',
  });
}

export interface Group {
  name: string;
  sid: string;
  /** NetBIOS domain, or `Builtin` for local groups. */
  domain: string;
  scope: 'global' | 'local' | 'universal';
}

/** Well-known groups of a domain. */
export function wellKnownGroups(d: Domain) {
  return {
    domainAdmins: { name: 'Domain Admins', sid: `${d.sid}-512`, domain: d.netbios, scope: 'global' },
    enterpriseAdmins: { name: 'Enterprise Admins', sid: `${d.sid}-519`, domain: d.netbios, scope: 'universal' },
    administrators: { name: 'Administrators', sid: 'S-1-5-32-544', domain: 'Builtin', scope: 'local' },
    remoteDesktopUsers: { name: 'Remote Desktop Users', sid: 'S-1-5-32-555', domain: 'Builtin', scope: 'local' },
    sales: { name: 'Sales', sid: `${d.sid}-1101`, domain: d.netbios, scope: 'global' },
    allStaff: { name: 'All Staff', sid: `${d.sid}-1102`, domain: d.netbios, scope: 'universal' },
  } satisfies Record<string, Group>;
}

const ADDED = { global: 4728, local: 4732, universal: 4756 } as const;
const REMOVED = { global: 4729, local: 4733, universal: 4757 } as const;

/** 4728/4732/4756 (member added) or 4729/4733/4757 (removed), by the group's scope. */
export function membership(dc: Host, time: number, a: Actor, g: Group, member: { dn: string; sid: string }, added: boolean): SecurityEvent {
  return securityEvent((added ? ADDED : REMOVED)[g.scope], dc, time, {
    MemberName: member.dn,
    MemberSid: member.sid,
    TargetUserName: g.name,
    TargetDomainName: g.domain,
    TargetSid: g.sid,
    SubjectUserSid: a.subject.sid,
    SubjectUserName: a.subject.name,
    SubjectDomainName: a.subject.domain,
    SubjectLogonId: a.logonId,
    PrivilegeList: '-',
  });
}

export interface DsObject {
  dn: string;
  guid: string;
  objectClass: string;
}

/** 5137 (created) or 5141 (deleted), a directory service object. */
export function dsObject(dc: Host, time: number, d: Domain, a: Actor, o: DsObject, created: boolean, correlation: string): SecurityEvent {
  const fields: SecurityEvent['fields'] = {
    OpCorrelationID: correlation,
    AppCorrelationID: '-',
    SubjectUserSid: a.subject.sid,
    SubjectUserName: a.subject.name,
    SubjectDomainName: a.subject.domain,
    SubjectLogonId: a.logonId,
    DSName: d.fqdn,
    DSType: '%%14676',
    ObjectDN: o.dn,
    ObjectGUID: o.guid,
    ObjectClass: o.objectClass,
  };
  if (!created) fields['TreeDelete'] = '%%14679';
  return securityEvent(created ? 5137 : 5141, dc, time, fields);
}
