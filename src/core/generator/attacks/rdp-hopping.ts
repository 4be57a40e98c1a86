import { dcFor, rdpLogon, type Session, type World } from '../activity';
import type { Host } from '../domain';
import { MINUTE } from '../format';
import { type Attack, names, pickAdmin } from './common';

/**
 * RDP hopping at night with stolen admin credentials: attacker's box → a workstation → servers →
 * a DC, each Remote Desktop session (4648 on the source, 4624 type 10 + 4672 on the target) opened
 * from inside the previous one, and closed in reverse order.
 */
export const rdpHopping: Attack = {
  kind: 'rdp-hopping',
  hours: [0, 3],
  run(w: World, t0: number) {
    const { d, rng } = w;
    const admin = pickAdmin(w);
    const rogue = d.rogues[0]!;
    const hops: Host[] = [rng.pick(d.workstations), ...rng.sample(d.servers, rng.between(1, 3)), rng.pick(d.dcs)];
    const starts: number[] = [];
    let t = t0;
    for (let i = 0; i < hops.length; i++) {
      starts.push(t);
      t += rng.between(3, 12) * MINUTE;
    }
    const lastEnd = t + rng.between(5, 20) * MINUTE;
    let from: Session | { host: Host } = { host: rogue };
    const dcs = new Set<Host>();
    for (let i = 0; i < hops.length; i++) {
      const end = lastEnd + (hops.length - 1 - i) * rng.between(30_000, 90_000);
      dcs.add(dcFor(d, hops[i]!));
      from = rdpLogon(w, admin, from, hops[i]!, starts[i]!, end - starts[i]!);
    }
    return { accounts: [admin.name], hosts: names([rogue, ...hops, ...dcs]) };
  },
};
