import { dcFor, networkLogon, type World } from '../activity';
import type { Account } from '../domain';
import { membership, userCreated4720, userDeleted4726, wellKnownGroups } from '../fields-directory';
import { tgt4768 } from '../fields-kerberos';
import { HOUR, MINUTE, port } from '../format';
import { type Attack, homeOf, names, pickAdmin } from './common';

/**
 * Persistence through a new Domain Admin: an admin's session on a DC creates an account (4720),
 * adds it to Domain Admins (4728); the new account gets a TGT and logs on to a server (4624 + 4672)
 * from the attacker's box; hours later the traces are removed (4729, 4726).
 */
export const newDomainAdmin: Attack = {
  kind: 'new-domain-admin',
  hours: [10, 15],
  run(w: World, t0: number) {
    const { d, rng } = w;
    const admin = pickAdmin(w);
    const src = admin.home !== undefined ? homeOf(w, admin) : rng.pick(d.workstations);
    const dc = rng.pick(d.dcs);
    const rogue = d.rogues[0]!;
    const s = networkLogon(w, admin, src, dc, t0, { duration: rng.between(2, 5) * MINUTE });
    const actor = { subject: admin, logonId: s.logonId };
    const name = `${rng.pick(['svc_update', 'helpdesk', 'sqlbackup', 'adm_temp'])}${rng.between(1, 99)}`;
    const created: Account = {
      name,
      sid: `${d.sid}-${900_000 + rng.int(90_000)}`,
      kind: 'user',
      admin: true,
      domain: d.netbios,
      displayName: name,
      dn: `CN=${name},CN=Users,${d.base}`,
    };
    let t = t0 + rng.between(2_000, 10_000);
    w.out.push(userCreated4720(dc, t, d, actor, created));
    t += rng.between(3_000, 30_000);
    const domainAdmins = wellKnownGroups(d).domainAdmins;
    w.out.push(membership(dc, t, actor, domainAdmins, created, true));
    t += rng.between(2, 10) * MINUTE;
    const server = rng.pick(d.servers);
    w.out.push(tgt4768(dcFor(d, server), t, d, { name: created.name, sid: created.sid, ip: rogue.ip, port: port(rng), encryption: '0x17' }));
    networkLogon(w, created, rogue, server, t + rng.between(200, 2_000), { duration: rng.between(5, 30) * MINUTE });
    // Cleanup a few hours later, from the same admin session's workstation.
    t += rng.between(2, 5) * HOUR;
    const s2 = networkLogon(w, admin, src, dc, t, { duration: rng.between(1, 3) * MINUTE });
    const later = { subject: admin, logonId: s2.logonId };
    w.out.push(membership(dc, t + 1_500, later, domainAdmins, created, false));
    w.out.push(userDeleted4726(dc, t + rng.between(3_000, 20_000), d, later, created));
    return { accounts: [admin.name, created.name], hosts: names([src, dc, dcFor(d, dc), rogue, server, dcFor(d, server)]) };
  },
};
