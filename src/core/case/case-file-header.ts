import { type CategoricalHmm, validateHmm } from '../analytics/hmm-model';
import type { AccountFact, AdminFact, CaseOptions, CaseSource, ClearedFact, GroupFact, PolicyFact, UserEvidence } from './facts';
import { type CaseSnapshot, NotACaseError } from './snapshot';

/**
 * Checks a case file's JSON header field by field and rebuilds it from known fields only: a file
 * from anywhere becomes either a well-typed snapshot or a NotACaseError naming the bad field. Names
 * are values here, never keys, so a user called `__proto__` is just a string.
 */

type Columns = CaseSnapshot['columns'];
export type SnapshotHeader = Omit<CaseSnapshot, 'columns'>;
export interface HeaderColumnRef {
  type: string;
  byteOffset: number;
  length: number;
}

function bad(path: string, what: string): never {
  throw new NotACaseError(`damaged LogonLens case file: ${path} ${what}`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function obj(v: unknown, path: string): Record<string, unknown> {
  if (!isObject(v)) bad(path, 'is not an object');
  return v;
}
function str(v: unknown, path: string): string {
  if (typeof v !== 'string') bad(path, 'is not a string');
  return v;
}
function num(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) bad(path, 'is not a number');
  return v;
}
function count(v: unknown, path: string): number {
  const n = num(v, path);
  if (!Number.isSafeInteger(n) || n < 0) bad(path, 'is not a count');
  return n;
}
function nullable<T>(read: (v: unknown, path: string) => T) {
  return (v: unknown, path: string): T | null => (v === null ? null : read(v, path));
}
function arr<T>(v: unknown, path: string, item: (v: unknown, path: string) => T): T[] {
  if (!Array.isArray(v)) bad(path, 'is not a list');
  return v.map((x, i) => item(x, `${path}[${i}]`));
}
function pair<A, B>(a: (v: unknown, p: string) => A, b: (v: unknown, p: string) => B) {
  return (v: unknown, path: string): [A, B] => {
    if (!Array.isArray(v) || v.length !== 2) bad(path, 'is not a pair');
    return [a(v[0], `${path}[0]`), b(v[1], `${path}[1]`)];
  };
}
function oneOf<T extends string>(values: readonly T[]) {
  return (v: unknown, path: string): T => {
    if (!values.includes(v as T)) bad(path, `is not one of ${values.join(', ')}`);
    return v as T;
  };
}
const nums = (v: unknown, path: string) => arr(v, path, num);
const strs = (v: unknown, path: string) => arr(v, path, str);
const nullStr = nullable(str);
const nullNum = nullable(num);

const options = (v: unknown, p: string): CaseOptions => {
  const o = obj(v, p);
  return { tzHours: num(o['tzHours'], `${p}.tzHours`), from: nullNum(o['from'], `${p}.from`), to: nullNum(o['to'], `${p}.to`) };
};
const source = (v: unknown, p: string): CaseSource => {
  const o = obj(v, p);
  return {
    name: str(o['name'], `${p}.name`),
    size: count(o['size'], `${p}.size`),
    records: count(o['records'], `${p}.records`),
    accepted: count(o['accepted'], `${p}.accepted`),
    duplicates: count(o['duplicates'], `${p}.duplicates`),
    problems: count(o['problems'], `${p}.problems`),
    importedAt: num(o['importedAt'], `${p}.importedAt`),
  };
};
const admin = (v: unknown, p: string): AdminFact => {
  const o = obj(v, p);
  return { user: str(o['user'], `${p}.user`), count: count(o['count'], `${p}.count`), first: num(o['first'], `${p}.first`), last: num(o['last'], `${p}.last`), recordIds: nums(o['recordIds'], `${p}.recordIds`) };
};
const policy = (v: unknown, p: string): PolicyFact => {
  const o = obj(v, p);
  return {
    time: num(o['time'], `${p}.time`),
    user: nullStr(o['user'], `${p}.user`),
    category: nullStr(o['category'], `${p}.category`),
    subcategoryGuid: nullStr(o['subcategoryGuid'], `${p}.subcategoryGuid`),
    recordId: nullNum(o['recordId'], `${p}.recordId`),
  };
};
const account = (v: unknown, p: string): AccountFact => {
  const o = obj(v, p);
  return { kind: oneOf(['user-created', 'user-deleted'] as const)(o['kind'], `${p}.kind`), user: str(o['user'], `${p}.user`), sid: nullStr(o['sid'], `${p}.sid`), time: num(o['time'], `${p}.time`), recordId: nullNum(o['recordId'], `${p}.recordId`) };
};
const group = (v: unknown, p: string): GroupFact => {
  const o = obj(v, p);
  return {
    kind: oneOf(['group-member-added', 'group-member-removed'] as const)(o['kind'], `${p}.kind`),
    group: str(o['group'], `${p}.group`),
    memberSid: str(o['memberSid'], `${p}.memberSid`),
    time: num(o['time'], `${p}.time`),
    recordId: nullNum(o['recordId'], `${p}.recordId`),
  };
};
const cleared = (v: unknown, p: string): ClearedFact => {
  const o = obj(v, p);
  return { time: num(o['time'], `${p}.time`), user: nullStr(o['user'], `${p}.user`), domain: nullStr(o['domain'], `${p}.domain`), recordId: nullNum(o['recordId'], `${p}.recordId`) };
};
const evidence = (v: unknown, p: string): UserEvidence => {
  const o = obj(v, p);
  return { user: str(o['user'], `${p}.user`), time: num(o['time'], `${p}.time`), recordIds: nums(o['recordIds'], `${p}.recordIds`) };
};
const ranges = (v: unknown, p: string): number[] => {
  const r = nums(v, p);
  if (r.length % 2 !== 0) bad(p, 'is not a list of ranges');
  for (let i = 1; i < r.length; i++) if (r[i]! < r[i - 1]!) bad(p, 'is not sorted');
  return r;
};

/** A learnt HMM kept with the case: numbers in the right shape, then the model's own checks. */
const hmmModel = (v: unknown, p: string): CategoricalHmm | null => {
  if (v === null || v === undefined) return null;
  const o = obj(v, p);
  const model = { startProb: nums(o['startProb'], `${p}.startProb`), transMat: arr(o['transMat'], `${p}.transMat`, nums), emissionProb: arr(o['emissionProb'], `${p}.emissionProb`, nums) };
  try {
    validateHmm(model);
  } catch (e) {
    bad(p, `is not a valid model (${e instanceof Error ? e.message : String(e)})`);
  }
  return model;
};

/** Validates the header and returns the snapshot's fields and the column references. */
export function readSnapshotHeader(json: unknown, columnNames: readonly (keyof Columns)[]): { snapshot: SnapshotHeader; refs: Record<keyof Columns, HeaderColumnRef> } {
  if (!isObject(json)) throw new NotACaseError('damaged LogonLens case file: its header is not an object');
  const h = json;
  if (h['format'] !== 'logonlens-case') bad('format', 'is not "logonlens-case"');
  if (h['version'] !== 1) throw new NotACaseError(`this LogonLens case holds a version ${String(h['version'])} snapshot; this version of LogonLens reads version 1`);
  const cols = obj(h['columns'], 'columns');
  const refs = {} as Record<keyof Columns, HeaderColumnRef>;
  for (const name of columnNames) {
    const c = obj(cols[name], `columns.${name}`);
    refs[name] = { type: str(c['type'], `columns.${name}.type`), byteOffset: count(c['byteOffset'], `columns.${name}.byteOffset`), length: count(c['length'], `columns.${name}.length`) };
  }
  const snapshot: SnapshotHeader = {
    format: 'logonlens-case',
    version: 1,
    options: options(h['options'], 'options'),
    sources: arr(h['sources'], 'sources', source),
    users: strs(h['users'], 'users'),
    hosts: strs(h['hosts'], 'hosts'),
    values: strs(h['values'], 'values'),
    sids: arr(h['sids'], 'sids', pair(str, str)),
    userDomains: strs(h['userDomains'], 'userDomains'),
    ipHostnames: arr(h['ipHostnames'], 'ipHostnames', pair(str, str)),
    ntlmUsers: strs(h['ntlmUsers'], 'ntlmUsers'),
    admins: arr(h['admins'], 'admins', admin),
    policies: arr(h['policies'], 'policies', policy),
    accounts: arr(h['accounts'], 'accounts', account),
    groups: arr(h['groups'], 'groups', group),
    cleared: arr(h['cleared'], 'cleared', cleared),
    dcsync: arr(h['dcsync'], 'dcsync', evidence),
    dcshadow: arr(h['dcshadow'], 'dcshadow', evidence),
    dcsyncPending: arr(h['dcsyncPending'], 'dcsyncPending', pair(str, nums)),
    dsObjectSeconds: arr(h['dsObjectSeconds'], 'dsObjectSeconds', pair(num, num)),
    firstHour: nullNum(h['firstHour'], 'firstHour'),
    lastHour: nullNum(h['lastHour'], 'lastHour'),
    seen: arr(h['seen'], 'seen', pair(str, ranges)),
    hmmModel: hmmModel(h['hmmModel'], 'hmmModel'),
  };
  if (snapshot.sources.length > 0xffff) bad('sources', 'holds more than 65,535 files');
  return { snapshot, refs };
}
