import type { DayBuffer } from './day';
import type { Domain, Host } from './domain';
import type { Principal } from './event';
import { logoff4634, userLogoff4647 } from './fields-logon';
import { process4688 } from './fields-system';
import { hex, pid } from './format';
import type { Rng } from './rng';

/** What every action works on, and the session helpers all of them share. */

export interface World {
  d: Domain;
  rng: Rng;
  out: DayBuffer;
}

export interface Session {
  host: Host;
  who: Principal;
  logonId: string;
  logonType: number;
  admin: boolean;
}

/** The DC a host talks to (fixed per host, like a site's nearest DC). */
export function dcFor(d: Domain, host: Host): Host {
  return d.dcs[(host.lsass >>> 2) % d.dcs.length]!;
}

/** A few milliseconds between the steps of one action. */
export const step = (w: World) => w.rng.between(2, 40);

/** The user signs out: 4647, then 4634. */
export function endSession(w: World, s: Session, t: number): void {
  if (s.logonType === 2 || s.logonType === 10) w.out.push(userLogoff4647(s.host, t, s.who, s.logonId));
  w.out.push(logoff4634(s.host, t + step(w), s.who, s.logonId, s.logonType));
}

/** A process started in a session (4688). */
export function startProcess(w: World, s: Session, t: number, image: string, commandLine: string, parent = 'C:\\Windows\\explorer.exe'): void {
  w.out.push(
    process4688(s.host, t, {
      subject: s.who,
      logonId: s.logonId,
      newProcessId: hex(pid(w.rng)),
      image,
      commandLine,
      parentId: hex(pid(w.rng)),
      parentImage: parent,
      elevation: s.admin ? '%%1937' : '%%1938',
      label: s.admin ? 'S-1-16-12288' : 'S-1-16-8192',
    }),
  );
}
