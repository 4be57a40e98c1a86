import { dcFor, failedNetworkLogon, type World } from '../activity';
import { type Attack, names, pickAdmin } from './common';

/**
 * Brute force: hundreds of passwords against one privileged account from the attacker's box. The
 * built-in Administrator never locks out; a named admin is locked out after ten failures, and
 * the attempts that follow fail with STATUS_ACCOUNT_LOCKED_OUT.
 */
export const bruteForce: Attack = {
  kind: 'brute-force',
  hours: [0, 22],
  run(w: World, t0: number) {
    const { d, rng } = w;
    const rogue = d.rogues[0]!;
    const victim = rng.chance(0.5) ? d.administrator : pickAdmin(w);
    const target = rng.chance(0.5) ? rng.pick(d.servers) : rng.pick(d.dcs);
    const lockable = victim !== d.administrator;
    let t = t0;
    const n = rng.between(120, 300);
    for (let i = 0; i < n; i++) {
      failedNetworkLogon(w, victim.name, rogue, target, t, lockable && i >= 10 ? 'lockedOut' : 'badPassword');
      t += rng.between(250, 1_500);
    }
    return { accounts: [victim.name], hosts: names([rogue, target, dcFor(d, target)]) };
  },
};
