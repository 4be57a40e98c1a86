import { dcFor, networkLogon, type World } from '../activity';
import { dsAccess4662, REPLICATION_RIGHTS } from '../fields-directory';
import { MINUTE } from '../format';
import { type Attack, homeOf, names, pickAdmin } from './common';

/**
 * DCSync: a Domain Admin's credentials used from a workstation to ask a DC for replication
 * (mimikatz `lsadump::dcsync`). The DC logs the admin's network logon, then one 4662 per
 * replication right checked on the domain object (Get-Changes, Get-Changes-All, Get-Changes-In-Filtered-Set).
 */
export const dcsync: Attack = {
  kind: 'dcsync',
  hours: [8, 18],
  run(w: World, t0: number) {
    const { d, rng } = w;
    const admin = pickAdmin(w);
    const src = admin.home !== undefined ? homeOf(w, admin) : rng.pick(d.workstations);
    const dc = rng.pick(d.dcs);
    const s = networkLogon(w, admin, src, dc, t0, { duration: rng.between(1, 3) * MINUTE });
    let t = t0 + rng.between(100, 400);
    for (let round = rng.between(1, 3); round > 0; round--) {
      for (const right of [REPLICATION_RIGHTS.getChanges, REPLICATION_RIGHTS.getChangesAll, REPLICATION_RIGHTS.getChangesInFilteredSet]) {
        w.out.push(dsAccess4662(dc, t, d, { subject: admin, logonId: s.logonId }, right));
        t += rng.between(1, 30);
      }
      t += rng.between(500, 5_000);
    }
    return { accounts: [admin.name], hosts: names([src, dc, dcFor(d, dc)]) };
  },
};
