import type { Host } from './domain';
import { NOBODY, type Principal, securityEvent } from './event';
import { NULL_GUID } from './format';
import type { SecurityEvent } from './types';

/** Logon/Logoff events (4624, 4625, 4634, 4647, 4648, 4672), fields in template order. */

export interface LogonFields {
  subject: Principal;
  subjectLogonId: string;
  target: Principal;
  targetLogonId: string;
  logonType: number;
  /** "User32 ", "Kerberos", "NtLmSsp ", "Advapi  ", "seclogo" (Windows pads some to 8). */
  logonProcess: string;
  /** "Negotiate", "Kerberos", "NTLM". */
  authPackage: string;
  workstation: string;
  logonGuid?: string;
  /** "-", "NTLM V1", "NTLM V2". */
  lmPackage?: string;
  keyLength?: number;
  processId?: string;
  processName?: string;
  ip?: string;
  port?: string;
  /** %%1833 impersonation, %%1840 delegation. */
  impersonation?: string;
  elevated?: boolean;
  linkedLogonId?: string;
  /** Type 9 (NewCredentials): the account used for outbound connections. */
  outbound?: { name: string; domain: string };
  restrictedAdmin?: string;
}

/** 4624 version 2 (Windows 10 / Server 2016 and later). */
export function logon4624(host: Host, time: number, f: LogonFields): SecurityEvent {
  return securityEvent(4624, host, time, {
    SubjectUserSid: f.subject.sid,
    SubjectUserName: f.subject.name,
    SubjectDomainName: f.subject.domain,
    SubjectLogonId: f.subjectLogonId,
    TargetUserSid: f.target.sid,
    TargetUserName: f.target.name,
    TargetDomainName: f.target.domain,
    TargetLogonId: f.targetLogonId,
    LogonType: f.logonType,
    LogonProcessName: f.logonProcess,
    AuthenticationPackageName: f.authPackage,
    WorkstationName: f.workstation,
    LogonGuid: f.logonGuid ?? NULL_GUID,
    TransmittedServices: '-',
    LmPackageName: f.lmPackage ?? '-',
    KeyLength: f.keyLength ?? 0,
    ProcessId: f.processId ?? '0x0',
    ProcessName: f.processName ?? '-',
    IpAddress: f.ip ?? '-',
    IpPort: f.port ?? '-',
    ImpersonationLevel: f.impersonation ?? '%%1833',
    RestrictedAdminMode: f.restrictedAdmin ?? '-',
    TargetOutboundUserName: f.outbound?.name ?? '-',
    TargetOutboundDomainName: f.outbound?.domain ?? '-',
    VirtualAccount: '%%1843',
    TargetLinkedLogonId: f.linkedLogonId ?? '0x0',
    ElevatedToken: f.elevated ? '%%1842' : '%%1843',
  });
}

/** NTSTATUS pairs of 4625 (Status, SubStatus) and the FailureReason message id. */
export const LOGON_FAILURES = {
  badPassword: { status: '0xc000006d', subStatus: '0xc000006a', reason: '%%2313' },
  unknownUser: { status: '0xc000006d', subStatus: '0xc0000064', reason: '%%2313' },
  lockedOut: { status: '0xc0000234', subStatus: '0x0', reason: '%%2307' },
  expiredPassword: { status: '0xc000006d', subStatus: '0xc0000071', reason: '%%2309' },
  disabled: { status: '0xc000006e', subStatus: '0xc0000072', reason: '%%2310' },
} as const;
export type LogonFailure = keyof typeof LOGON_FAILURES;

export interface FailedLogonFields {
  subject: Principal;
  subjectLogonId: string;
  /** Account name as typed; the SID is always the NULL SID. */
  targetName: string;
  targetDomain: string;
  failure: LogonFailure;
  logonType: number;
  logonProcess: string;
  authPackage: string;
  workstation: string;
  lmPackage?: string;
  processId?: string;
  processName?: string;
  ip?: string;
  port?: string;
}

