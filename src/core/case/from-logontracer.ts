/**
 * The inverse of toLogonTracer: a database in LogonTracer's schema (written by LogonTracer, or pushed
 * by LogonLens) as a LogonLens case, so that it can be investigated here ("new case from Neo4j").
 *
 * What the store keeps is coarser than a log, so the case is rebuilt from it as follows:
 * - each hourly `Event` relationship becomes `count` logon events at the start of its hour (its `date`),
 *   with its event id, logon type, status and package (`-` means none). The order of events inside an
 *   hour is lost: they are added in one canonical order (see below). Record ids are unknown (none).
 * - `rights = system` becomes an admin fact (4672) dated at the account's first and last hour;
 *   `status` is parsed back into created / deleted / added to / removed from a group / DCSync /
 *   DCShadow facts (§3.4's text; a group change is attached through the account's SID, as LogonTracer
 *   found it); a part that does not parse is reported in `notes` and dropped.
 * - `sid` (`-`: none), `Group` relationships (account domains), `ID` nodes with their `Policy` edge
 *   (4719 facts; names translated back to codes where LogonTracer's tables have them), the `Deletetime`
 *   node (a 1102), and the `Date` node (the case's hour axis) are restored.
 * - hosts: LogonTracer stores a host seen by name and IP with its *name* in `IP` and its *IP* in
 *   `hostname` (§3.2); that is undone into the case's IP → host name map.
 * - LogonTracer's `--add` wrote every relationship again on each re-import (§3.9): identical hourly
 *   groups are therefore merged, keeping the largest count (the latest import's), not summed.
 * - a LogonTracer server not running in UTC wrote `date` epochs shifted by its zone (§2.8); the shift is
 *   recognised from the accounts' hourly `counts` (which are aligned on the `Date` node's start) and undone.
 *
 * The ranks and ChangeFinder scores stored on the nodes are not read: the case's analysis computes them.
 */
import type { LogonBranchEvent } from '../logon';
import { formatShifted, hourBucket } from '../logon';
import type { LogonTracerGraph, LtEvent } from '../neo4j/schema';
import { CaseAccumulator, LOGON_EVENT_IDS } from './accumulator';
import { POLICY_CATEGORIES, POLICY_SUBCATEGORIES } from './policy-names';

const HOUR = 3_600_000;
const FLOW = [4768, 4769, 4776, 4625, 4624];

export interface FromLogonTracerOptions {
  /** The case source's name (default "Neo4j"), e.g. "Neo4j bolt://host:7687 (neo4j)". */
  sourceName?: string;
  now?: () => number;
}

export interface FromLogonTracerResult {
  acc: CaseAccumulator;
  /** What could not be carried over, in plain words (empty when everything was). */
  notes: string[];
  /** Logon events created from the Event relationships (the sum of their counts). */
  logonEvents: number;
  /** The hour shift undone (ms; 0 when the store was written in UTC). */
  shiftMs: number;
}

const KIND: Record<number, LogonBranchEvent['kind']> = {
  4624: 'logon',
  4625: 'logon-failure',
  4768: 'kerberos-tgt',
  4769: 'kerberos-tgs',
  4776: 'ntlm',
};

/** `YYYY-MM-DD HH:MM:SS` (shifted wall-clock, read as UTC) → ms, or null. */
export function parseShifted(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  return formatShifted(ms) === text.trim() ? ms : null;
}

export interface StatusFacts {
  created: number | null;
  deleted: number | null;
  addGroup: { group: string; time: number } | null;
  removeGroup: { group: string; time: number } | null;
  dcsync: number | null;
  dcshadow: number | null;
  /** Text that is none of the above (kept out of the case; reported). */
  rest: string;
}

const T = '(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2})';
const NEXT = '(?=$|Created\\(|Deleted\\(|AddGroup: |RemoveGroup: |DCSync\\(|DCShadow\\()';
const SIMPLE = new RegExp(`(Created|Deleted|DCSync|DCShadow)\\(${T}\\) ?`, 'y');
// A group name may hold anything, brackets included: the shortest name followed by "(time) " and the next part.
const GROUP = new RegExp(`(AddGroup|RemoveGroup): ([\\s\\S]*?)\\(${T}\\) ?${NEXT}`, 'y');

