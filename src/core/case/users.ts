import { formatShifted } from '../logon';
import type { CaseAccumulator } from './accumulator';

/** What the case knows about one account (a user node of the graph). */
export interface UserNode {
  name: string;
  /** Subject of a 4672 (special privileges): the reference's rights = system. */
  admin: boolean;
  /** Last SID seen on its logon events, or null. */
  sid: string | null;
  domains: string[];
  created: number | null;
  deleted: number | null;
  /** The last group it was added to / removed from (through its SID), with the time. */
  groupAdded: { group: string; time: number } | null;
  groupRemoved: { group: string; time: number } | null;
  dcsync: number | null;
  dcshadow: number | null;
  /** Seen with the NTLM authentication package. */
  ntlm: boolean;
  /** The reference's `status` text (§3.4): `Created(…) Deleted(…) AddGroup: …` or `-`. */
  status: string;
}

/**
 * User nodes in first-seen order. As in the reference, only accounts with an accepted logon event
 * become nodes; facts about other accounts stay in the detections list (they are not dropped there).
 */
export function userNodes(acc: CaseAccumulator): UserNode[] {
  const created = new Map<string, number>();
  const deleted = new Map<string, number>();
  for (const a of acc.accounts) (a.kind === 'user-created' ? created : deleted).set(a.user, a.time); // last wins
  const added = new Map<string, { group: string; time: number }>();
  const removed = new Map<string, { group: string; time: number }>();
  for (const g of acc.groups) (g.kind === 'group-member-added' ? added : removed).set(g.memberSid, { group: g.group, time: g.time });
  const dcsync = new Map<string, number>();
  for (const d of acc.dcsync) dcsync.set(d.user, d.time);
  const dcshadow = new Map<string, number>();
  for (const d of acc.dcshadow) dcshadow.set(d.user, d.time);
  const domains = new Map<string, string[]>();
  for (const pair of acc.userDomains) {
    const [user, domain] = pair.split('\u0000') as [string, string];
    const list = domains.get(user);
    if (list) list.push(domain);
    else domains.set(user, [domain]);
  }

  return acc.users.values.map((name) => {
    const sid = acc.sids.get(name) ?? null;
    const node: UserNode = {
      name,
      admin: acc.admins.has(name),
      sid,
      domains: domains.get(name) ?? [],
      created: created.get(name) ?? null,
      deleted: deleted.get(name) ?? null,
      groupAdded: (sid !== null && added.get(sid)) || null,
      groupRemoved: (sid !== null && removed.get(sid)) || null,
      dcsync: dcsync.get(name) ?? null,
      dcshadow: dcshadow.get(name) ?? null,
      ntlm: acc.ntlmUsers.has(name),
      status: '',
    };
    node.status = statusText(node);
    return node;
  });
}

/** §3.4's fixed order, each part ending in one space; `-` when empty. */
export function statusText(u: UserNode): string {
  let s = '';
  if (u.created !== null) s += `Created(${formatShifted(u.created)}) `;
  if (u.deleted !== null) s += `Deleted(${formatShifted(u.deleted)}) `;
  if (u.groupAdded) s += `AddGroup: ${u.groupAdded.group}(${formatShifted(u.groupAdded.time)}) `;
  if (u.groupRemoved) s += `RemoveGroup: ${u.groupRemoved.group}(${formatShifted(u.groupRemoved.time)}) `;
  if (u.dcsync !== null) s += `DCSync(${formatShifted(u.dcsync)}) `;
  if (u.dcshadow !== null) s += `DCShadow(${formatShifted(u.dcshadow)}) `;
  return s === '' ? '-' : s;
}
