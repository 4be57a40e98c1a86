import { describe, expect, it } from 'vitest';
import type { LogonBranchEvent, NormalizedEvent } from '../src/core/logon';
import { CaseAccumulator } from '../src/core/case/accumulator';
import { analyze } from '../src/core/case/analysis';
import { EvtxWriter, memorySource, type SecurityEvent } from '../src/core/evtx';
import { importSources } from '../src/core/case/import';
import { createScenario } from '../src/core/generator';
import { graphOf, namesOf, nodeInfoOf, rawRecordOf } from './case-queries';

const T0 = Date.UTC(2024, 2, 4, 10);
let id = 1;
const logon = (over: Partial<LogonBranchEvent>): LogonBranchEvent => ({
  eventId: 4624, recordId: id++, time: T0, kind: 'logon', user: 'alice', host: '10.0.0.5', ip: '10.0.0.5', hostname: null,
  domain: 'CORP', sid: null, logonType: 3, status: null, authPackage: 'Kerberos', ...over,
});

function build() {
  const events: NormalizedEvent[] = [
    logon({}),
    logon({ user: 'bob', host: 'ws02', ip: null }),
    logon({ user: '__proto__', host: 'ws02', ip: null }),
    logon({ user: 'malice', eventId: 4625, kind: 'logon-failure', status: '0xc000006a', host: 'ws02', ip: null }),
    { eventId: 4672, recordId: id++, time: T0, kind: 'privileged', user: 'bob' },
    { eventId: 4720, recordId: id++, time: T0, kind: 'user-created', user: 'malice', sid: null },
    { eventId: 4719, recordId: id++, time: T0 + 5000, kind: 'policy-change', user: 'bob', category: '%%8273', subcategoryGuid: '{0cce9215-69ae-11d9-bed3-505054503030}' },
  ];
  const acc = new CaseAccumulator({ tzHours: 0, from: null, to: null });
  const s = acc.addSource({ name: 'v', size: 0, records: 0, accepted: 0, duplicates: 0, problems: 0, importedAt: 0 });
  for (const e of events) acc.add(e, 'dc', s);
  return { acc, a: analyze(acc) };
}

describe('graph view queries', () => {
  const { acc, a } = build();

  it('graphOf: one styling record per node (privileged, status flag, rank, policy label)', () => {
    const g = graphOf(acc, a, { view: 'all' });
    const by = Object.fromEntries(g.nodes.map((n, i) => [n.id, g.attrs[i]!]));
    expect(by['account:bob']!.admin).toBe(true);
    expect(by['account:alice']!.admin).toBe(false);
    expect(by['account:malice']!.flagged).toBe(true);
    expect(by['account:alice']!.flagged).toBe(false);
    expect(by['host:ws02']!.rank).toBeGreaterThanOrEqual(0);
    const p = graphOf(acc, a, { view: 'policy' });
    expect(p.attrs[p.nodes.findIndex((n) => n.kind === 'policy')]!.label).toBe('2024-03-04 10:00:05');
  });

  it('namesOf: prefix matches first, then contains, limited; no prototype surprises', () => {
    expect(namesOf(a, 'account', 'al', 10)).toEqual(['alice', 'malice']);
    expect(namesOf(a, 'account', 'AL', 1)).toEqual(['alice']);
    expect(namesOf(a, 'account', '__pro', 5)).toEqual(['__proto__']);
    expect(namesOf(a, 'ip', '10.', 5)).toEqual(['10.0.0.5']);
    expect(namesOf(a, 'host', 'ws', 5)).toEqual(['ws02']);
  });

  it('nodeInfoOf: properties, ranks and detections of accounts, hosts and policies', () => {
    const bob = nodeInfoOf(acc, a, 'account:bob')!;
    expect(bob.admin).toBe(true);
    expect(bob.properties.find(([k]) => k === 'Privilege')?.[1]).toBe('SYSTEM (4672)');
    expect(bob.detections.map((d) => d.kind)).toContain('admin');
    expect(bob.hmm).not.toBeNull();
    const malice = nodeInfoOf(acc, a, 'account:malice')!;
    expect(malice.detections.map((d) => d.kind).sort()).toEqual(['logon-failure', 'user-created']);
    const host = nodeInfoOf(acc, a, 'host:ws02')!;
    expect(host.detections.map((d) => d.kind)).toEqual(['logon-failure']);
    expect(host.changeFinderMax).toBeNull();
    expect(nodeInfoOf(acc, a, 'account:__proto__')!.name).toBe('__proto__');
    expect(nodeInfoOf(acc, a, 'account:nobody')).toBeNull();
    expect(nodeInfoOf(acc, a, 'policy:0')!.properties.find(([k]) => k === 'By')?.[1]).toBe('bob');
    expect(nodeInfoOf(acc, a, 'policy:99')).toBeNull();
    expect(nodeInfoOf(acc, a, 'nonsense')).toBeNull();
  });
});

describe('rawRecordOf', () => {
  it('finds an edge event by its record id in an EVTX file and renders its XML', async () => {
    const events: SecurityEvent[] = [...createScenario({ seed: 3, users: 8, workstations: 4, servers: 1, domainControllers: 1, days: 1, start: '2024-03-04', attacks: [] }).events()];
    const parts: Uint8Array[] = [];
    const w = new EvtxWriter((b) => void parts.push(b));
    for (const e of events) await w.write(e);
    await w.close();
    parts[0] = w.finalHeader();
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) bytes.set(p, at), (at += p.length);
    const acc = new CaseAccumulator({ tzHours: 0, from: null, to: null });
    await importSources(acc, [memorySource(bytes, 'x.evtx')]);
    const rid = acc.recordId.view();
    const wanted = rid[Math.floor(rid.length / 2)]!;
    const blob = new Blob([bytes as BlobPart]);
    const found = await rawRecordOf(blob, 'x.evtx', wanted);
    expect(found.available).toBe(true);
    if (found.available) expect(found.text).toContain(`<EventRecordID>${wanted}</EventRecordID>`);
    const missing = await rawRecordOf(blob, 'x.evtx', 99_999_999);
    expect(missing.available).toBe(false);
  });
});
