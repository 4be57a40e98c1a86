import { describe, expect, it } from 'vitest';
import type { ScanHit } from '../../core/sigma';
import { accountsOf, filterHits, hitsCsv, resultsJson } from './export';

const hit = (over: Partial<ScanHit> = {}): ScanHit => ({
  ruleId: 'r1', title: 'T', level: 'high', status: 'test', author: 'A', source: 'pack/rules/x.yml', channel: 'Security', eventId: 4624,
  recordId: 7, time: '2024-01-01T00:00:00Z', computer: 'DC01', fields: { TargetUserName: '=cmd|x', IpAddress: '10.0.0.1' }, file: 'a.evtx', raw: '{}', ...over,
});

describe('Sigma results export', () => {
  it('escapes formula cells and quotes separators in CSV, credits author and source', () => {
    const csv = hitsCsv([hit({ computer: '@evil', title: 'a,"b"', fields: { X: '-1' } }), hit({ computer: '\tx', file: '+f' })]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('time,level,rule,rule_id,status,computer,channel,event_id,record_id,file,matched_fields,rule_author,rule_source');
    expect(lines[1]).toBe(`2024-01-01T00:00:00Z,high,"a,""b""",r1,test,'@evil,Security,4624,7,a.evtx,X=-1,A,pack/rules/x.yml`);
    expect(lines[2]).toContain(`'\tx,`);
    expect(lines[2]).toContain(`'+f,`);
    expect(hitsCsv([hit({ fields: { A: '=1' } })]).split('\r\n')[1]).toContain(',A==1,');
    expect(csv.endsWith('\r\n')).toBe(true);
  });
  it('leaves raw events out of JSON unless asked', () => {
    expect(JSON.parse(resultsJson([hit()], [])).hits[0].raw).toBeUndefined();
    expect(JSON.parse(resultsJson([hit()], [], true)).hits[0].raw).toBe('{}');
  });
  it('filters by text, level and rule', () => {
    const hits = [hit(), hit({ level: 'low', ruleId: 'r2', fields: { CommandLine: 'mimikatz' } })];
    expect(filterHits(hits, { q: 'MIMI', level: '', rule: '' })).toHaveLength(1);
    expect(filterHits(hits, { q: '', level: 'medium', rule: '' })).toEqual([hits[0]]);
    expect(filterHits(hits, { q: '', level: '', rule: 'r2' })).toEqual([hits[1]]);
  });
  it('finds the accounts a hit names', () => {
    expect(accountsOf({ TargetUserName: 'alice@CORP.LOCAL', SubjectUserName: 'DC01$' })).toEqual(['alice']);
    expect(accountsOf({ SubjectUserName: 'bob', TargetUserName: '-', User: 'CORP\\carol' })).toEqual(['bob', 'carol']);
  });
});
