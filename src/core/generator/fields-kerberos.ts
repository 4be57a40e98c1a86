import type { Domain, Host } from './domain';
import { securityEvent } from './event';
import { NULL_GUID } from './format';
import type { SecurityEvent } from './types';

/** Account Logon events a DC logs (4768, 4769, 4771, 4776), fields in template order. */

/** How a DC writes a client address in Kerberos events (IPv4-mapped IPv6). */
export function kerberosAddress(ip: string): string {
  return ip.includes(':') || ip === '-' ? ip : `::ffff:${ip}`;
}

export interface TgtFields {
  /** As the client typed it (a typo for unknown-user failures). */
  name: string;
  /** The account's SID, or the NULL SID when the request failed. */
  sid: string;
  ip: string;
  port: string;
  /** Kerberos result code in Windows' short form: `0x0`, `0x6`, `0x12`… */
  status?: string;
  ticketOptions?: string;
  /** `0x12` AES256, `0x17` RC4 (what overpass-the-hash and old tools use). */
  encryption?: string;
  preAuthType?: string;
}

/** 4768, a TGT was requested. */
export function tgt4768(dc: Host, time: number, d: Domain, f: TgtFields): SecurityEvent {
  const status = f.status ?? '0x0';
  const ok = status === '0x0';
  return securityEvent(
    4768,
    dc,
    time,
    {
      TargetUserName: f.name,
      TargetDomainName: d.realm,
      TargetSid: ok ? f.sid : 'S-1-0-0',
      ServiceName: ok ? 'krbtgt' : `krbtgt/${d.realm}`,
      ServiceSid: ok ? d.krbtgt.sid : 'S-1-0-0',
      TicketOptions: f.ticketOptions ?? '0x40810010',
      Status: status,
      TicketEncryptionType: ok ? (f.encryption ?? '0x12') : '0xffffffff',
      PreAuthType: ok ? (f.preAuthType ?? '2') : '-',
      IpAddress: kerberosAddress(f.ip),
      IpPort: f.port,
      CertIssuerName: '',
      CertSerialNumber: '',
      CertThumbprint: '',
    },
    !ok,
  );
}

export interface TgsFields {
  /** `user@REALM`, as the DC logs the client. */
  name: string;
  /** Service account name (`FS01$`, `svc_sql`, `krbtgt`). */
  service: string;
  serviceSid: string;
  ip: string;
  port: string;
  status?: string;
  ticketOptions?: string;
  encryption?: string;
  logonGuid?: string;
}

/** 4769, a service ticket was requested (failures are audit failures with the KDC error code). */
export function tgs4769(dc: Host, time: number, d: Domain, f: TgsFields): SecurityEvent {
  const status = f.status ?? '0x0';
  const ok = status === '0x0';
  return securityEvent(
    4769,
    dc,
    time,
    {
      TargetUserName: f.name,
      TargetDomainName: d.realm,
      ServiceName: f.service,
      ServiceSid: ok ? f.serviceSid : 'S-1-0-0',
      TicketOptions: f.ticketOptions ?? '0x40810000',
      TicketEncryptionType: ok ? (f.encryption ?? '0x12') : '0xffffffff',
      IpAddress: kerberosAddress(f.ip),
      IpPort: f.port,
      Status: status,
      LogonGuid: ok ? (f.logonGuid ?? NULL_GUID) : NULL_GUID,
      TransmittedServices: '-',
    },
    !ok,
  );
}

/** 4771, Kerberos pre-authentication failed (wrong password: status 0x18). */
export function preauth4771(dc: Host, time: number, d: Domain, f: { name: string; sid: string; ip: string; port: string; status?: string }): SecurityEvent {
  return securityEvent(
    4771,
    dc,
    time,
    {
      TargetUserName: f.name,
      TargetSid: f.sid,
      ServiceName: `krbtgt/${d.realm}`,
      TicketOptions: '0x40810010',
      Status: f.status ?? '0x18',
      PreAuthType: '2',
      IpAddress: kerberosAddress(f.ip),
      IpPort: f.port,
      CertIssuerName: '',
      CertSerialNumber: '',
      CertThumbprint: '',
    },
    true,
  );
}

/** 4776, NTLM credential validation (`Status` 0x0, or 0xc000006a / 0xc0000064 / 0xc0000234 …). */
export function ntlm4776(dc: Host, time: number, f: { name: string; workstation: string; status?: string }): SecurityEvent {
  const status = f.status ?? '0x0';
  return securityEvent(
    4776,
    dc,
    time,
    {
      PackageName: 'MICROSOFT_AUTHENTICATION_PACKAGE_V1_0',
      TargetUserName: f.name,
      Workstation: f.workstation,
      Status: status,
    },
    status !== '0x0',
  );
}
