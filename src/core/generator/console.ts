import { dcFor, type Session, step, type World } from './world';
import type { Account, Host } from './domain';
import { machineSubject, SYSTEM_LOGON_ID } from './event';
import { explicit4648, failedLogon4625, logon4624, privileges4672 } from './fields-logon';
import { preauth4771, tgs4769, tgt4768 } from './fields-kerberos';
import { guid, hex, logonId, port } from './format';

/** At the keyboard: console logons and mistyped passwords. */

const WINLOGON = 'C:\\Windows\\System32\\winlogon.exe';

/** Interactive logon at a workstation console: TGT and host ticket on the DC, 4648 + 4624 type 2 (two linked logons and 4672 for admins). */
export function interactiveLogon(w: World, user: Account, ws: Host, t: number): Session {
  const dc = dcFor(w.d, ws);
  const g = guid(w.rng);
  w.out.push(tgt4768(dc, t, w.d, { name: user.name, sid: user.sid, ip: ws.ip, port: port(w.rng) }));
  t += step(w);
  w.out.push(tgs4769(dc, t, w.d, { name: `${user.name}@${w.d.realm}`, service: ws.account!.name, serviceSid: ws.account!.sid, ip: ws.ip, port: port(w.rng), logonGuid: g }));
  t += step(w);
  const machine = machineSubject(ws);
  w.out.push(
    explicit4648(ws, t, {
      subject: machine,
      subjectLogonId: SYSTEM_LOGON_ID,
      target: user,
      server: 'localhost',
      info: 'localhost',
      processId: hex(ws.winlogon),
      processName: WINLOGON,
      ip: '127.0.0.1',
      port: '0',
    }),
  );
  t += step(w);
  const id = logonId(w.rng);
  const linked = user.admin ? logonId(w.rng) : undefined;
  const base = {
    subject: machine,
    subjectLogonId: SYSTEM_LOGON_ID,
    target: user,
    logonType: 2,
    logonProcess: 'User32 ',
    authPackage: 'Negotiate',
    workstation: ws.name,
    logonGuid: g,
    processId: hex(ws.winlogon),
    processName: WINLOGON,
    ip: '127.0.0.1',
    port: '0',
  };
  if (linked) {
    w.out.push(logon4624(ws, t, { ...base, targetLogonId: linked, elevated: true, linkedLogonId: id }));
    w.out.push(privileges4672(ws, t, user, linked));
    t += 1;
  }
  w.out.push(logon4624(ws, t, { ...base, targetLogonId: id, elevated: false, linkedLogonId: linked }));
  return { host: ws, who: user, logonId: id, logonType: 2, admin: user.admin };
}

/** A mistyped password (or user name) at the console: 4625 type 2, and the DC's 4771 (or 4768 0x6). */
export function consoleTypo(w: World, user: Account, ws: Host, t: number, wrongName: boolean): void {
  const dc = dcFor(w.d, ws);
  const name = wrongName ? `${user.name.slice(0, -1)}${user.name.endsWith('e') ? 'a' : 'e'}` : user.name;
  if (wrongName) w.out.push(tgt4768(dc, t, w.d, { name, sid: 'S-1-0-0', ip: ws.ip, port: port(w.rng), status: '0x6' }));
  else w.out.push(preauth4771(dc, t, w.d, { name, sid: user.sid, ip: ws.ip, port: port(w.rng) }));
  w.out.push(
    failedLogon4625(ws, t + step(w), {
      subject: machineSubject(ws),
      subjectLogonId: SYSTEM_LOGON_ID,
      targetName: name,
      targetDomain: w.d.netbios,
      failure: wrongName ? 'unknownUser' : 'badPassword',
      logonType: 2,
      logonProcess: 'User32 ',
      authPackage: 'Negotiate',
      workstation: ws.name,
      processId: hex(ws.winlogon),
      processName: WINLOGON,
      ip: '127.0.0.1',
      port: '0',
    }),
  );
}
