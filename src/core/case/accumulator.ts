import type { CategoricalHmm } from '../analytics/hmm-model';
import { hourBucket, type NormalizedEvent } from '../logon';
import { Column, StringPool } from './columns';
import {
  type AccountFact,
  type AdminFact,
  type CaseOptions,
  type CaseSource,
  type ClearedFact,
  type GroupFact,
  MAX_EVIDENCE_IDS,
  type PolicyFact,
  type UserEvidence,
} from './facts';
import { RecordIdRanges } from './record-ids';

/** What `add` did with one normalized event. */
export type AddOutcome = 'accepted' | 'duplicate' | 'outside-window';

/** Logon-branch event ids as stored: the HMM's symbol order (§5.2) doubles as the column's code. */
export const LOGON_EVENT_IDS = [4776, 4768, 4769, 4624, 4625] as const;
const LOGON_CODE = new Map<number, number>(LOGON_EVENT_IDS.map((id, i) => [id, i]));

/**
 * Everything a case knows, accumulated event by event in import order. Logon-branch events are kept
 * as columns (one row per event: the reference's event, count and ML tables in one), because every
 * view is an aggregation of them; the other event ids are rare and kept as small fact lists.
 *
 * Everything here is order-dependent exactly where the reference is (last SID wins, DCSync's
 * every-third 4662), so events must be added in file and record order; the import does that.
 */
export class CaseAccumulator {
  readonly options: CaseOptions;
  readonly sources: CaseSource[] = [];

  /** Logon-branch users in first-seen order, and hosts (host keys). */
  readonly users = new StringPool();
  readonly hosts = new StringPool();
  /** Status codes, authentication packages and domains ('' stands for "none"). */
  readonly values = new StringPool(['']);

  // One row per accepted logon-branch event.
  readonly time = new Column(Float64Array);
  readonly user = new Column(Uint32Array);
  readonly host = new Column(Uint32Array);
  /** Index into LOGON_EVENT_IDS. */
  readonly code = new Column(Uint8Array);
  readonly logonType = new Column(Uint8Array);
  readonly status = new Column(Uint32Array);
  readonly auth = new Column(Uint32Array);
  /** EventRecordID, or -1. */
  readonly recordId = new Column(Float64Array);
  /** Index into `sources`. */
  readonly source = new Column(Uint16Array);

  readonly sids = new Map<string, string>();
  /** "user\u0000domain" pairs (the reference's Group relationships). */
  readonly userDomains = new Set<string>();
  /** IP → host name, when one event carried both (last wins, §3.2). */
  readonly ipHostnames = new Map<string, string>();
  /** Users seen with the NTLM package (what the reference's misspelt check meant, §3.8). */
  readonly ntlmUsers = new Set<string>();

  readonly admins = new Map<string, AdminFact>();
  readonly policies: PolicyFact[] = [];
  readonly accounts: AccountFact[] = [];
  readonly groups: GroupFact[] = [];
  readonly cleared: ClearedFact[] = [];
  readonly dcsync: UserEvidence[] = [];
  readonly dcshadow: UserEvidence[] = [];
  /** Per user: the 4662 record ids counted towards the next DCSync (the reference resets at 3). */
  readonly dcsyncPending = new Map<string, number[]>();
  /** Second-resolution times of 5137/5141 seen so far, with the record that brought each. */
  readonly dsObjectSeconds = new Map<number, number>();

  /** Min and max hour bucket over every accepted event (the reference's start and end). */
  firstHour = Infinity;
  lastHour = -Infinity;

  /** An HMM learnt from this case ("learn from this case"), used instead of the shipped one; null: the shipped one. */
  hmmModel: CategoricalHmm | null = null;

  /** Per computer: record ids imported so far. */
  readonly seen = new Map<string, RecordIdRanges>();

  constructor(options: CaseOptions) {
    this.options = { ...options };
  }

  get logonCount(): number {
    return this.time.length;
  }

  /** Registers a file about to be imported; returns its index for `add`. */
  addSource(source: CaseSource): number {
    if (this.sources.length >= 0xffff) throw new RangeError('a case holds at most 65,535 files');
    this.sources.push(source);
    return this.sources.length - 1;
  }

