import { type EvtxRecord, type FieldValue, readRecordValues } from '../evtx';
import { F, LOGON_FIELDS } from './fields';
import {
  authPackageValue,
  categoryValue,
  checkTzHours,
  domainValue,
  failsUcheck,
  hostValue,
  isAnonymous,
  isLoopback,
  logonTypeValue,
  shiftedTime,
  sidValue,
  statusValue,
  subcategoryValue,
  text,
  userKey,
} from './rules';
import type { EventBase, LogonBranchEvent, NormalizedEvent } from './types';

const LOGON_KINDS: Partial<Record<number, LogonBranchEvent['kind']>> = {
  4624: 'logon',
  4625: 'logon-failure',
  4768: 'kerberos-tgt',
  4769: 'kerberos-tgs',
  4776: 'ntlm',
};
/**
 * The same few thousand names, addresses and SIDs repeat across millions of events: each rule runs
 * once per distinct raw value. Bounded: a log of endless distinct values just starts over.
 */
function memo<R>(rule: (raw: string | null) => R, limit = 1 << 16): (raw: string | null) => R {
  let cache = new Map<string, R>();
  return (raw) => {
    if (raw === null) return rule(raw);
    let v = cache.get(raw);
    if (v === undefined && !cache.has(raw)) {
      v = rule(raw);
      if (cache.size >= limit) cache = new Map();
      cache.set(raw, v);
    }
    return v as R;
  };
}
const userKeyOf = memo(userKey);
const hostOf = memo(hostValue);
const loopback = memo((ip) => ip !== null && isLoopback(ip));
const domainOf = memo(domainValue);
const sidOf = memo(sidValue);
const authPackageOf = memo(authPackageValue);

const ADDED = new Set([4728, 4732, 4756]);
const REMOVED = new Set([4729, 4733, 4757]);
const EVENTLOG_PROVIDER = 'microsoft-windows-eventlog';
const OTHER_HANDLED = new Set([1102, 4662, 4672, 4719, 4720, 4726, 5137, 5141]);

function integer(v: FieldValue | undefined): number | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? v : null; // the parser's usual form
  const s = text(v);
  if (s === null || !/^\d+$/.test(s.trim())) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * Normalises one record from its LOGON_FIELDS values (as `readFieldValues(nodes, LOGON_FIELDS)` gives
 * them). Returns null for event ids it does not handle and for events the reference skips.
 * `tzHours` is the time zone offset added to every time (reference `-z`).
 */
export function normalizeValues(values: readonly (FieldValue | undefined)[], tzHours = 0): NormalizedEvent | null {
  if (tzHours !== 0) checkTzHours(tzHours);
  const eventId = integer(values[F['System.EventID']]);
  if (eventId === null) return null;
  const get = (i: number) => text(values[i]);
  const logonKind = LOGON_KINDS[eventId];
  const handled = logonKind !== undefined || ADDED.has(eventId) || REMOVED.has(eventId) || OTHER_HANDLED.has(eventId);
  if (!handled) return null;
  const time = shiftedTime(get(F['System.TimeCreated.SystemTime']), tzHours);
  if (time === null) return null;
  const base: EventBase = { eventId, recordId: integer(values[F['System.EventRecordID']]), time };

  if (logonKind !== undefined) {
    const user = userKeyOf(get(F.TargetUserName));
    if (user === null || isAnonymous(user)) return null;
    // The reference lets the later of IpAddress/Workstation win; no event it reads carries both.
    const ip = hostOf(get(F.IpAddress)) ?? hostOf(get(F.Workstation));
    if (loopback(ip)) return null;
    const hostname = hostOf(get(F.WorkstationName));
    const host = ip ?? hostname;
    if (host === null) return null;
    // One literal (not a spread of `base`): this object is made once per logon event.
    return {
      eventId,
      recordId: base.recordId,
      time,
      kind: logonKind,
      user,
      host,
      ip,
      hostname,
      domain: domainOf(get(F.TargetDomainName)),
      sid: sidOf(get(F.TargetUserSid)) ?? sidOf(get(F.TargetSid)),
      logonType: logonTypeValue(values[F.LogonType]),
      status: statusValue(values[F.Status]),
      // 4776 names its package PackageName (the reference reads it through a substring match).
      authPackage: authPackageOf(get(eventId === 4776 ? F.PackageName : F.AuthenticationPackageName)),
    };
  }

  if (eventId === 1102) {
    const provider = get(F['System.Provider.Name'])?.toLowerCase();
    if (provider !== EVENTLOG_PROVIDER) return null; // another log's 1102 (the reference would crash on it)
    const raw = get(F.SubjectUserName);
    const name = raw === null ? '' : raw.split('@', 1)[0]!.toLowerCase();
    const domain = get(F.SubjectDomainName);
    return {
      ...base,
      kind: 'log-cleared',
      user: name === '' || name === '-' || name.endsWith('$') ? null : name,
      domain: domain === null || domain === '' || domain === '-' ? null : domain,
    };
  }

  if (ADDED.has(eventId) || REMOVED.has(eventId)) {
    const group = get(F.TargetUserName);
    const memberSid = sidValue(get(F.MemberSid));
    // Difference: an invalid group or SID skips the event (the reference reused the previous event's).
    if (group === null || group === '' || group === '-' || failsUcheck(group) || memberSid === null) return null;
    return { ...base, kind: ADDED.has(eventId) ? 'group-member-added' : 'group-member-removed', group, memberSid };
  }

  if (eventId === 4719) {
    return {
      ...base,
      kind: 'policy-change',
      user: userKey(get(F.SubjectUserName)),
      category: categoryValue(get(F.CategoryId)),
      subcategoryGuid: subcategoryValue(get(F.SubcategoryGuid)),
    };
  }

  if (eventId === 5137 || eventId === 5141) {
    return { ...base, kind: eventId === 5137 ? 'ds-object-created' : 'ds-object-deleted', user: userKey(get(F.SubjectUserName)) };
  }

  // 4672, 4662 (subject) and 4720, 4726 (target): nothing happens for a machine account or invalid name.
  const user = userKey(get(eventId === 4720 || eventId === 4726 ? F.TargetUserName : F.SubjectUserName));
  if (user === null) return null;
  if (eventId === 4672) return { ...base, kind: 'privileged', user };
  if (eventId === 4662) return { ...base, kind: 'dcsync-access', user };
  return { ...base, kind: eventId === 4720 ? 'user-created' : 'user-deleted', user, sid: sidValue(get(F.TargetSid)) };
}

/**
 * Normalises one parsed record through the fast path. `out` may be reused between records.
 */
export function normalizeRecord(record: EvtxRecord, tzHours = 0, out: (FieldValue | undefined)[] = []): NormalizedEvent | null {
  return normalizeValues(readRecordValues(record, LOGON_FIELDS, out), tzHours);
}
