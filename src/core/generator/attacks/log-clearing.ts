import { dcFor, networkLogon, startProcess, type World } from '../activity';
import { logCleared1102 } from '../fields-system';
import { MINUTE } from '../format';
import { type Attack, names, pickAdmin } from './common';

/** Covering tracks: an admin's remote session on a server runs `wevtutil cl Security` (1102). */
export const logClearing: Attack = {
  kind: 'log-clearing',
  hours: [0, 22],
  run(w: World, t0: number) {
    const { d, rng } = w;
    const admin = pickAdmin(w);
    const src = rng.pick(d.workstations);
    const target = rng.chance(0.7) ? rng.pick(d.servers) : rng.pick(d.dcs);
    const s = networkLogon(w, admin, src, target, t0, { duration: rng.between(2, 6) * MINUTE });
    const t = t0 + rng.between(5_000, 60_000);
    startProcess(w, s, t, 'C:\\Windows\\System32\\wevtutil.exe', 'wevtutil.exe cl Security', 'C:\\Windows\\System32\\wbem\\WmiPrvSE.exe');
    w.out.push(logCleared1102(target, t + rng.between(20, 300), admin, s.logonId));
    return { accounts: [admin.name], hosts: names([src, target, dcFor(d, target)]) };
  },
};
