import { dcFor, failedNetworkLogon, networkLogon, type World } from '../activity';
import { MINUTE } from '../format';
import { type Attack, names } from './common';

/**
 * Password spraying from the attacker's box: one password against many accounts over SMB (NTLM),
 * a few seconds apart. Existing accounts fail with a bad password, guessed names as unknown users,
 * and one account with a weak password finally logs on.
 */
const GUESSED = ['admin', 'test', 'backup', 'scanner', 'guest1', 'sqladmin'];

export const passwordSpraying: Attack = {
  kind: 'password-spraying',
  hours: [1, 5],
  run(w: World, t0: number) {
    const { d, rng } = w;
    const rogue = d.rogues[0]!;
    const target = rng.pick(d.servers);
    const dc = dcFor(d, target);
    const victims = rng.sample(d.people, Math.min(d.people.length, rng.between(25, 60)));
    const attempts = [...victims.map((v) => ({ name: v.name, known: true })), ...rng.sample(GUESSED, 4).map((name) => ({ name, known: false }))];
    let t = t0;
    for (const a of rng.sample(attempts, attempts.length)) {
      failedNetworkLogon(w, a.name, rogue, target, t, a.known ? 'badPassword' : 'unknownUser');
      t += rng.between(1_500, 4_000);
    }
    const weak = victims[0]!;
    networkLogon(w, weak, rogue, target, t, { ntlm: true, duration: rng.between(1, 5) * MINUTE });
    return { accounts: [...attempts.map((a) => a.name)], hosts: names([rogue, target, dc]) };
  },
};