/** 4625 version 0. */
export function failedLogon4625(host: Host, time: number, f: FailedLogonFields): SecurityEvent {
  const why = LOGON_FAILURES[f.failure];
  return securityEvent(
    4625,
    host,
    time,
    {
      SubjectUserSid: f.subject.sid,
      SubjectUserName: f.subject.name,
      SubjectDomainName: f.subject.domain,
      SubjectLogonId: f.subjectLogonId,
      TargetUserSid: NOBODY.sid,
      TargetUserName: f.targetName,
      TargetDomainName: f.targetDomain,
      Status: why.status,
      FailureReason: why.reason,
      SubStatus: why.subStatus,
      LogonType: f.logonType,
      LogonProcessName: f.logonProcess,
      AuthenticationPackageName: f.authPackage,
      WorkstationName: f.workstation,
      TransmittedServices: '-',
      LmPackageName: f.lmPackage ?? '-',
      KeyLength: 0,
      ProcessId: f.processId ?? '0x0',
      ProcessName: f.processName ?? '-',
      IpAddress: f.ip ?? '-',
      IpPort: f.port ?? '-',
    },
    true,
  );
}

export function logoff4634(host: Host, time: number, target: Principal, logonId: string, logonType: number): SecurityEvent {
  return securityEvent(4634, host, time, {
    TargetUserSid: target.sid,
    TargetUserName: target.name,
    TargetDomainName: target.domain,
    TargetLogonId: logonId,
    LogonType: logonType,
  });
}

/** User initiated logoff (interactive and RDP sessions, before their 4634). */
export function userLogoff4647(host: Host, time: number, target: Principal, logonId: string): SecurityEvent {
  return securityEvent(4647, host, time, {
    TargetUserSid: target.sid,
    TargetUserName: target.name,
    TargetDomainName: target.domain,
    TargetLogonId: logonId,
  });
}

export interface ExplicitFields {
  subject: Principal;
  subjectLogonId: string;
  target: { name: string; domain: string };
  /** "localhost", or the server's FQDN / NetBIOS name. */
  server: string;
  /** "localhost", or the SPN asked for (`TERMSRV/srv.corp.local`). */
  info: string;
  processId: string;
  processName: string;
  ip?: string;
  port?: string;
}

/** 4648, logon with explicit credentials (runas, mstsc with saved credentials, net use /user). */
export function explicit4648(host: Host, time: number, f: ExplicitFields): SecurityEvent {
  return securityEvent(4648, host, time, {
    SubjectUserSid: f.subject.sid,
    SubjectUserName: f.subject.name,
    SubjectDomainName: f.subject.domain,
    SubjectLogonId: f.subjectLogonId,
    LogonGuid: NULL_GUID,
    TargetUserName: f.target.name,
    TargetDomainName: f.target.domain,
    TargetLogonGuid: NULL_GUID,
    TargetServerName: f.server,
    TargetInfo: f.info,
    ProcessId: f.processId,
    ProcessName: f.processName,
    IpAddress: f.ip ?? '-',
    IpPort: f.port ?? '-',
  });
}

const ADMIN_PRIVILEGES = [
  'SeSecurityPrivilege',
  'SeBackupPrivilege',
  'SeRestorePrivilege',
  'SeTakeOwnershipPrivilege',
  'SeDebugPrivilege',
  'SeSystemEnvironmentPrivilege',
  'SeLoadDriverPrivilege',
  'SeImpersonatePrivilege',
  'SeDelegateSessionUserImpersonatePrivilege',
].join('\r\n\t\t\t');
const SYSTEM_PRIVILEGES = [
  'SeAssignPrimaryTokenPrivilege',
  'SeTcbPrivilege',
  'SeSecurityPrivilege',
  'SeTakeOwnershipPrivilege',
  'SeLoadDriverPrivilege',
  'SeBackupPrivilege',
  'SeRestorePrivilege',
  'SeDebugPrivilege',
  'SeAuditPrivilege',
  'SeSystemEnvironmentPrivilege',
  'SeImpersonatePrivilege',
  'SeDelegateSessionUserImpersonatePrivilege',
].join('\r\n\t\t\t');

/** 4672, special privileges assigned to a new logon (admins, SYSTEM, backup operators). */
export function privileges4672(host: Host, time: number, subject: Principal, logonId: string): SecurityEvent {
  return securityEvent(4672, host, time, {
    SubjectUserSid: subject.sid,
    SubjectUserName: subject.name,
    SubjectDomainName: subject.domain,
    SubjectLogonId: logonId,
    PrivilegeList: subject.sid === 'S-1-5-18' ? SYSTEM_PRIVILEGES : ADMIN_PRIVILEGES,
  });
}