/** A user node's `status` (§3.4: `Created(t) Deleted(t) AddGroup: g(t) RemoveGroup: g(t) DCSync(t) DCShadow(t) `, or `-`). */
export function parseStatus(status: string): StatusFacts {
  const out: StatusFacts = { created: null, deleted: null, addGroup: null, removeGroup: null, dcsync: null, dcshadow: null, rest: '' };
  const s = status.trim() === '-' ? '' : status;
  let i = 0;
  while (i < s.length) {
    SIMPLE.lastIndex = i;
    GROUP.lastIndex = i;
    const simple = SIMPLE.exec(s);
    const group = simple ? null : GROUP.exec(s);
    const time = simple ? parseShifted(simple[2]!) : group ? parseShifted(group[3]!) : null;
    if (simple && time !== null) {
      const key = ({ Created: 'created', Deleted: 'deleted', DCSync: 'dcsync', DCShadow: 'dcshadow' } as const)[simple[1] as 'Created'];
      out[key] = time;
      i = SIMPLE.lastIndex;
    } else if (group && time !== null) {
      out[group[1] === 'AddGroup' ? 'addGroup' : 'removeGroup'] = { group: group[2]!, time };
      i = GROUP.lastIndex;
    } else {
      out.rest = s.slice(i);
      break;
    }
  }
  return out;
}

const CATEGORY_CODES = new Map(Object.entries(POLICY_CATEGORIES).map(([code, name]) => [name, code]));
const SUBCATEGORY_GUIDS = new Map<string, string>();
for (const [guid, name] of Object.entries(POLICY_SUBCATEGORIES)) if (!SUBCATEGORY_GUIDS.has(name)) SUBCATEGORY_GUIDS.set(name, guid);

/** A stored category name back to its code (unknown codes were stored raw, `-` for none). */
function categoryCode(name: string): string | null {
  if (name === '-' || name === '') return null;
  return CATEGORY_CODES.get(name) ?? name;
}

/**
 * A stored subcategory name back to a GUID with that name. Several subcategories share a name
 * ("Others"); the first such GUID is taken, which translates back to the same name.
 */
