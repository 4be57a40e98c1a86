import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventDataNames, readFields } from '../evtx';
import { CORPUS, corpusFiles, hasCorpus, NO_CORPUS } from '../evtx/testing/corpus';
import { readAll } from '../evtx/testing/read-all';
import { collect, smallOptions } from './testing';

/**
 * Field names (in order) and value kinds of every generated event id against real Security logs
 * read with our parser. Ids the corpus has no sample of are checked against Microsoft's documented
 * templates below instead.
 */
const DOCUMENTED: Record<number, string[]> = {
  4719: ['SubjectUserSid', 'SubjectUserName', 'SubjectDomainName', 'SubjectLogonId', 'CategoryId', 'SubcategoryId', 'SubcategoryGuid', 'AuditPolicyChanges'],
  4726: ['TargetUserName', 'TargetDomainName', 'TargetSid', 'SubjectUserSid', 'SubjectUserName', 'SubjectDomainName', 'SubjectLogonId', 'PrivilegeList'],
  4729: ['MemberName', 'MemberSid', 'TargetUserName', 'TargetDomainName', 'TargetSid', 'SubjectUserSid', 'SubjectUserName', 'SubjectDomainName', 'SubjectLogonId', 'PrivilegeList'],
  4757: ['MemberName', 'MemberSid', 'TargetUserName', 'TargetDomainName', 'TargetSid', 'SubjectUserSid', 'SubjectUserName', 'SubjectDomainName', 'SubjectLogonId', 'PrivilegeList'],
  4756: ['MemberName', 'MemberSid', 'TargetUserName', 'TargetDomainName', 'TargetSid', 'SubjectUserSid', 'SubjectUserName', 'SubjectDomainName', 'SubjectLogonId', 'PrivilegeList'],
  5137: ['OpCorrelationID', 'AppCorrelationID', 'SubjectUserSid', 'SubjectUserName', 'SubjectDomainName', 'SubjectLogonId', 'DSName', 'DSType', 'ObjectDN', 'ObjectGUID', 'ObjectClass'],
  5141: ['OpCorrelationID', 'AppCorrelationID', 'SubjectUserSid', 'SubjectUserName', 'SubjectDomainName', 'SubjectLogonId', 'DSName', 'DSType', 'ObjectDN', 'ObjectGUID', 'ObjectClass', 'TreeDelete'],
};

interface Seen {
  /** Distinct ordered name lists. */
  layouts: Set<string>;
  /** Field → kinds of its non-null values. */
  kinds: Map<string, Set<string>>;
}

async function corpusLayouts(ids: Set<number>): Promise<Map<number, Seen>> {
  const seen = new Map<number, Seen>();
  const files = [...corpusFiles('attack-samples', '.evtx'), ...corpusFiles('evtx-samples', '.evtx'), ...corpusFiles('sigma-regression', '.evtx')];
  const SYSTEM = ['System.EventID', 'System.Provider.Name'];
  for (const file of files) {
    let items: ({ id: number; names: string[]; values: Record<string, unknown> } | null)[];
    try {
      ({ items } = await readAll(join(CORPUS, file), (r) => {
        const s = readFields(r.nodes, SYSTEM);
        const id = Number(s['System.EventID']);
        const provider = s['System.Provider.Name'];
        if (!ids.has(id) || (provider !== 'Microsoft-Windows-Security-Auditing' && provider !== 'Microsoft-Windows-Eventlog')) return null;
        const names = eventDataNames(r.nodes);
        return { id, names, values: readFields(r.nodes, names) };
      }));
    } catch {
      continue; // damaged samples are other tests' business
    }
    for (const it of items) {
      if (!it) continue;
      let s = seen.get(it.id);
      if (!s) seen.set(it.id, (s = { layouts: new Set(), kinds: new Map() }));
      s.layouts.add(it.names.join(','));
      for (const [k, v] of Object.entries(it.values)) {
        if (v === null || v === undefined) continue;
        let set = s.kinds.get(k);
        if (!set) s.kinds.set(k, (set = new Set()));
        set.add(typeof v);
      }
    }
  }
  return seen;
}

if (!hasCorpus) console.warn(`corpus-fields.test.ts: ${NO_CORPUS}`);

describe.skipIf(!hasCorpus)('generated fields against real Security logs', () => {
  it('uses, per event id, a field layout and value kinds seen in the corpus (or documented)', async () => {
    const { events } = collect(smallOptions({ days: 10, start: '2024-03-04' }));
    const generated = new Map<number, Seen>();
    for (const e of events) {
      let s = generated.get(e.eventId);
      if (!s) generated.set(e.eventId, (s = { layouts: new Set(), kinds: new Map() }));
      s.layouts.add(Object.keys(e.fields).join(','));
      for (const [k, v] of Object.entries(e.fields)) {
        if (v === null) continue;
        let set = s.kinds.get(k);
        if (!set) s.kinds.set(k, (set = new Set()));
        set.add(typeof v);
      }
    }
    const real = await corpusLayouts(new Set(generated.keys()));
    const fromCorpus: number[] = [];
    const fromDocs: number[] = [];
    const problems: string[] = [];
    for (const [id, gen] of [...generated].sort((a, b) => a[0] - b[0])) {
      const known = real.get(id);
      const layouts = known ? known.layouts : DOCUMENTED[id] ? new Set([DOCUMENTED[id]!.join(',')]) : undefined;
      if (!layouts) {
        problems.push(`${id}: neither in the corpus nor documented here`);
        continue;
      }
      (known ? fromCorpus : fromDocs).push(id);
      for (const layout of gen.layouts) if (!layouts.has(layout)) problems.push(`${id}: layout ${layout} not among ${[...layouts].join(' | ')}`);
      if (!known) continue;
      for (const [field, kinds] of gen.kinds) {
        const want = known.kinds.get(field);
        if (want) for (const k of kinds) if (!want.has(k)) problems.push(`${id}.${field}: ${k}, corpus has ${[...want].join('/')}`);
      }
    }
    console.log(`field layouts checked against the corpus for ${fromCorpus.join(', ')}; against documented templates for ${fromDocs.join(', ') || 'none'}`);
    expect(problems).toEqual([]);
    // Everything LogonTracer reads is generated.
    for (const id of [4624, 4625, 4662, 4672, 4719, 4720, 4726, 4728, 4729, 4732, 4733, 4756, 4757, 4768, 4769, 4776, 5137, 5141, 1102]) expect(generated.has(id), `event ${id}`).toBe(true);
  });
});
