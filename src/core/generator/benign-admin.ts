import { networkLogon, type World } from './activity';
import { membership, userCreated4720, userDeleted4726, wellKnownGroups } from './fields-directory';
import { HOUR, MINUTE } from './format';
import { FIRST_NAMES, LAST_NAMES } from './names';

/**
 * Ordinary account management on weekdays, so attack-like events are not alone: an IT admin
 * creates a new hire (4720, Sales 4728, All Staff 4756), removes a leaver (4729, 4757, 4726), and
 * grants or revokes local admin rights on a server (4732 / 4733, logged by that server).
 */
export function accountChurn(w: World, dayStart: number, weekend: boolean): void {
  const { d, rng } = w;
  const admins = d.people.filter((p) => p.admin);
  if (weekend || admins.length === 0 || !rng.chance(0.7)) return;
  const admin = rng.pick(admins);
  const src = d.workstations[admin.home ?? 0]!;
  const dc = rng.pick(d.dcs);
  let t = dayStart + rng.between(9 * HOUR + 30 * MINUTE, 16 * HOUR);
  const s = networkLogon(w, admin, src, dc, t, { duration: rng.between(5, 20) * MINUTE });
  const actor = { subject: admin, logonId: s.logonId };
  const groups = wellKnownGroups(d);
  const person = () => {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const name = `${first[0]!.toLowerCase()}${last.toLowerCase()}${rng.between(10, 99)}`;
    return { name, sid: `${d.sid}-${800_000 + rng.int(100_000)}`, displayName: `${first} ${last}`, dn: `CN=${first} ${last},OU=Staff,${d.base}` };
  };
  if (rng.chance(0.6)) {
    const hire = person();
    w.out.push(userCreated4720(dc, (t += rng.between(20_000, 60_000)), d, actor, hire));
    w.out.push(membership(dc, (t += rng.between(5_000, 30_000)), actor, groups.sales, hire, true));
    w.out.push(membership(dc, (t += rng.between(2_000, 10_000)), actor, groups.allStaff, hire, true));
  }
  if (rng.chance(0.4)) {
    const leaver = person();
    w.out.push(membership(dc, (t += rng.between(20_000, 60_000)), actor, groups.sales, leaver, false));
    w.out.push(membership(dc, (t += rng.between(2_000, 10_000)), actor, groups.allStaff, leaver, false));
    w.out.push(userDeleted4726(dc, (t += rng.between(5_000, 30_000)), d, actor, leaver));
  }
  if (rng.chance(0.5)) {
    // Local group changes are logged by the member server that holds the group.
    const server = rng.pick(d.servers);
    const member = rng.pick(d.people);
    const local = networkLogon(w, admin, src, server, (t += rng.between(MINUTE, 10 * MINUTE)), { duration: rng.between(2, 10) * MINUTE });
    const group = rng.chance(0.5) ? groups.administrators : groups.remoteDesktopUsers;
    w.out.push(membership(server, t + rng.between(5_000, 60_000), { subject: admin, logonId: local.logonId }, group, member, true));
    w.out.push(membership(server, t + rng.between(2, 6) * HOUR, { subject: admin, logonId: local.logonId }, group, member, false));
  }
}
