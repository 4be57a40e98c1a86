import type { Host } from './domain';
import { AUDIT_FAILURE, AUDIT_SUCCESS, type SecurityEvent } from './types';

/** Who a group of Subject… or Target… fields names. */
export interface Principal {
  name: string;
  sid: string;
  domain: string;
}

export const SYSTEM: Principal = { name: 'SYSTEM', sid: 'S-1-5-18', domain: 'NT AUTHORITY' };
export const NETWORK_SERVICE: Principal = { name: 'NETWORK SERVICE', sid: 'S-1-5-20', domain: 'NT AUTHORITY' };
export const LOCAL_SERVICE: Principal = { name: 'LOCAL SERVICE', sid: 'S-1-5-19', domain: 'NT AUTHORITY' };
export const NOBODY: Principal = { name: '-', sid: 'S-1-0-0', domain: '-' };
export const SYSTEM_LOGON_ID = '0x3e7';

/** The host's machine account as subject of what SYSTEM does there (S-1-5-18, logon id 0x3e7). */
export function machineSubject(host: Host): Principal {
  return { name: host.account?.name ?? `${host.name}$`, sid: SYSTEM.sid, domain: host.account?.domain ?? 'WORKGROUP' };
}

/** A Security-Auditing event logged by `host` (lsass's process id, a plausible thread id). */
export function securityEvent(eventId: number, host: Host, time: number, fields: SecurityEvent['fields'], failure = false): SecurityEvent {
  return {
    eventId,
    time,
    computer: host.fqdn,
    fields,
    processId: host.lsass,
    threadId: 4 * (150 + (Math.floor(time / 1013) % 900)),
    keywords: failure ? AUDIT_FAILURE : AUDIT_SUCCESS,
  };
}
