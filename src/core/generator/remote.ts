import { dcFor, endSession, type Session, step, type World } from './world';
import type { Account, Host } from './domain';
import { machineSubject, NOBODY, SYSTEM_LOGON_ID } from './event';
import { explicit4648, failedLogon4625, type LogonFailure, LOGON_FAILURES, logon4624, privileges4672 } from './fields-logon';
import { ntlm4776, tgs4769 } from './fields-kerberos';
import { guid, hex, logonId, pid, port } from './format';

/** Over the network: type 3 logons (Kerberos, NTLM, pass-the-hash), failed ones, Remote Desktop. */

const WINLOGON = 'C:\\Windows\\System32\\winlogon.exe';
const MSTSC = 'C:\\Windows\\System32\\mstsc.exe';

export interface AccessOptions {
  /** NTLM instead of Kerberos. */
  ntlm?: boolean;
  /** Pass-the-hash: NTLM with no session key (KeyLength 0), the attacker's chosen workstation name. */
  pth?: { workstation: string };
  /** How long the session stays open. */
  duration: number;
}

/** A network logon (type 3): file share, admin share, WMI… The DC sees a 4769 (Kerberos) or a 4776 (NTLM). */
export function networkLogon(w: World, who: Account, src: Host, dst: Host, t: number, o: AccessOptions): Session {
  const dc = dcFor(w.d, dst);
  const ntlm = o.ntlm || o.pth !== undefined;
  const workstation = o.pth?.workstation ?? src.name;
  let g: string | undefined;
  if (ntlm) w.out.push(ntlm4776(dc, t, { name: who.name, workstation }));
  else {
    g = guid(w.rng);
    w.out.push(tgs4769(dc, t, w.d, { name: `${who.name}@${w.d.realm}`, service: dst.account!.name, serviceSid: dst.account!.sid, ip: src.ip, port: port(w.rng), logonGuid: g }));
  }
  t += step(w);
  const id = logonId(w.rng);
  w.out.push(
    logon4624(dst, t, {
      subject: NOBODY,
      subjectLogonId: '0x0',
      target: who,
      targetLogonId: id,
      logonType: 3,
      logonProcess: ntlm ? 'NtLmSsp ' : 'Kerberos',
      authPackage: ntlm ? 'NTLM' : 'Kerberos',
      workstation: ntlm ? workstation : '-',
      logonGuid: g,
      lmPackage: ntlm ? 'NTLM V2' : '-',
      keyLength: ntlm && !o.pth ? 128 : 0,
      ip: src.ip,
      port: port(w.rng),
      elevated: who.admin,
    }),
  );
  if (who.admin) w.out.push(privileges4672(dst, t, who, id));
  const s: Session = { host: dst, who, logonId: id, logonType: 3, admin: who.admin };
  endSession(w, s, t + o.duration);
  return s;
}

/** A failed network logon: 4776 failure on the DC (NTLM) and 4625 type 3 on the target. */
export function failedNetworkLogon(w: World, name: string, src: { name: string; ip: string }, dst: Host, t: number, failure: LogonFailure): void {
  const dc = dcFor(w.d, dst);
  w.out.push(ntlm4776(dc, t, { name, workstation: src.name, status: LOGON_FAILURES[failure].subStatus === '0x0' ? LOGON_FAILURES[failure].status : LOGON_FAILURES[failure].subStatus }));
  w.out.push(
    failedLogon4625(dst, t + step(w), {
      subject: NOBODY,
      subjectLogonId: '0x0',
      targetName: name,
      targetDomain: w.d.netbios,
      failure,
      logonType: 3,
      logonProcess: 'NtLmSsp ',
      authPackage: 'NTLM',
      workstation: src.name,
      lmPackage: '-',
      ip: src.ip,
      port: port(w.rng),
    }),
  );
}

/** Remote Desktop: 4648 on the client (mstsc), a ticket for the server, 4624 type 10 (+4672) there. */
export function rdpLogon(w: World, who: Account, from: Session | { host: Host }, dst: Host, t: number, duration: number): Session {
  const src = from.host;
  const dc = dcFor(w.d, dst);
  if ('logonId' in from) {
    w.out.push(
      explicit4648(src, t, {
        subject: from.who,
        subjectLogonId: from.logonId,
        target: who,
        server: dst.fqdn,
        info: `TERMSRV/${dst.fqdn}`,
        processId: hex(pid(w.rng)),
        processName: MSTSC,
      }),
    );
  }
  t += step(w);
  const g = guid(w.rng);
  w.out.push(tgs4769(dc, t, w.d, { name: `${who.name}@${w.d.realm}`, service: dst.account!.name, serviceSid: dst.account!.sid, ip: src.ip, port: port(w.rng), logonGuid: g }));
  t += w.rng.between(300, 2000);
  const id = logonId(w.rng);
  w.out.push(
    logon4624(dst, t, {
      subject: machineSubject(dst),
      subjectLogonId: SYSTEM_LOGON_ID,
      target: who,
      targetLogonId: id,
      logonType: 10,
      logonProcess: 'User32 ',
      authPackage: 'Negotiate',
      workstation: dst.name,
      logonGuid: g,
      processId: hex(dst.winlogon),
      processName: WINLOGON,
      ip: src.ip,
      port: '0',
      elevated: who.admin,
    }),
  );
  if (who.admin) w.out.push(privileges4672(dst, t, who, id));
  const s: Session = { host: dst, who, logonId: id, logonType: 10, admin: who.admin };
  endSession(w, s, t + duration);
  return s;
}