  /**
   * Adds one normalized event from `computer`'s log (System/Computer; the key for recognising a record
   * imported before). Events outside the time window are skipped (1102 is outside the filter, §2.7).
   */
  add(e: NormalizedEvent, computer: string | null, sourceIndex: number): AddOutcome {
    const { from, to } = this.options;
    if (e.kind !== 'log-cleared' && ((from !== null && e.time < from) || (to !== null && e.time > to))) return 'outside-window';
    if (e.recordId !== null) {
      const key = computer ?? '';
      let ids = this.seen.get(key);
      if (!ids) this.seen.set(key, (ids = new RecordIdRanges()));
      if (!ids.add(e.recordId)) return 'duplicate';
    }
    const hour = hourBucket(e.time);
    if (e.kind !== 'log-cleared') {
      if (hour < this.firstHour) this.firstHour = hour;
      if (hour > this.lastHour) this.lastHour = hour;
    }
    const rid = e.recordId;
    switch (e.kind) {
      case 'logon':
      case 'logon-failure':
      case 'kerberos-tgt':
      case 'kerberos-tgs':
      case 'ntlm': {
        this.time.push(e.time);
        this.user.push(this.users.id(e.user));
        this.host.push(this.hosts.id(e.host));
        this.code.push(LOGON_CODE.get(e.eventId)!);
        this.logonType.push(Math.min(255, Math.max(0, e.logonType)));
        this.status.push(this.values.id(e.status ?? ''));
        this.auth.push(this.values.id(e.authPackage ?? ''));
        this.recordId.push(rid ?? -1);
        this.source.push(sourceIndex);
        if (e.sid !== null) this.sids.set(e.user, e.sid);
        if (e.domain !== null) this.userDomains.add(`${e.user}\u0000${e.domain}`);
        if (e.ip !== null && e.hostname !== null && e.ip !== e.hostname) this.ipHostnames.set(e.ip, e.hostname);
        if (e.authPackage !== null && e.authPackage.toUpperCase() === 'NTLM') this.ntlmUsers.add(e.user);
        break;
      }
      case 'privileged': {
        const a = this.admins.get(e.user);
        if (!a) this.admins.set(e.user, { user: e.user, count: 1, first: e.time, last: e.time, recordIds: rid === null ? [] : [rid] });
        else {
          a.count++;
          a.first = Math.min(a.first, e.time);
          a.last = Math.max(a.last, e.time);
          if (rid !== null && a.recordIds.length < MAX_EVIDENCE_IDS) a.recordIds.push(rid);
        }
        break;
      }
      case 'dcsync-access': {
        // The reference's intent (§3.7), counted once per event: every third 4662 of a user is a DCSync.
        const pending = this.dcsyncPending.get(e.user) ?? [];
        pending.push(rid ?? -1);
        if (pending.length >= 3) {
          this.dcsync.push({ user: e.user, time: e.time, recordIds: pending.filter((id) => id >= 0) });
          this.dcsyncPending.delete(e.user);
        } else this.dcsyncPending.set(e.user, pending);
        break;
      }
      case 'ds-object-created':
      case 'ds-object-deleted': {
        const second = Math.floor(e.time / 1000);
        const earlier = this.dsObjectSeconds.get(second);
        if (earlier === undefined) this.dsObjectSeconds.set(second, rid ?? -1);
        else if (e.user !== null) this.dcshadow.push({ user: e.user, time: e.time, recordIds: [earlier, rid ?? -1].filter((id) => id >= 0) });
        break;
      }
      case 'policy-change':
        this.policies.push({ time: e.time, user: e.user, category: e.category, subcategoryGuid: e.subcategoryGuid, recordId: rid });
        break;
      case 'user-created':
      case 'user-deleted':
        this.accounts.push({ kind: e.kind, user: e.user, sid: e.sid, time: e.time, recordId: rid });
        break;
      case 'group-member-added':
      case 'group-member-removed':
        this.groups.push({ kind: e.kind, group: e.group, memberSid: e.memberSid, time: e.time, recordId: rid });
        break;
      case 'log-cleared':
        this.cleared.push({ time: e.time, user: e.user, domain: e.domain, recordId: rid });
        break;
    }
    return 'accepted';
  }
}