function subcategoryGuid(name: string): string | null {
  if (name === '-' || name === '') return null;
  return SUBCATEGORY_GUIDS.get(name) ?? name;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * The shift (ms) between the `date` epochs and the wall-clock hours of the `Date` node: for each
 * account, the first non-zero slot of its `counts` is the hour of its first event. 0 when there is no
 * evidence or the evidence disagrees.
 */
function detectShift(g: LogonTracerGraph, firstDate: Map<string, number>, start: number | null): { shift: number; consistent: boolean } {
  if (start === null) return { shift: 0, consistent: true };
  const votes = new Map<number, number>();
  for (const u of g.users) {
    const first = firstDate.get(u.user);
    if (first === undefined || u.counts === '') continue;
    const slots = u.counts.split(',');
    const k = slots.findIndex((v) => Number(v) > 0);
    if (k < 0) continue;
    const shift = start + k * HOUR - first;
    votes.set(shift, (votes.get(shift) ?? 0) + 1);
  }
  if (votes.size === 0) return { shift: 0, consistent: true };
  const [best] = [...votes].sort((a, b) => b[1] - a[1]);
  const [shift, n] = best!;
  const total = [...votes.values()].reduce((a, b) => a + b, 0);
  // A whole number of hours within the world's zones, agreed by (nearly) every account.
  if (shift % HOUR !== 0 || Math.abs(shift) > 14 * HOUR || n < total * 0.9) return { shift: 0, consistent: votes.size === 1 && shift === 0 };
  return { shift, consistent: n === total };
}

export function fromLogonTracer(g: LogonTracerGraph, options: FromLogonTracerOptions = {}): FromLogonTracerResult {
  const notes: string[] = [];
  const acc = new CaseAccumulator({ tzHours: 0, from: null, to: null });

  // Identical hourly groups (LogonTracer --add duplicates, §3.9): keep the largest count.
  const groups = new Map<string, LtEvent>();
  let duplicates = 0;
  let badId = 0;
  let badCount = 0;
  for (const e of g.events) {
    if (!(e.id in KIND)) {
      badId++;
      continue;
    }
    if (!Number.isSafeInteger(e.count) || e.count < 1 || !Number.isFinite(e.date)) {
      badCount++;
      continue;
    }
    const key = JSON.stringify([e.host, e.user, e.id, e.logintype, e.status, e.authname, e.date]);
    const seen = groups.get(key);
    if (seen) {
      duplicates++;
      if (e.count > seen.count) groups.set(key, e);
    } else groups.set(key, e);
  }
  if (badId) notes.push(`${plural(badId, 'Event relationship')} with an event id other than ${LOGON_EVENT_IDS.join(', ')} left out.`);
  if (badCount) notes.push(`${plural(badCount, 'Event relationship')} without a usable count or date left out.`);
  if (duplicates) notes.push(`${plural(duplicates, 'duplicated Event relationship')} (LogonTracer's --add writes them again on each import) merged, keeping the largest count.`);

  const events = [...groups.values()];
  const firstDate = new Map<string, number>();
  for (const e of events) {
    const t = hourBucket(e.date * 1000);
    const f = firstDate.get(e.user);
    if (f === undefined || t < f) firstDate.set(e.user, t);
  }
  const range = g.dateRange ? { start: parseShifted(g.dateRange.start), end: parseShifted(g.dateRange.end) } : null;
  if (g.dateRange && (range?.start === null || range?.end === null)) notes.push(`The date range node (${JSON.stringify(g.dateRange)}) does not parse; the case spans its events.`);
  const { shift, consistent } = detectShift(g, firstDate, range?.start ?? null);
  if (shift !== 0) notes.push(`The relationships' dates were written ${Math.abs(shift / HOUR)} h ${shift > 0 ? 'behind' : 'ahead of'} the wall-clock (a LogonTracer server not in UTC); shifted back.`);
  else if (!consistent) notes.push("The accounts' hourly counts do not line up with the relationships' dates everywhere; the dates are used as they are.");

  // Events by hour, and inside an hour in one canonical order (the store does not keep theirs), so
  // that the case does not depend on the order a database returns relationships in: by account,
  // host, then the usual order of an authentication (Kerberos ticket, service ticket, NTLM check,
  // failure, logon), logon type, status and package. The HMM reads this order (§5.2).
  const order = events.map((e) => ({ e, t: hourBucket(e.date * 1000) + shift }));
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  order.sort(
    (a, b) =>
      a.t - b.t ||
      cmp(a.e.user, b.e.user) ||
      cmp(a.e.host, b.e.host) ||
      FLOW.indexOf(a.e.id) - FLOW.indexOf(b.e.id) ||
      a.e.logintype - b.e.logintype ||
      cmp(a.e.status, b.e.status) ||
      cmp(a.e.authname, b.e.authname),
  );

  const nameToIp = new Map<string, string>();
  const hostKeys = new Set(g.hosts.map((h) => h.IP));
  for (const h of g.hosts) if (h.hostname !== '' && h.hostname !== h.IP) nameToIp.set(h.IP, h.hostname);

  const logonEvents = order.reduce((n, x) => n + x.e.count, 0);
  const source = acc.addSource({
    name: options.sourceName ?? 'Neo4j',
    size: 0,
    records: logonEvents,
    accepted: 0,
    duplicates: 0,
    problems: 0,
    importedAt: (options.now ?? Date.now)(),
  });
  let accepted = 0;
  for (const { e, t } of order) {
    const status = e.status === '-' || e.status === '' ? null : /^0x[0-9a-f]+$/i.test(e.status) ? e.status.toLowerCase() : e.status;
    const ev: LogonBranchEvent = {
      eventId: e.id,
      recordId: null,
      time: t,
      kind: KIND[e.id]!,
      user: e.user,
      host: e.host,
      ip: null,
      hostname: null,
      domain: null,
      sid: null,
      logonType: e.logintype,
      status,
      authPackage: e.authname === '-' || e.authname === '' ? null : e.authname,
    };
    for (let k = 0; k < e.count; k++) if (acc.add(ev, null, source) === 'accepted') accepted++;
  }
  acc.sources[source]!.accepted = accepted;

  // Hosts: undo the inversion (§3.2) into the IP → name map, unless that would merge two host nodes.
  let hostsWithoutEvents = 0;
  const ipTaken = new Map<string, string>();
  for (const h of g.hosts) {
    if (acc.hosts.lookup(h.IP) === undefined) hostsWithoutEvents++;
    const ip = nameToIp.get(h.IP);
    if (ip === undefined) continue;
    if (hostKeys.has(ip) && acc.hosts.lookup(ip) !== undefined) {
      notes.push(`Host ${JSON.stringify(h.IP)} names the address ${JSON.stringify(ip)}, which is a host of its own: the two are kept apart and the address is not attached to the name.`);
      continue;
    }
    const other = ipTaken.get(ip);
    if (other !== undefined) {
      notes.push(`Hosts ${JSON.stringify(other)} and ${JSON.stringify(h.IP)} both name the address ${JSON.stringify(ip)}; it stays with ${JSON.stringify(h.IP)} (the last, as LogonTracer).`);
    }
    ipTaken.set(ip, h.IP);
    acc.ipHostnames.set(ip, h.IP);
  }
  if (hostsWithoutEvents) notes.push(`${plural(hostsWithoutEvents, 'host')} without any Event relationship left out (a LogonLens host is where logons come from).`);

  // Accounts.
  const inCase = (user: string) => acc.users.lookup(user) !== undefined;
  const userTimes = new Map<string, { first: number; last: number }>();
  {
    const time = acc.time.view();
    const user = acc.user.view();
    for (let i = 0; i < time.length; i++) {
      const name = acc.users.values[user[i]!]!;
      const r = userTimes.get(name);
      if (!r) userTimes.set(name, { first: time[i]!, last: time[i]! });
      else r.last = Math.max(r.last, time[i]!);
    }
  }
  let usersWithoutEvents = 0;
  const unparsed: string[] = [];
  let groupsWithoutSid = 0;
  for (const u of g.users) {
    if (!inCase(u.user)) {
      usersWithoutEvents++;
      continue;
    }
    const sid = u.sid === '-' || u.sid === '' ? null : u.sid;
    if (sid !== null) acc.sids.set(u.user, sid);
    const times = userTimes.get(u.user)!;
    if (u.rights === 'system') acc.admins.set(u.user, { user: u.user, count: 1, first: times.first, last: times.last, recordIds: [] });
    const f = parseStatus(u.status);
    if (f.rest.trim() !== '') unparsed.push(`${JSON.stringify(u.user)}: ${JSON.stringify(f.rest)}`);
    if (f.created !== null) acc.accounts.push({ kind: 'user-created', user: u.user, sid, time: f.created, recordId: null });
    if (f.deleted !== null) acc.accounts.push({ kind: 'user-deleted', user: u.user, sid, time: f.deleted, recordId: null });
    for (const [kind, change] of [
      ['group-member-added', f.addGroup],
      ['group-member-removed', f.removeGroup],
    ] as const) {
      if (!change) continue;
      if (sid === null) groupsWithoutSid++;
      else acc.groups.push({ kind, group: change.group, memberSid: sid, time: change.time, recordId: null });
    }
    if (f.dcsync !== null) acc.dcsync.push({ user: u.user, time: f.dcsync, recordIds: [] });
    if (f.dcshadow !== null) acc.dcshadow.push({ user: u.user, time: f.dcshadow, recordIds: [] });
  }
  if (usersWithoutEvents) notes.push(`${plural(usersWithoutEvents, 'account')} without any Event relationship left out (LogonTracer only writes accounts with logons).`);
  if (unparsed.length) notes.push(`Status text not understood, left out: ${unparsed.slice(0, 5).join('; ')}${unparsed.length > 5 ? ` and ${unparsed.length - 5} more` : ''}.`);
  if (groupsWithoutSid) notes.push(`${plural(groupsWithoutSid, 'group change')} on accounts without a SID left out (group changes are tied to accounts by SID).`);

  // Account domains.
  const usedDomains = new Set<string>();
  for (const r of g.groups) {
    if (!inCase(r.user)) continue;
    acc.userDomains.add(`${r.user}\u0000${r.domain}`);
    usedDomains.add(r.domain);
  }
  const lonely = g.domains.filter((d) => !usedDomains.has(d)).length;
  if (lonely) notes.push(`${plural(lonely, 'domain')} without an account in the case left out.`);

  // Audit policy changes, in id order.
  let badPolicies = 0;
  for (const p of [...g.policies].sort((a, b) => a.id - b.id)) {
    const date = Number(p.date);
    const time = parseShifted(p.changetime) ?? (p.date !== '' && Number.isFinite(date) ? date * 1000 + shift : null);
    if (time === null) {
      badPolicies++;
      continue;
    }
    acc.policies.push({
      time,
      user: p.user !== null && inCase(p.user) ? p.user : null,
      category: categoryCode(p.category),
      subcategoryGuid: subcategoryGuid(p.sub),
      recordId: null,
    });
  }
  if (badPolicies) notes.push(`${plural(badPolicies, 'policy change')} without a readable time left out.`);

  if (g.deletetime) {
    const time = parseShifted(g.deletetime.date);
    const dash = (v: string) => (v === '-' || v === '' ? null : v);
    if (time === null) notes.push(`The log-cleared time ${JSON.stringify(g.deletetime.date)} does not parse; left out.`);
    else acc.cleared.push({ time, user: dash(g.deletetime.user), domain: dash(g.deletetime.domain), recordId: null });
  }

  // The hour axis: LogonTracer's range covers every event id it read, not only logons.
  const widen = (t: number | null | undefined) => {
    if (t === null || t === undefined) return;
    const h = hourBucket(t);
    if (h < acc.firstHour) acc.firstHour = h;
    if (h > acc.lastHour) acc.lastHour = h;
  };
  if (range?.start != null && range.end != null) {
    widen(range.start);
    widen(range.end);
  } else {
    for (const p of acc.policies) widen(p.time);
    for (const a of acc.accounts) widen(a.time);
    for (const x of acc.groups) widen(x.time);
    for (const d of [...acc.dcsync, ...acc.dcshadow]) widen(d.time);
  }
  return { acc, notes, logonEvents: accepted, shiftMs: shift };
}
