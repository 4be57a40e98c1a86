import { dcFor, networkLogon, type World } from '../activity';
import { dsObject } from '../fields-directory';
import { guid, MINUTE } from '../format';
import { type Attack, names, pickAdmin } from './common';

/**
 * DCShadow: a workstation briefly registers as a domain controller (mimikatz `lsadump::dcshadow
 * /push`). The DC logs the creation (5137) of a server object and its nTDSDSA child in the sites
 * container, in the same second, and their deletion (5141) once the rogue replication is done.
 */
export const dcshadow: Attack = {
  kind: 'dcshadow',
  hours: [8, 20],
  run(w: World, t0: number) {
    const { d, rng } = w;
    const admin = pickAdmin(w);
    const rogueDc = rng.pick(d.workstations);
    const dc = rng.pick(d.dcs);
    const s = networkLogon(w, admin, rogueDc, dc, t0, { duration: rng.between(1, 4) * MINUTE });
    const actor = { subject: admin, logonId: s.logonId };
    const server = { dn: `CN=${rogueDc.name},CN=Servers,CN=Default-First-Site-Name,CN=Sites,CN=Configuration,${d.base}`, guid: guid(rng), objectClass: 'server' };
    const ntds = { dn: `CN=NTDS Settings,${server.dn}`, guid: guid(rng), objectClass: 'nTDSDSA' };
    const second = Math.floor((t0 + 2_000) / 1000) * 1000;
    const c1 = guid(rng);
    w.out.push(dsObject(dc, second + 100, d, actor, server, true, c1));
    w.out.push(dsObject(dc, second + 140, d, actor, ntds, true, guid(rng)));
    const gone = Math.floor((second + rng.between(5_000, 40_000)) / 1000) * 1000;
    w.out.push(dsObject(dc, gone + 200, d, actor, ntds, false, guid(rng)));
    w.out.push(dsObject(dc, gone + 230, d, actor, server, false, guid(rng)));
    return { accounts: [admin.name], hosts: names([rogueDc, dc, dcFor(d, dc)]) };
  },
};
