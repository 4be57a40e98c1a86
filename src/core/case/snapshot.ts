import { type CategoricalHmm, validateHmm } from '../analytics/hmm-model';
import { CaseAccumulator } from './accumulator';
import type { StringPool } from './columns';
import type { AccountFact, AdminFact, CaseOptions, CaseSource, ClearedFact, GroupFact, PolicyFact, UserEvidence } from './facts';
import { RecordIdRanges } from './record-ids';

/**
 * A case's accumulated facts as structured-clonable data: typed arrays for the event columns (stored
 * and transferred without copying element by element), plain arrays for the rest. Restoring it and
 * adding more events gives exactly the case that one import of everything would have given.
 */
export interface CaseSnapshot {
  format: 'logonlens-case';
  version: 1;
  options: CaseOptions;
  sources: CaseSource[];
  users: string[];
  hosts: string[];
  values: string[];
  columns: {
    time: Float64Array;
    user: Uint32Array;
    host: Uint32Array;
    code: Uint8Array;
    logonType: Uint8Array;
    status: Uint32Array;
    auth: Uint32Array;
    recordId: Float64Array;
    source: Uint16Array;
  };
  sids: [string, string][];
  userDomains: string[];
  ipHostnames: [string, string][];
  ntlmUsers: string[];
  admins: AdminFact[];
  policies: PolicyFact[];
  accounts: AccountFact[];
  groups: GroupFact[];
  cleared: ClearedFact[];
  dcsync: UserEvidence[];
  dcshadow: UserEvidence[];
  dcsyncPending: [string, number[]][];
  dsObjectSeconds: [number, number][];
  firstHour: number | null;
  lastHour: number | null;
  seen: [string, number[]][];
  /** A model learnt from this case, or null. */
  hmmModel?: CategoricalHmm | null;
}

export function snapshot(acc: CaseAccumulator): CaseSnapshot {
  return {
    format: 'logonlens-case',
    version: 1,
    options: { ...acc.options },
    sources: acc.sources.map((s) => ({ ...s })),
    users: [...acc.users.values],
    hosts: [...acc.hosts.values],
    values: [...acc.values.values],
    columns: {
      time: acc.time.copy(),
      user: acc.user.copy(),
      host: acc.host.copy(),
      code: acc.code.copy(),
      logonType: acc.logonType.copy(),
      status: acc.status.copy(),
      auth: acc.auth.copy(),
      recordId: acc.recordId.copy(),
      source: acc.source.copy(),
    },
    sids: [...acc.sids],
    userDomains: [...acc.userDomains],
    ipHostnames: [...acc.ipHostnames],
    ntlmUsers: [...acc.ntlmUsers],
    admins: [...acc.admins.values()].map((a) => ({ ...a, recordIds: [...a.recordIds] })),
    policies: acc.policies.map((p) => ({ ...p })),
    accounts: acc.accounts.map((a) => ({ ...a })),
    groups: acc.groups.map((g) => ({ ...g })),
    cleared: acc.cleared.map((c) => ({ ...c })),
    dcsync: acc.dcsync.map((d) => ({ ...d, recordIds: [...d.recordIds] })),
    dcshadow: acc.dcshadow.map((d) => ({ ...d, recordIds: [...d.recordIds] })),
    dcsyncPending: [...acc.dcsyncPending].map(([u, ids]) => [u, [...ids]]),
    dsObjectSeconds: [...acc.dsObjectSeconds],
    firstHour: Number.isFinite(acc.firstHour) ? acc.firstHour : null,
    lastHour: Number.isFinite(acc.lastHour) ? acc.lastHour : null,
    seen: [...acc.seen].map(([k, r]) => [k, r.toArray()]),
    hmmModel: acc.hmmModel && structuredClone(acc.hmmModel),
  };
}

/** Thrown for data that is no LogonLens case (or one of an unknown version). */
export class NotACaseError extends Error {
  override name = 'NotACaseError';
}

export function restore(s: CaseSnapshot): CaseAccumulator {
  if (s?.format !== 'logonlens-case' || s.version !== 1) throw new NotACaseError('not a LogonLens case (or one written by a newer version)');
  const n = s.columns.time.length;
  const cols = s.columns;
  if (Object.values(cols).some((c) => c.length !== n)) throw new NotACaseError('damaged case: its event columns differ in length');
  const acc = new CaseAccumulator(s.options);
  acc.sources.push(...s.sources.map((x) => ({ ...x })));
  const pool = (target: StringPool, values: string[]) => values.forEach((v, i) => {
    if (target.id(v) !== i) throw new NotACaseError('damaged case: repeated names');
  });
  pool(acc.users, s.users);
  pool(acc.hosts, s.hosts);
  if (s.values[0] !== '') throw new NotACaseError('damaged case: value table');
  pool(acc.values, s.values);
  acc.time.load(cols.time.slice());
  acc.user.load(cols.user.slice());
  acc.host.load(cols.host.slice());
  acc.code.load(cols.code.slice());
  acc.logonType.load(cols.logonType.slice());
  acc.status.load(cols.status.slice());
  acc.auth.load(cols.auth.slice());
  acc.recordId.load(cols.recordId.slice());
  acc.source.load(cols.source.slice());
  for (const [u, sid] of s.sids) acc.sids.set(u, sid);
  for (const p of s.userDomains) acc.userDomains.add(p);
  for (const [ip, h] of s.ipHostnames) acc.ipHostnames.set(ip, h);
  for (const u of s.ntlmUsers) acc.ntlmUsers.add(u);
  for (const a of s.admins) acc.admins.set(a.user, { ...a, recordIds: [...a.recordIds] });
  acc.policies.push(...s.policies);
  acc.accounts.push(...s.accounts);
  acc.groups.push(...s.groups);
  acc.cleared.push(...s.cleared);
  acc.dcsync.push(...s.dcsync);
  acc.dcshadow.push(...s.dcshadow);
  for (const [u, ids] of s.dcsyncPending) acc.dcsyncPending.set(u, [...ids]);
  for (const [sec, id] of s.dsObjectSeconds) acc.dsObjectSeconds.set(sec, id);
  acc.firstHour = s.firstHour ?? Infinity;
  acc.lastHour = s.lastHour ?? -Infinity;
  for (const [k, pairs] of s.seen) acc.seen.set(k, RecordIdRanges.from(pairs));
  if (s.hmmModel) {
    validateHmm(s.hmmModel);
    acc.hmmModel = structuredClone(s.hmmModel);
  }
  return acc;
}
