import { batchLogon, machineLogon, networkLogon, serviceLogon, type World } from './activity';
import type { Account, Host } from './domain';
import { LOCAL_SERVICE, NETWORK_SERVICE, SYSTEM } from './event';
import { dsAccess4662, REPLICATION_RIGHTS } from './fields-directory';
import { HOUR, logonId, MINUTE } from './format';
import { SERVER_ROLES } from './names';

/** What servers and DCs do by themselves all day and night: services, policy refresh, backups, monitoring, replication. */

function serviceAccount(w: World, host: Host): Account | undefined {
  const name = SERVER_ROLES.find((r) => r.role === host.role)?.service;
  return name ? w.d.services.find((s) => s.name === name) : undefined;
}

export function serverDay(w: World, dayStart: number): void {
  const { d, rng } = w;
  const always = [...d.dcs, ...d.servers];
  for (const host of always) {
    // Services running as SYSTEM / NETWORK SERVICE / LOCAL SERVICE start now and then.
    for (let i = rng.between(1, 3); i > 0; i--) {
      const who = rng.pick([SYSTEM, SYSTEM, NETWORK_SERVICE, LOCAL_SERVICE]);
      serviceLogon(w, who, host, dayStart + rng.int(24 * HOUR), who === SYSTEM);
    }
    // The machine account renews its TGT and refreshes group policy every few hours.
    for (let t = dayStart + rng.int(4 * HOUR), first = true; t < dayStart + 24 * HOUR; t += rng.between(3 * HOUR, 5 * HOUR), first = false) {
      machineLogon(w, host, t, first);
    }
    const svc = serviceAccount(w, host);
    if (!svc) continue;
    if (host.role === 'sql' || host.role === 'web') serviceLogon(w, svc, host, dayStart + rng.between(5 * MINUTE, 30 * MINUTE), svc.admin);
    if (host.role === 'app') {
      for (let h = 0; h < 24; h++) batchLogon(w, svc, host, dayStart + h * HOUR + rng.between(0, 90_000), rng.between(5_000, 120_000));
    }
    if (host.role === 'backup') {
      // Nightly backup: the backup server logs on to every server and DC over the network.
      let t = dayStart + HOUR + rng.int(30 * MINUTE);
      for (const target of always.slice(0, 40)) {
        if (target === host) continue;
        networkLogon(w, svc, host, target, t, { duration: rng.between(2 * MINUTE, 25 * MINUTE) });
        t += rng.between(MINUTE, 4 * MINUTE);
      }
    }
    if (host.role === 'monitoring') {
      for (let t = dayStart + rng.int(2 * HOUR); t < dayStart + 24 * HOUR; t += 2 * HOUR) {
        for (const target of always.slice(0, 12)) if (target !== host) networkLogon(w, svc, host, target, t + rng.int(MINUTE), { duration: rng.between(1_000, 20_000) });
      }
    }
  }
  // Domain controllers replicate with each other: DS-Replication-Get-Changes by DC machine accounts.
  if (d.dcs.length > 1) {
    for (const dc of d.dcs) {
      const peer = d.dcs[(d.dcs.indexOf(dc) + 1) % d.dcs.length]!;
      for (let t = dayStart + rng.int(6 * HOUR); t < dayStart + 24 * HOUR; t += rng.between(5 * HOUR, 7 * HOUR)) {
        const actor = { subject: peer.account!, logonId: logonId(rng) };
        w.out.push(dsAccess4662(dc, t, d, actor, REPLICATION_RIGHTS.getChanges));
        w.out.push(dsAccess4662(dc, t + 3, d, actor, REPLICATION_RIGHTS.getChangesAll));
      }
    }
  }
}

/** Workstations nobody uses today may still be on: they only refresh policy. */
export function idleWorkstation(w: World, ws: Host, dayStart: number): void {
  if (!w.rng.chance(0.25)) return;
  for (let t = dayStart + w.rng.int(4 * HOUR), first = true; t < dayStart + 24 * HOUR; t += w.rng.between(3 * HOUR, 6 * HOUR), first = false) {
    machineLogon(w, ws, t, first);
  }
}

