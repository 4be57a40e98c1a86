import { dcFor, step, type World } from './world';
import type { Account, Host } from './domain';
import { machineSubject, NOBODY, type Principal, SYSTEM, SYSTEM_LOGON_ID } from './event';
import { logoff4634, logon4624, privileges4672 } from './fields-logon';
import { tgs4769, tgt4768 } from './fields-kerberos';
import { guid, hex, logonId, port } from './format';

/** What computers and their services do by themselves: machine-account logons, scheduled tasks, services. */

const SERVICES = 'C:\\Windows\\System32\\services.exe';
const SVCHOST = 'C:\\Windows\\System32\\svchost.exe';

/** A computer starts or refreshes policy: TGT for its machine account, a network logon on its DC. */
export function machineLogon(w: World, host: Host, t: number, withTgt: boolean): number {
  const dc = dcFor(w.d, host);
  const acct = host.account!;
  if (withTgt) w.out.push(tgt4768(dc, t, w.d, { name: acct.name, sid: acct.sid, ip: host.ip, port: port(w.rng) }));
  t += step(w);
  const g = guid(w.rng);
  w.out.push(tgs4769(dc, t, w.d, { name: `${acct.name}@${w.d.realm}`, service: dc.account!.name, serviceSid: dc.account!.sid, ip: host.ip, port: port(w.rng), logonGuid: g }));
  t += step(w);
  if (dc === host) return t;
  const id = logonId(w.rng);
  w.out.push(
    logon4624(dc, t, {
      subject: NOBODY,
      subjectLogonId: '0x0',
      target: acct,
      targetLogonId: id,
      logonType: 3,
      logonProcess: 'Kerberos',
      authPackage: 'Kerberos',
      workstation: '-',
      logonGuid: g,
      ip: host.ip,
      port: port(w.rng),
    }),
  );
  w.out.push(logoff4634(dc, t + w.rng.between(50, 3000), acct, id, 3));
  return t;
}

/** A scheduled task running as `who` (type 4, Task Scheduler's svchost). */
export function batchLogon(w: World, who: Account, host: Host, t: number, duration: number): void {
  const id = logonId(w.rng);
  w.out.push(
    logon4624(host, t, {
      subject: machineSubject(host),
      subjectLogonId: SYSTEM_LOGON_ID,
      target: who,
      targetLogonId: id,
      logonType: 4,
      logonProcess: 'Advapi  ',
      authPackage: 'Negotiate',
      workstation: host.name,
      processId: hex(host.services + 0x1c),
      processName: SVCHOST,
      elevated: who.admin,
    }),
  );
  if (who.admin) w.out.push(privileges4672(host, t, who, id));
  w.out.push(logoff4634(host, t + duration, who, id, 4));
}

/** A service started by the service control manager (type 5); SYSTEM and admin accounts get 4672. */
export function serviceLogon(w: World, who: Principal, host: Host, t: number, privileged: boolean): void {
  const id = who.sid === SYSTEM.sid ? SYSTEM_LOGON_ID : logonId(w.rng);
  w.out.push(
    logon4624(host, t, {
      subject: machineSubject(host),
      subjectLogonId: SYSTEM_LOGON_ID,
      target: who,
      targetLogonId: id,
      logonType: 5,
      logonProcess: 'Advapi  ',
      authPackage: 'Negotiate',
      workstation: '-',
      processId: hex(host.services),
      processName: SERVICES,
      elevated: true,
    }),
  );
  if (privileged) w.out.push(privileges4672(host, t, who, id));
}
