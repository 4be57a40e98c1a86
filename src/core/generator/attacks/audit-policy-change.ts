import { dcFor, rdpLogon, startProcess, type World } from '../activity';
import { auditPolicy4719 } from '../fields-system';
import { MINUTE } from '../format';
import { type Attack, homeOf, names, pickAdmin } from './common';

/**
 * Defence evasion by audit policy: over RDP on a DC, an admin runs auditpol to stop auditing
 * logons, credential validation and process creation (4719 per subcategory changed).
 */
export const auditPolicyChange: Attack = {
  kind: 'audit-policy-change',
  hours: [18, 22],
  run(w: World, t0: number) {
    const { d, rng } = w;
    const admin = pickAdmin(w);
    const src = admin.home !== undefined ? homeOf(w, admin) : rng.pick(d.workstations);
    const dc = rng.pick(d.dcs);
    const s = rdpLogon(w, admin, { host: src }, dc, t0, rng.between(5, 20) * MINUTE);
    let t = t0 + rng.between(30_000, 90_000);
    startProcess(w, s, t, 'C:\\Windows\\System32\\auditpol.exe', 'auditpol /set /subcategory:"Logon" /success:disable /failure:disable', 'C:\\Windows\\System32\\cmd.exe');
    const subs = ['logon', 'credentialValidation', 'processCreation'] as const;
    for (const sub of subs) {
      t += rng.between(20, 400);
      w.out.push(auditPolicy4719(dc, t, admin, s.logonId, sub, '%%8448, %%8450'));
    }
    return { accounts: [admin.name], hosts: names([src, dc, dcFor(d, dc)]) };
  },
};
