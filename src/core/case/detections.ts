import type { CaseAccumulator } from './accumulator';
import type { EdgeTable } from './edges';
import { MAX_EVIDENCE_IDS } from './facts';
import { categoryName, subcategoryName } from './policy-names';

export type DetectionKind =
  | 'admin'
  | 'dcsync'
  | 'dcshadow'
  | 'ms14-068'
  | 'logon-failure'
  | 'policy-change'
  | 'user-created'
  | 'user-deleted'
  | 'group-member-added'
  | 'group-member-removed'
  | 'log-cleared';

export interface Detection {
  kind: DetectionKind;
  /** The account concerned (user key), when there is one. */
  account: string | null;
  host: string | null;
  /** Shifted time of the (first) event. */
  time: number;
  /** Last event, for aggregated detections (admin, failures, ms14-068); else equal to `time`. */
  lastTime: number;
  /** Events behind it. */
  count: number;
  /** Record ids of some of them (at most MAX_EVIDENCE_IDS). */
  recordIds: number[];
  /** Kind-specific facts (group name, policy category…), all plain text. */
  details: Record<string, string>;
}

/**
 * MS14-068 attempts against a patched KDC fail with KDC_ERR_SUMTYPE_NOSUPP (0xF). The reference's view
 * matches "ends in 0F" and so only ever saw the 8-digit form; short codes are kept now (N4), so the
 * value is compared as a number: `0xf` and `0x0000000f` alike.
 */
export const isMs14068Status = (status: string | null) => status !== null && parseInt(status, 16) === 0xf;

/**
 * The reference's detections in one list, ordered by time. DCSync and DCShadow are decided while
 * importing (they depend on event order); the rest are read off the facts and edges here.
 */
export function detections(acc: CaseAccumulator, table: EdgeTable): Detection[] {
  const out: Detection[] = [];
  const users = acc.users.values;
  const hostName = (h: number) => table.hosts[h]!.name;
  const one = (d: Omit<Detection, 'lastTime' | 'count'> & { count?: number; lastTime?: number }) =>
    out.push({ count: 1, lastTime: d.time, ...d });

  for (const a of acc.admins.values()) {
    out.push({ kind: 'admin', account: a.user, host: null, time: a.first, lastTime: a.last, count: a.count, recordIds: a.recordIds, details: {} });
  }
  for (const d of acc.dcsync) one({ kind: 'dcsync', account: d.user, host: null, time: d.time, count: d.recordIds.length, recordIds: d.recordIds, details: {} });
  for (const d of acc.dcshadow) one({ kind: 'dcshadow', account: d.user, host: null, time: d.time, count: d.recordIds.length, recordIds: d.recordIds, details: {} });

  // Per edge: the record ids behind failures and MS14-068 attempts.
  const wanted = new Map<number, number[]>();
  table.edges.forEach((e, i) => {
    if (e.eventId === 4625 || (e.eventId === 4769 && isMs14068Status(e.status))) wanted.set(i, []);
  });
  if (wanted.size) {
    const rid = acc.recordId.view();
    for (let i = 0; i < table.eventEdge.length; i++) {
      const ids = wanted.get(table.eventEdge[i]!);
      if (ids && ids.length < MAX_EVIDENCE_IDS && rid[i]! >= 0) ids.push(rid[i]!);
    }
  }
  for (const [i, ids] of wanted) {
    const e = table.edges[i]!;
    const details: Record<string, string> = { status: e.status ?? '-' };
    if (e.eventId === 4625) details['logonType'] = String(e.logonType);
    out.push({
      kind: e.eventId === 4625 ? 'logon-failure' : 'ms14-068',
      account: users[e.user]!,
      host: hostName(e.host),
      time: e.first,
      lastTime: e.last,
      count: e.count,
      recordIds: ids,
      details,
    });
  }

  for (const p of acc.policies) {
    one({
      kind: 'policy-change',
      account: p.user,
      host: null,
      time: p.time,
      recordIds: p.recordId === null ? [] : [p.recordId],
      details: { category: categoryName(p.category), subcategory: subcategoryName(p.subcategoryGuid), categoryId: p.category ?? '-', subcategoryGuid: p.subcategoryGuid ?? '-' },
    });
  }
  for (const a of acc.accounts) one({ kind: a.kind, account: a.user, host: null, time: a.time, recordIds: a.recordId === null ? [] : [a.recordId], details: {} });

  // The member's account: through the SIDs of logon events, or of 4720/4726 (the reference only knew
  // the former, so a group change of an account that never logged on named nobody).
  const userBySid = new Map<string, string>();
  for (const a of acc.accounts) if (a.sid !== null) userBySid.set(a.sid, a.user);
  for (const [user, sid] of acc.sids) userBySid.set(sid, user);
  for (const g of acc.groups) {
    one({
      kind: g.kind,
      account: userBySid.get(g.memberSid) ?? null,
      host: null,
      time: g.time,
      recordIds: g.recordId === null ? [] : [g.recordId],
      details: { group: g.group, memberSid: g.memberSid },
    });
  }
  for (const c of acc.cleared) {
    one({ kind: 'log-cleared', account: c.user, host: null, time: c.time, recordIds: c.recordId === null ? [] : [c.recordId], details: { domain: c.domain ?? '-' } });
  }
  return out.sort((a, b) => a.time - b.time || a.kind.localeCompare(b.kind));
}
