import type { Host } from './domain';
import { type Principal, securityEvent } from './event';
import { LOG_CLEARED, type SecurityEvent } from './types';

/** Process creation (4688), audit policy change (4719) and log clearing (1102). */

export interface ProcessFields {
  subject: Principal;
  logonId: string;
  newProcessId: string;
  image: string;
  commandLine: string;
  parentId: string;
  parentImage: string;
  /** %%1936 default, %%1937 full (elevated), %%1938 limited. */
  elevation: string;
  /** S-1-16-8192 medium, S-1-16-12288 high, S-1-16-16384 system. */
  label: string;
}

/** 4688 version 2. */
export function process4688(host: Host, time: number, f: ProcessFields): SecurityEvent {
  return securityEvent(4688, host, time, {
    SubjectUserSid: f.subject.sid,
    SubjectUserName: f.subject.name,
    SubjectDomainName: f.subject.domain,
    SubjectLogonId: f.logonId,
    NewProcessId: f.newProcessId,
    NewProcessName: f.image,
    TokenElevationType: f.elevation,
    ProcessId: f.parentId,
    CommandLine: f.commandLine,
    TargetUserSid: 'S-1-0-0',
    TargetUserName: '-',
    TargetDomainName: '-',
    TargetLogonId: '0x0',
    ParentProcessName: f.parentImage,
    MandatoryLabel: f.label,
  });
}

/**
 * Audit subcategories: message ids of CategoryId / SubcategoryId, and SubcategoryGuid (a GUID value,
 * written as the parser renders GUIDs: upper case, no braces; Event Viewer's XML shows it braced).
 */
export const AUDIT_SUBCATEGORIES = {
  logon: { category: '%%8273', subcategory: '%%12544', guid: '0CCE9215-69AE-11D9-BED3-505054503030' },
  specialLogon: { category: '%%8273', subcategory: '%%12548', guid: '0CCE921B-69AE-11D9-BED3-505054503030' },
  credentialValidation: { category: '%%8280', subcategory: '%%14336', guid: '0CCE923F-69AE-11D9-BED3-505054503030' },
  kerberos: { category: '%%8280', subcategory: '%%14339', guid: '0CCE9242-69AE-11D9-BED3-505054503030' },
  userAccount: { category: '%%8278', subcategory: '%%13824', guid: '0CCE9235-69AE-11D9-BED3-505054503030' },
  processCreation: { category: '%%8276', subcategory: '%%13312', guid: '0CCE922B-69AE-11D9-BED3-505054503030' },
} as const;

/**
 * 4719, system audit policy was changed. `changes`: "%%8448" success removed, "%%8450" failure
 * removed, "%%8449" success added, "%%8451" failure added (comma separated).
 */
export function auditPolicy4719(host: Host, time: number, subject: Principal, logonId: string, sub: keyof typeof AUDIT_SUBCATEGORIES, changes: string): SecurityEvent {
  const s = AUDIT_SUBCATEGORIES[sub];
  return securityEvent(4719, host, time, {
    SubjectUserSid: subject.sid,
    SubjectUserName: subject.name,
    SubjectDomainName: subject.domain,
    SubjectLogonId: logonId,
    CategoryId: s.category,
    SubcategoryId: s.subcategory,
    SubcategoryGuid: s.guid,
    AuditPolicyChanges: changes,
  });
}

/** 1102, the audit log was cleared (UserData/LogFileCleared, provider Microsoft-Windows-Eventlog). */
export function logCleared1102(host: Host, time: number, subject: Principal, logonId: string): SecurityEvent {
  return {
    ...securityEvent(1102, host, time, {
      SubjectUserSid: subject.sid,
      SubjectUserName: subject.name,
      SubjectDomainName: subject.domain,
      SubjectLogonId: logonId,
    }),
    keywords: LOG_CLEARED,
  };
}
