import { consoleTypo, endSession, interactiveLogon, machineLogon, networkLogon, rdpLogon, type Session, startProcess, type World } from './activity';
import type { Account, Host } from './domain';
import { HOUR, MINUTE } from './format';
import { ADMIN_PROCESSES, USER_PROCESSES } from './names';

/**
 * A person's day: arrive, log on at their workstation (sometimes after a typo), start programs,
 * use file and application servers, admins RDP to servers, log off. Weekdays most people work
 * office hours; at weekends few do, and a few people also work late in the evening.
 */

export interface DayShape {
  start: number;
  weekend: boolean;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Returns the workstation the person used today, if any. */
export function personDay(w: World, user: Account, day: DayShape): Host | undefined {
  const { d, rng } = w;
  const ws = d.workstations[user.home ?? 0]!;
  const works = day.weekend ? rng.chance(user.admin ? 0.15 : 0.05) : rng.chance(0.93);
  const late = rng.chance(0.03);
  if (!works && !late) return undefined;
  let used: Host | undefined;
  if (works) {
    const arrive = day.weekend ? clamp(rng.normal(11, 1.5), 8, 16) : clamp(rng.normal(8.6, 0.7), 6, 11.5);
    const hours = day.weekend ? clamp(rng.normal(3, 1), 1, 6) : clamp(rng.normal(8.7, 0.8), 5, 11);
    workSession(w, user, ws, day.start + arrive * HOUR + rng.int(MINUTE), day.start + Math.min(arrive + hours, 19.5) * HOUR, true);
    used = ws;
  }
  if (late) {
    const from = clamp(rng.normal(21, 0.7), 19.8, 22.5);
    workSession(w, user, ws, day.start + from * HOUR, day.start + Math.min(from + rng.next() * 1.2 + 0.2, 23.8) * HOUR, !works);
    used = ws;
  }
  return used;
}

function workSession(w: World, user: Account, ws: Host, from: number, to: number, boot: boolean): void {
  const { d, rng } = w;
  if (boot) machineLogon(w, ws, from - rng.between(3 * MINUTE, 20 * MINUTE), true);
  let t = from;
  if (rng.chance(0.06)) {
    consoleTypo(w, user, ws, t, rng.chance(0.2));
    t += rng.between(5_000, 40_000);
  }
  const s = interactiveLogon(w, user, ws, t);
  const span = Math.max(to - t, MINUTE);
  const at = () => t + 2_000 + rng.int(span - 2_000);
  for (let i = rng.between(1, 4); i > 0; i--) {
    const p = rng.pick(USER_PROCESSES);
    startProcess(w, s, at(), p.image, `"${p.image}"${p.args}`);
  }
  if (user.admin && rng.chance(0.5)) {
    const p = rng.pick(ADMIN_PROCESSES);
    startProcess(w, s, at(), p.image, `"${p.image}"${p.args}`);
  }
  // Policy refresh while the machine is in use.
  for (let g = t + rng.between(60, 120) * MINUTE; g < to; g += rng.between(90, 180) * MINUTE) machineLogon(w, ws, g, false);
  // File shares, intranet and line-of-business applications.
  const files = d.servers.filter((h) => h.role === 'file' || h.role === 'print');
  const apps = d.servers.filter((h) => h.role === 'app' || h.role === 'web' || h.role === 'sql');
  for (let i = Math.round(span / HOUR) + rng.between(-2, 2); i > 0; i--) {
    const legacy = rng.chance(0.1);
    const pool = legacy || files.length === 0 ? (apps.length ? apps : d.servers) : files;
    networkLogon(w, user, ws, rng.pick(pool), at(), { ntlm: legacy, duration: Math.round(rng.exponential(20 * MINUTE)) + 1_000 });
  }
  if (user.admin) adminWork(w, user, s, at);
  endSession(w, s, Math.max(to, t + 10_000));
}

function adminWork(w: World, user: Account, s: Session, at: () => number): void {
  const { d, rng } = w;
  for (let i = rng.between(0, 3); i > 0; i--) rdpLogon(w, user, s, rng.pick(d.servers), at(), rng.between(5, 90) * MINUTE);
  if (rng.chance(0.5)) networkLogon(w, user, s.host, rng.pick(d.dcs), at(), { duration: rng.between(1, 30) * MINUTE });
}
