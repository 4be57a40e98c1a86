import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type FieldValue, flattenJson, renderJson, readFieldValues } from '../evtx';
import { CORPUS, corpusFiles, hasCorpus, NO_CORPUS } from '../evtx/testing/corpus';
import { readAll } from '../evtx/testing/read-all';
import { F, HANDLED_EVENT_IDS, LOGON_FIELDS } from './fields';
import { normalizeValues } from './normalize';
import type { NormalizedEvent } from './types';

const FILES = hasCorpus ? [...corpusFiles('attack-samples', '.evtx'), ...corpusFiles('evtx-samples', '.evtx')] : [];
const HANDLED = new Set<number>(HANDLED_EVENT_IDS);

interface Outcome {
  id: number | null;
  fast: NormalizedEvent | null;
  slow: NormalizedEvent | null;
  values: (FieldValue | undefined)[];
}

/** Invariants of every accepted event (the acceptance rule and the normalisation rules, §2.4–§2.7). */
function check(e: NormalizedEvent): string | null {
  const key = (u: string | null) => u === null || (u !== '' && u === u.toLowerCase() && !u.includes('@') && !u.endsWith('$') && u !== '-');
  if (!Number.isFinite(e.time)) return 'time';
  switch (e.kind) {
    case 'logon':
    case 'logon-failure':
    case 'kerberos-tgt':
    case 'kerberos-tgs':
    case 'ntlm':
      if (!key(e.user) || e.user === 'anonymous logon') return 'user';
      if (e.host !== (e.ip ?? e.hostname) || e.host === '127.0.0.1' || e.host === '::1' || e.host.includes('::ffff:')) return 'host';
      if (e.status !== null && !/^0x[0-9a-f]{1,8}$/.test(e.status)) return 'status';
      if (e.sid === 'S-1-0-0') return 'sid';
      return null;
    case 'group-member-added':
    case 'group-member-removed':
      return /^S-[\d-]+$/.test(e.memberSid) ? null : 'memberSid';
    default:
      return key(e.user) ? null : 'user';
  }
}

/** Why the reference skips a handled record, worked out from its raw values independently of normalize.ts (null: it should not). */
function skipReason(id: number, v: (FieldValue | undefined)[]): string | null {
  const str = (name: keyof typeof F) => (v[F[name]] === undefined || v[F[name]] === null ? '' : String(v[F[name]]));
  const account = (raw: string) => {
    const name = raw.split('@')[0]!;
    if (raw === '' || raw === '-' || name === '') return 'no account';
    if (name.endsWith('$')) return 'machine account';
    if (/["%&*+,/:;<=>?[\\\]|]/.test(raw)) return 'UCHECK';
    return null;
  };
  if ([4624, 4625, 4768, 4769, 4776].includes(id)) {
    const a = account(str('TargetUserName'));
    if (a) return a;
    if (str('TargetUserName').toLowerCase() === 'anonymous logon') return 'anonymous';
    const ip = (str('IpAddress') || str('Workstation')).toLowerCase().replaceAll('::ffff:', '');
    if (/^127\./.test(ip) || ip === '::1') return 'loopback';
    const known = (h: string) => h !== '' && h !== '-';
    if (!known(ip) && !known(str('WorkstationName'))) return 'no host';
    return null;
  }
  if ([4672, 4662].includes(id)) return account(str('SubjectUserName'));
  if ([4720, 4726].includes(id)) return account(str('TargetUserName'));
  return null;
}

describe.skipIf(!hasCorpus)('logon normalisation over the corpus', () => {
  it.skipIf(!hasCorpus)('every handled record normalises the same through the fast and the slow path', { timeout: 300_000 }, async () => {
    const kinds = new Map<string, number>();
    const skipped = new Map<string, number>();
    const bad: string[] = [];
    let handled = 0;
    let out: (FieldValue | undefined)[] = [];
    for (const file of FILES) {
      const { items } = await readAll(
        join(CORPUS, file),
        (r): Outcome | null => {
          out = readFieldValues(r.nodes, LOGON_FIELDS, out);
          const id = Number(out[F['System.EventID']]);
          if (!HANDLED.has(id)) return null;
          const flat = flattenJson(renderJson(r.nodes));
          const slowValues = LOGON_FIELDS.map((n) => flat[n]);
          return { id, fast: normalizeValues(out), slow: normalizeValues(slowValues), values: [...out] };
        },
        file,
      );
      for (const o of items) {
        if (!o) continue;
        handled++;
        expect(o.fast, `${file}: fast and slow paths differ for event ${o.id}`).toEqual(o.slow);
        const reason = skipReason(o.id!, o.values);
        if (o.fast === null) {
          const k = `${o.id} ${reason ?? 'NO REASON'}`;
          skipped.set(k, (skipped.get(k) ?? 0) + 1);
          if (!reason) bad.push(`${file}: ${o.id} skipped without a reason: ${JSON.stringify(o.values)}`);
        } else if (reason) bad.push(`${file}: ${o.id} accepted though ${reason}: ${JSON.stringify(o.values)}`);
        else {
          kinds.set(o.fast.kind, (kinds.get(o.fast.kind) ?? 0) + 1);
          const why = check(o.fast);
          if (why) bad.push(`${file} ${o.fast.eventId} ${why}: ${JSON.stringify(o.fast)}`);
        }
      }
    }
    console.log(`logon corpus: ${FILES.length} files, ${handled} handled records`);
    console.log('  normalised per kind:', Object.fromEntries([...kinds].sort()));
    console.log('  skipped per event id and reason:', Object.fromEntries([...skipped].sort()));
    expect(bad).toEqual([]);
    expect(handled).toBeGreaterThan(1000);
    for (const k of ['logon', 'logon-failure', 'kerberos-tgt', 'kerberos-tgs', 'ntlm', 'privileged', 'dcsync-access', 'log-cleared']) expect(kinds.get(k) ?? 0, k).toBeGreaterThan(0);
  });
});

if (!hasCorpus) console.log(NO_CORPUS);
