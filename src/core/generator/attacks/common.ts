import type { World } from '../activity';
import type { Account, Host } from '../domain';
import type { AttackKind } from '../types';

/** What every attack module provides, and helpers to pick its victims. */

export interface AttackOutcome {
  accounts: string[];
  hosts: string[];
}

export interface Attack {
  kind: AttackKind;
  /** Hours of the day (UTC) in which the attack may start; it must finish the same day. */
  hours: readonly [number, number];
  /** Pushes the attack's events (tagged by the caller) starting at `t0`. */
  run(w: World, t0: number): AttackOutcome;
}

/** An ordinary (non-admin) person, or any person if there is none. */
export function pickUser(w: World): Account {
  const plain = w.d.people.filter((p) => !p.admin);
  return w.rng.pick(plain.length ? plain : w.d.people);
}

/** A Domain Admin whose credentials the attacker holds (a person, or the built-in Administrator). */
export function pickAdmin(w: World): Account {
  return w.rng.pick(w.d.admins);
}

export function homeOf(w: World, user: Account): Host {
  return w.d.workstations[user.home ?? 0]!;
}

/** `k` distinct servers (or all). */
export function someServers(w: World, k: number): Host[] {
  return w.rng.sample(w.d.servers, k);
}

export const names = (hosts: readonly Host[]) => [...new Set(hosts.map((h) => h.name))];
