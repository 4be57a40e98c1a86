import { dcFor, networkLogon, type Session, startProcess, type World } from '../activity';
import type { Host } from '../domain';
import { logon4624 } from '../fields-logon';
import { machineSubject, SYSTEM_LOGON_ID } from '../event';
import { process4688 } from '../fields-system';
import { hex, logonId, MINUTE, pid } from '../format';
import { type Attack, homeOf, names, pickAdmin, pickUser, someServers } from './common';

/**
 * Pass-the-hash lateral movement. On the first, compromised workstation mimikatz `sekurlsa::pth`
 * makes a NewCredentials logon (type 9, seclogo) with the admin's name as outbound account; then
 * each hop is an NTLM network logon (NtLmSsp, NTLM V2, KeyLength 0, null LogonGuid) with 4672 and a
 * PsExec service on the target, each hop starting from the host reached by the previous one.
 */
export const passTheHash: Attack = {
  kind: 'pass-the-hash',
  hours: [9, 16],
  run(w: World, t0: number) {
    const { d, rng } = w;
    const user = pickUser(w);
    const admin = pickAdmin(w);
    const start = homeOf(w, user);
    const chain: Host[] = [start, ...someServers(w, rng.between(2, 4))];
    if (rng.chance(0.5)) chain.push(rng.pick(d.dcs));
    let t = t0;
    const session: Session = { host: start, who: user, logonId: logonId(rng), logonType: 2, admin: false };
    startProcess(w, session, t, 'C:\\Users\\Public\\m.exe', '"C:\\Users\\Public\\m.exe" "sekurlsa::pth /user:' + admin.name + ' /domain:' + d.fqdn + ' /ntlm:…" exit');
    t += rng.between(200, 900);
    const newCreds = logonId(rng);
    w.out.push(
      logon4624(start, t, {
        subject: user,
        subjectLogonId: session.logonId,
        target: user,
        targetLogonId: newCreds,
        logonType: 9,
        logonProcess: 'seclogo',
        authPackage: 'Negotiate',
        workstation: '-',
        processId: hex(pid(rng)),
        processName: 'C:\\Users\\Public\\m.exe',
        ip: '::1',
        port: '0',
        outbound: { name: admin.name, domain: d.netbios },
        elevated: true,
      }),
    );
    const dcs = new Set<Host>();
    for (let i = 1; i < chain.length; i++) {
      t += rng.between(2, 9) * MINUTE;
      const src = chain[i - 1]!;
      const dst = chain[i]!;
      dcs.add(dcFor(d, dst));
      networkLogon(w, admin, src, dst, t, { pth: { workstation: src.name }, duration: rng.between(2, 6) * MINUTE });
      w.out.push(
        process4688(dst, t + rng.between(800, 3000), {
          subject: machineSubject(dst),
          logonId: SYSTEM_LOGON_ID,
          newProcessId: hex(pid(rng)),
          image: 'C:\\Windows\\PSEXESVC.exe',
          commandLine: 'C:\\Windows\\PSEXESVC.exe',
          parentId: hex(dst.services),
          parentImage: 'C:\\Windows\\System32\\services.exe',
          elevation: '%%1936',
          label: 'S-1-16-16384',
        }),
      );
    }
    return { accounts: [user.name, admin.name], hosts: names([...chain, ...dcs]) };
  },
};
