import { describe, expect, it } from 'vitest';
import {
  compileRule,
  correlateHits,
  createEngine,
  type FieldValue,
  isReported,
  jsonEvent,
  loadRuleDocuments,
  loadRuleSet,
  objectEvent,
  parseCondition,
  parseSigmaString,
  compileParts,
  SigmaEngine,
  type SigmaHit,
} from '.';
import { AhoCorasick } from './prefilter';
import { base64OfBytes, inCidr, parseCidr, parseIp } from './modifiers';

const SYSMON = 'Microsoft-Windows-Sysmon/Operational';

/** A rule of product windows (every channel) with this detection, as YAML. */
function rule(detection: string, extra = ''): string {
  return `title: t\nid: 00000000-0000-0000-0000-000000000001\nlevel: high\nlogsource:\n  product: windows\n${extra}detection:\n${detection
    .trim()
    .split('\n')
    .map((l) => '  ' + l)
    .join('\n')}\n`;
}

function engineFor(yaml: string, placeholders?: Record<string, string[]>): SigmaEngine {
  const set = loadRuleSet([{ path: 'test.yml', text: yaml }], { placeholders });
  expect(set.rejected).toEqual([]);
  return createEngine(set);
}

function fires(detection: string, fields: Record<string, FieldValue>): boolean {
  const e = engineFor(rule(detection));
  return e.match(objectEvent({ Channel: SYSMON, EventID: 1, ...fields })) > 0;
}

describe('wildcards', () => {
  it('parses escapes the way Sigma does', () => {
    // The specification: a backslash before a wildcard escapes it, so a folder then `*` is `\\*`.
    expect(parseSigmaString('C:\\Windows\\*')).toEqual(['C:\\Windows*']);
    expect(parseSigmaString('C:\\Windows\\\\*')).toEqual(['C:\\Windows\\', 0]);
    expect(parseSigmaString('C:\\Windows\\')).toEqual(['C:\\Windows\\']);
    expect(parseSigmaString('a\\*b\\?c\\\\d')).toEqual(['a*b?c\\d']);
    expect(parseSigmaString('a?b')).toEqual(['a', 1, 'b']);
  });
  it('compiles to string operations', () => {
    const t = (p: string, s: string) => compileParts(parseSigmaString(p), true)(s.toLowerCase());
    expect(t('abc', 'ABC')).toBe(true);
    expect(t('abc', 'abcd')).toBe(false);
    expect(t('*bc', 'xabc')).toBe(true);
    expect(t('ab*', 'abx')).toBe(true);
    expect(t('*b*', 'abc')).toBe(true);
    expect(t('a*c', 'abbbc')).toBe(true);
    expect(t('a*c', 'ac')).toBe(true);
    expect(t('ab*bc', 'abc')).toBe(false);
    expect(t('*a*b*c*', 'xxaxxbxxcxx')).toBe(true);
    expect(t('*a*b*c*', 'xxcxxbxxaxx')).toBe(false);
    expect(t('a?c', 'abc')).toBe(true);
    expect(t('a?c', 'abbc')).toBe(false);
    expect(t('a\\*c', 'a*c')).toBe(true);
    expect(t('a\\*c', 'abc')).toBe(false);
    expect(t('', '')).toBe(true);
    expect(t('*', 'anything')).toBe(true);
  });
});

describe('detection items', () => {
  it('is case-insensitive by default, and case-sensitive with |cased', () => {
    expect(fires('sel:\n  Image: C:\\WINDOWS\\cmd.exe\ncondition: sel', { Image: 'c:\\windows\\CMD.EXE' })).toBe(true);
    expect(fires('sel:\n  Image|cased: C:\\WINDOWS\\cmd.exe\ncondition: sel', { Image: 'c:\\windows\\CMD.EXE' })).toBe(false);
    expect(fires('sel:\n  Image|cased|endswith: cmd.exe\ncondition: sel', { Image: 'C:\\x\\cmd.exe' })).toBe(true);
  });
  it('contains, startswith, endswith, and lists as OR, |all as AND', () => {
    const ev = { CommandLine: 'powershell -enc AAAA -nop' };
    expect(fires('sel:\n  CommandLine|contains: -ENC\ncondition: sel', ev)).toBe(true);
    expect(fires('sel:\n  CommandLine|startswith: powershell\ncondition: sel', ev)).toBe(true);
    expect(fires('sel:\n  CommandLine|endswith: -nop\ncondition: sel', ev)).toBe(true);
    expect(fires('sel:\n  CommandLine|endswith: -enc\ncondition: sel', ev)).toBe(false);
    expect(fires("sel:\n  CommandLine|contains:\n    - 'zzz'\n    - ' -nop'\ncondition: sel", ev)).toBe(true);
    expect(fires("sel:\n  CommandLine|contains|all:\n    - 'zzz'\n    - ' -nop'\ncondition: sel", ev)).toBe(false);
    expect(fires("sel:\n  CommandLine|contains|all:\n    - '-enc'\n    - ' -nop'\ncondition: sel", ev)).toBe(true);
  });
  it('maps are AND, lists of maps are OR', () => {
    const ev = { Image: 'C:\\a\\x.exe', User: 'bob' };
    expect(fires('sel:\n  Image|endswith: x.exe\n  User: bob\ncondition: sel', ev)).toBe(true);
    expect(fires('sel:\n  Image|endswith: x.exe\n  User: alice\ncondition: sel', ev)).toBe(false);
    expect(fires('sel:\n  - Image|endswith: y.exe\n  - User: bob\ncondition: sel', ev)).toBe(true);
  });
  it('keywords search every value', () => {
    expect(fires("kw:\n  - 'mimikatz'\n  - 'other'\ncondition: kw", { CommandLine: 'run MimiKatz.exe now' })).toBe(true);
    expect(fires("kw:\n  - 'mimikatz'\ncondition: kw", { CommandLine: 'nothing here' })).toBe(false);
    expect(fires("kw: 'sekurlsa'\ncondition: kw", { Other: 'x sekurlsa::logonpasswords' })).toBe(true);
  });
  it('null, empty strings, and |exists', () => {
    expect(fires('sel:\n  OriginalFileName: null\ncondition: sel', {})).toBe(true);
    expect(fires('sel:\n  OriginalFileName: null\ncondition: sel', { OriginalFileName: '' })).toBe(true);
    expect(fires('sel:\n  OriginalFileName: null\ncondition: sel', { OriginalFileName: 'x' })).toBe(false);
    expect(fires("sel:\n  OriginalFileName: ''\ncondition: sel", { OriginalFileName: '' })).toBe(true);
    expect(fires("sel:\n  OriginalFileName: ''\ncondition: sel", {})).toBe(false);
    expect(fires('sel:\n  OriginalFileName|exists: true\ncondition: sel', { OriginalFileName: '' })).toBe(true);
    expect(fires('sel:\n  OriginalFileName|exists: true\ncondition: sel', {})).toBe(false);
    expect(fires('sel:\n  OriginalFileName|exists: false\ncondition: sel', {})).toBe(true);
  });
  it('numbers compare as text, and with |gt |gte |lt |lte as numbers', () => {
    expect(fires('sel:\n  LogonType: 3\ncondition: sel', { LogonType: 3 })).toBe(true);
    expect(fires("sel:\n  LogonType: '3'\ncondition: sel", { LogonType: 3 })).toBe(true);
    expect(fires('sel:\n  Size|gt: 100\ncondition: sel', { Size: 101 })).toBe(true);
    expect(fires('sel:\n  Size|gt: 100\ncondition: sel', { Size: '100' })).toBe(false);
    expect(fires('sel:\n  Size|gte: 100\ncondition: sel', { Size: '100' })).toBe(true);
    expect(fires('sel:\n  Size|lt: 100\ncondition: sel', { Size: '0x10' })).toBe(true);
    expect(fires('sel:\n  Size|lte: 100\ncondition: sel', { Size: 'abc' })).toBe(false);
  });
  it('|re with i, m, s, and inline (?i)', () => {
    expect(fires("sel:\n  CommandLine|re: '\\s-e(nc)?\\s'\ncondition: sel", { CommandLine: 'ps -enc x' })).toBe(true);
    expect(fires("sel:\n  CommandLine|re: 'ENC'\ncondition: sel", { CommandLine: 'ps -enc x' })).toBe(false);
    expect(fires("sel:\n  CommandLine|re|i: 'ENC'\ncondition: sel", { CommandLine: 'ps -enc x' })).toBe(true);
    expect(fires("sel:\n  CommandLine|re: '(?i)ENC'\ncondition: sel", { CommandLine: 'ps -enc x' })).toBe(true);
    expect(fires("sel:\n  CommandLine|re: '^b$'\ncondition: sel", { CommandLine: 'a\nb' })).toBe(false);
    expect(fires("sel:\n  CommandLine|re|m: '^b$'\ncondition: sel", { CommandLine: 'a\nb' })).toBe(true);
    expect(fires("sel:\n  CommandLine|re: 'a.b'\ncondition: sel", { CommandLine: 'a\nb' })).toBe(false);
    expect(fires("sel:\n  CommandLine|re|s: 'a.b'\ncondition: sel", { CommandLine: 'a\nb' })).toBe(true);
  });
  it('|cidr for IPv4 and IPv6', () => {
    expect(fires("sel:\n  DestinationIp|cidr: '10.0.0.0/8'\ncondition: sel", { DestinationIp: '10.1.2.3' })).toBe(true);
    expect(fires("sel:\n  DestinationIp|cidr: '10.0.0.0/8'\ncondition: sel", { DestinationIp: '11.1.2.3' })).toBe(false);
    expect(fires("sel:\n  DestinationIp|cidr: '10.0.0.0/8'\ncondition: sel", { DestinationIp: '::ffff:10.0.0.1' })).toBe(true);
    expect(fires("sel:\n  DestinationIp|cidr: 'fe80::/10'\ncondition: sel", { DestinationIp: 'fe80::1%12' })).toBe(true);
    expect(fires("sel:\n  DestinationIp|cidr: 'fe80::/10'\ncondition: sel", { DestinationIp: 'fec0::1' })).toBe(false);
    expect(inCidr(parseCidr('192.168.1.0/24'), parseIp('192.168.1.255')!)).toBe(true);
    expect(inCidr(parseCidr('192.168.1.0/24'), parseIp('192.168.2.0')!)).toBe(false);
    expect(inCidr(parseCidr('::1/128'), parseIp('0:0:0:0:0:0:0:1')!)).toBe(true);
  });
  it('|base64, |base64offset, |utf16le/|wide, |utf16be', () => {
    expect(base64OfBytes('hello')).toBe('aGVsbG8=');
    expect(fires("sel:\n  CommandLine|base64: 'hello'\ncondition: sel", { CommandLine: 'aGVsbG8=' })).toBe(true);
    expect(fires("sel:\n  CommandLine|base64|contains: 'hello'\ncondition: sel", { CommandLine: 'x aGVsbG8= y' })).toBe(true);
    // "http" at each offset in a base64 stream: aHR0c, h0dH, odHRw (pySigma's cuts).
    for (const text of ['aHR0cDovL2V4YW1wbGU=', base64OfBytes('x' + 'http://'), base64OfBytes('xy' + 'http://')]) {
      expect(fires("sel:\n  CommandLine|base64offset|contains: 'http://'\ncondition: sel", { CommandLine: `-e ${text}` })).toBe(true);
    }
    const wide = (s: string) => [...s].map((c) => c + '\0').join('');
    expect(fires("sel:\n  CommandLine|wide|base64offset|contains: 'IEX'\ncondition: sel", { CommandLine: base64OfBytes('x' + wide('IEX (')) })).toBe(true);
    expect(fires("sel:\n  CommandLine|utf16le|base64: 'ab'\ncondition: sel", { CommandLine: base64OfBytes('a\0b\0') })).toBe(true);
    expect(fires("sel:\n  CommandLine|utf16be|base64: 'ab'\ncondition: sel", { CommandLine: base64OfBytes('\0a\0b') })).toBe(true);
  });
  it('|windash accepts - / and the Unicode dashes', () => {
    for (const d of ['-', '/', '\u2013', '\u2014', '\u2015']) {
      expect(fires("sel:\n  CommandLine|windash|contains: ' -exec bypass'\ncondition: sel", { CommandLine: `ps ${d}exec bypass` })).toBe(true);
    }
    expect(fires("sel:\n  CommandLine|windash|contains: ' -exec'\ncondition: sel", { CommandLine: 'ps +exec' })).toBe(false);
  });
  it('|fieldref compares two fields', () => {
    expect(fires('sel:\n  Image|fieldref: ParentImage\ncondition: sel', { Image: 'C:\\a.exe', ParentImage: 'c:\\A.EXE' })).toBe(true);
    expect(fires('sel:\n  Image|fieldref: ParentImage\ncondition: sel', { Image: 'C:\\a.exe', ParentImage: 'C:\\b.exe' })).toBe(false);
    expect(fires('sel:\n  Image|fieldref|endswith: Name\ncondition: sel', { Image: 'C:\\a.exe', Name: 'a.exe' })).toBe(true);
    expect(fires('sel:\n  Image|fieldref: Missing\ncondition: sel', { Image: 'x' })).toBe(false);
  });
  it('|expand fills placeholders given by the user; a rule with unfilled ones does not run', () => {
    const text = rule("sel:\n  WorkstationName|expand: '%Workstations%'\ncondition: sel");
    const filled = engineFor(text, { Workstations: ['WS-*', 'LAPTOP1'] });
    expect(filled.match(objectEvent({ Channel: 'Security', EventID: 1, WorkstationName: 'ws-042' }))).toBe(1);
    expect(filled.match(objectEvent({ Channel: 'Security', EventID: 1, WorkstationName: 'laptop1' }))).toBe(1);
    expect(filled.match(objectEvent({ Channel: 'Security', EventID: 1, WorkstationName: 'srv' }))).toBe(0);
    const unfilled = engineFor(text);
    expect(unfilled.inactive.map((i) => i.reason)).toEqual(['placeholders not filled: %Workstations%']);
    expect(unfilled.match(objectEvent({ Channel: 'Security', EventID: 1, WorkstationName: '%Workstations%' }))).toBe(0);
  });
  it('rejects what it cannot compile, with the reason', () => {
    const bad = (det: string) => loadRuleSet([{ path: 'bad.yml', text: rule(det) }]).rejected.map((r) => r.reason);
    expect(bad('sel:\n  Image|nosuch: x\ncondition: sel')[0]).toMatch(/unknown modifier \|nosuch/);
    expect(bad('sel:\n  Image: x\ncondition: sel | count() > 5')[0]).toMatch(/aggregation/);
    expect(bad('sel:\n  Image: x\ncondition: other')[0]).toMatch(/unknown search identifier other/);
    expect(bad('sel:\n  Image|re: "a(b"\ncondition: sel')[0]).toMatch(/\|re/);
    expect(bad('sel:\n  Image|base64: "a*"\ncondition: sel')[0]).toMatch(/wildcards/);
    expect(bad('sel:\n  Image|cidr: "nope"\ncondition: sel')[0]).toMatch(/cidr/);
    expect(bad('sel:\n  Image|gt: abc\ncondition: sel')[0]).toMatch(/number/);
    expect(loadRuleSet([{ path: 'x.yml', text: 'title: [unclosed' }]).rejected[0]!.reason).toMatch(/YAML/);
  });
});

describe('conditions', () => {
  it('parses precedence: not > and > or, with parentheses', () => {
    expect(parseCondition('a or b and not c')).toEqual({ k: 'or', items: [{ k: 'id', name: 'a' }, { k: 'and', items: [{ k: 'id', name: 'b' }, { k: 'not', item: { k: 'id', name: 'c' } }] }] });
    expect(parseCondition('(a or b) and c')).toEqual({ k: 'and', items: [{ k: 'or', items: [{ k: 'id', name: 'a' }, { k: 'id', name: 'b' }] }, { k: 'id', name: 'c' }] });
    expect(parseCondition('1 of sel_* and not all of filter*')).toEqual({
      k: 'and',
      items: [{ k: 'of', count: 1, pattern: 'sel_*' }, { k: 'not', item: { k: 'of', count: 'all', pattern: 'filter*' } }],
    });
    expect(parseCondition('any of them')).toEqual({ k: 'of', count: 1, pattern: 'them' });
    expect(() => parseCondition('a and')).toThrow(/unexpected end/);
    expect(() => parseCondition('(a')).toThrow(/missing \)/);
  });
  it('evaluates and/or/not, 1 of, all of, them', () => {
    const det = (cond: string) => `sel_a:\n  A: 1\nsel_b:\n  B: 1\nfilter:\n  C: 1\ncondition: ${cond}`;
    const ev = { A: 1, B: 0, C: 1 };
    expect(fires(det('sel_a and not filter'), ev)).toBe(false);
    expect(fires(det('sel_a and not sel_b'), ev)).toBe(true);
    expect(fires(det('1 of sel_*'), ev)).toBe(true);
    expect(fires(det('all of sel_*'), ev)).toBe(false);
    expect(fires(det('all of sel_* or filter'), ev)).toBe(true);
    expect(fires(det('not (sel_a or sel_b)'), ev)).toBe(false);
    expect(fires(det('1 of them'), { A: 0, B: 0, C: 1 })).toBe(true);
    expect(fires(det('all of them'), { A: 1, B: 1, C: 1 })).toBe(true);
    expect(fires(det('2 of them'), { A: 1, B: 0, C: 1 })).toBe(true);
    expect(fires(det('2 of them'), { A: 1, B: 0, C: 0 })).toBe(false);
  });
  it('a list of conditions is their OR', () => {
    expect(fires('a:\n  A: 1\nb:\n  B: 1\ncondition:\n  - a\n  - b', { B: 1 })).toBe(true);
  });
});

describe('log sources and the index', () => {
  const procRule = `title: p\nid: p1\nlogsource:\n  product: windows\n  category: process_creation\ndetection:\n  sel:\n    Image|endswith: '\\calc.exe'\n    ParentImage|endswith: '\\cmd.exe'\n  condition: sel\n`;
  it('process_creation runs on Sysmon 1 and on Security 4688 with NewProcessName for Image', () => {
    const e = engineFor(procRule);
    expect(e.match(objectEvent({ Channel: SYSMON, EventID: 1, Image: 'C:\\calc.exe', ParentImage: 'C:\\cmd.exe' }))).toBe(1);
    expect(e.match(objectEvent({ Channel: 'Security', EventID: 4688, NewProcessName: 'C:\\calc.exe', ParentProcessName: 'C:\\cmd.exe' }))).toBe(1);
    expect(e.match(objectEvent({ Channel: SYSMON, EventID: 2, Image: 'C:\\calc.exe', ParentImage: 'C:\\cmd.exe' }))).toBe(0);
    expect(e.match(objectEvent({ Channel: 'System', EventID: 1, Image: 'C:\\calc.exe', ParentImage: 'C:\\cmd.exe' }))).toBe(0);
    expect(e.candidates('Security', 4624)).toEqual([]);
  });
  it('service rules are indexed by the EventID their detection requires', () => {
    const text = `title: s\nid: s1\nlogsource:\n  product: windows\n  service: security\ndetection:\n  sel:\n    EventID: 4625\n  condition: sel\n`;
    const e = engineFor(text);
    expect(e.candidates('Security', 4625).map((r) => r.meta.id)).toEqual(['s1']);
    expect(e.candidates('Security', 4624)).toEqual([]);
    expect(e.match(objectEvent({ Channel: 'Security', EventID: 4625 }))).toBe(1);
  });
  it('registry_add adds the EventType condition', () => {
    const text = `title: r\nid: r1\nlogsource:\n  product: windows\n  category: registry_add\ndetection:\n  sel:\n    TargetObject|contains: '\\Run'\n  condition: sel\n`;
    const e = engineFor(text);
    expect(e.match(objectEvent({ Channel: SYSMON, EventID: 12, EventType: 'CreateKey', TargetObject: 'HKLM\\x\\Run' }))).toBe(1);
    expect(e.match(objectEvent({ Channel: SYSMON, EventID: 12, EventType: 'DeleteKey', TargetObject: 'HKLM\\x\\Run' }))).toBe(0);
  });
  it('other products compile but do not run on event logs', () => {
    const text = `title: l\nid: l1\nlogsource:\n  product: linux\n  category: process_creation\ndetection:\n  sel:\n    Image: x\n  condition: sel\n`;
    const e = engineFor(text);
    expect(e.inactive[0]!.reason).toMatch(/linux/);
  });
  it('hits carry the rule, the record and the matched fields', () => {
    const e = engineFor(procRule.replace('title: p', 'title: p\nauthor: Someone\nstatus: test\nlevel: high'));
    const hits: SigmaHit[] = [];
    e.match(
      jsonEvent({
        Event: {
          System: { EventID: 1, Channel: SYSMON, Computer: 'WS1', EventRecordID: 42, TimeCreated: { '#attributes': { SystemTime: '2024-01-01T00:00:00.000000Z' } } },
          EventData: { Image: 'C:\\calc.exe', ParentImage: 'C:\\cmd.exe', CommandLine: 'calc' },
        },
      }),
      hits,
    );
    expect(hits).toEqual([
      {
        ruleId: 'p1', title: 'p', level: 'high', status: 'test', author: 'Someone', source: 'test.yml', channel: SYSMON, eventId: 1, recordId: 42,
        time: '2024-01-01T00:00:00.000000Z', computer: 'WS1', fields: { Image: 'C:\\calc.exe', ParentImage: 'C:\\cmd.exe' },
      },
    ]);
  });
  it('System fields by their Sigma names (Provider_Name, Level, Keywords)', () => {
    const text = `title: s\nid: s2\nlogsource:\n  product: windows\n  service: system\ndetection:\n  sel:\n    Provider_Name: Service Control Manager\n    EventID: 7045\n    Level: 4\n  condition: sel\n`;
    const e = engineFor(text);
    const ev = jsonEvent({ Event: { System: { Provider: { '#attributes': { Name: 'Service Control Manager' } }, EventID: 7045, Level: 4, Channel: 'System' }, EventData: {} } });
    expect(e.match(ev)).toBe(1);
  });
  it('a System 104 event: Channel is the cleared channel in its UserData', () => {
    const text = `title: c\nid: c2\nlogsource:\n  product: windows\n  service: system\ndetection:\n  sel:\n    EventID: 104\n    Channel: Security\n  condition: sel\n`;
    const e = engineFor(text);
    const ev = (ch: string) => jsonEvent({ Event: { System: { EventID: 104, Channel: 'System' }, UserData: { LogFileCleared: { SubjectUserName: 'x', Channel: ch } } } });
    expect(e.match(ev('Security'))).toBe(1);
    expect(e.match(ev('Application'))).toBe(0);
  });
  it('classic events: unnamed <Data> items are the field Data', () => {
    const text = `title: c\nid: c1\nlogsource:\n  product: windows\n  category: ps_classic_start\ndetection:\n  sel:\n    Data|contains: 'HostApplication=powershell -enc'\n  condition: sel\n`;
    const e = engineFor(text);
    const ev = jsonEvent({ Event: { System: { EventID: 400, Channel: 'Windows PowerShell' }, EventData: { Data: { '#text': ['Available', 'None', 'HostApplication=powershell -enc AAA'] } } } });
    expect(e.match(ev)).toBe(1);
  });
});

describe('rule files', () => {
  it('merges action: global into the documents of a collection', () => {
    const text = `action: global\ntitle: g\nlogsource:\n  product: windows\ndetection:\n  condition: sel\n---\nid: a\ndetection:\n  sel:\n    A: 1\n---\nid: b\ndetection:\n  sel:\n    B: 1\n`;
    const docs = loadRuleDocuments(text).docs;
    expect(docs.map((d) => d.doc['id'])).toEqual(['a', 'b']);
    const set = loadRuleSet([{ path: 'c.yml', text }]);
    expect(set.rules.map((r) => [r.meta.id, r.meta.title])).toEqual([['a', 'g'], ['b', 'g']]);
    expect(compileRule(docs[0]!.doc, 'c.yml').detection.k).toBe('field');
  });
});

describe('correlation rules', () => {
  const base = `title: failed logon\nid: base1\nname: failed_logon\nlogsource:\n  product: windows\n  service: security\ndetection:\n  sel:\n    EventID: 4625\n  condition: sel\n`;
  const corrRule = (c: string) => `${base}---\ntitle: brute force\nid: corr1\nlevel: high\ncorrelation:\n${c}`;
  const fail = (i: number, user: string, ip = '10.0.0.1') =>
    objectEvent({ Channel: 'Security', EventID: 4625, TargetUserName: user, IpAddress: ip, EventRecordID: i, SystemTime: `2024-01-01T00:00:${String(i).padStart(2, '0')}.000000Z` });
  function run(text: string, events: ReturnType<typeof fail>[]) {
    const set = loadRuleSet([{ path: 'c.yml', text }]);
    expect(set.rejected).toEqual([]);
    const engine = createEngine(set);
    const hits: SigmaHit[] = [];
    for (const e of events) engine.match(e, hits);
    return { set, hits, corr: correlateHits(set, hits) };
  }
  it('event_count per group-by within the timespan', () => {
    const { set, hits, corr } = run(corrRule('  type: event_count\n  rules: [failed_logon]\n  group-by: [TargetUserName]\n  timespan: 10s\n  condition:\n    gte: 3\n'), [
      fail(1, 'bob'), fail(2, 'bob'), fail(3, 'alice'), fail(4, 'bob'), fail(30, 'alice'), fail(31, 'alice'),
    ]);
    expect(hits).toHaveLength(6);
    expect(hits.filter(isReported(set))).toHaveLength(0); // the base rule only feeds the correlation
    expect(corr.map((c) => [c.ruleId, c.group, c.value])).toEqual([['corr1', { TargetUserName: 'bob' }, 3]]);
  });
  it('value_count counts distinct values', () => {
    const { corr } = run(corrRule('  type: value_count\n  rules: base1\n  group-by: [IpAddress]\n  timespan: 1m\n  condition:\n    field: TargetUserName\n    gte: 3\n'), [
      fail(1, 'a'), fail(2, 'a'), fail(3, 'b'), fail(4, 'c'),
    ]);
    expect(corr.map((c) => [c.group, c.value])).toEqual([[{ IpAddress: '10.0.0.1' }, 3]]);
  });
  it('temporal: every rule within the timespan', () => {
    const second = `---\ntitle: success\nid: base2\nname: success\nlogsource:\n  product: windows\n  service: security\ndetection:\n  sel:\n    EventID: 4624\n  condition: sel\n`;
    const text = `${base}${second}---\ntitle: fail then success\nid: corr2\ncorrelation:\n  type: temporal\n  rules: [failed_logon, success]\n  group-by: [TargetUserName]\n  timespan: 5s\n`;
    const ok = objectEvent({ Channel: 'Security', EventID: 4624, TargetUserName: 'bob', SystemTime: '2024-01-01T00:00:03.000000Z' });
    const { corr: c } = run(text, [fail(1, 'bob'), ok, fail(1, 'alice')]);
    expect(c.map((x) => [x.ruleId, x.group])).toEqual([['corr2', { TargetUserName: 'bob' }]]);
  });
});

describe('prefilter automaton', () => {
  it('finds every pattern, overlapping ones included', () => {
    const ac = new AhoCorasick(['he', 'she', 'his', 'hers', 'é']);
    const found: number[] = [];
    ac.scan('ushers café', (id) => found.push(id));
    expect(found.sort()).toEqual([0, 1, 3, 4]);
  });

  it('folded scans (text, UTF-16 in place, aligned or not) find what scanning the lower-cased text finds', () => {
    const units = ['a', 'b', 'k', 'i', 'A', 'K', 'I', ':', '\\', ' ', '.', '\u0130', '\u212a', '\ud800', '\u00e9'];
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
    const word = (n: number, from: readonly string[]) => Array.from({ length: n }, () => from[rnd(from.length)]).join('');
    for (let trial = 0; trial < 2000; trial++) {
      const patterns = Array.from({ length: 1 + rnd(6) }, () => word(1 + rnd(4), ['a', 'b', 'k', 'i', ':', '\\', '.', ' ']));
      const ac = new AhoCorasick(patterns);
      const text = word(rnd(30), units);
      const want = new Set(patterns.flatMap((p, i) => (text.toLowerCase().includes(p) ? [i] : [])));
      const found = (into: Set<number>) => (id: number) => into.add(id);
      const folded = new Set<number>();
      ac.scanFolded(text, found(folded));
      const bytes = new Uint8Array(Buffer.from(`\0${text}`, 'utf16le'));
      const aligned = new Set<number>();
      ac.scanUtf16(bytes, 2, text.length, found(aligned));
      const odd = new Uint8Array(bytes.length + 1);
      odd.set(bytes, 1);
      const unaligned = new Set<number>();
      ac.scanUtf16(odd, 3, text.length, found(unaligned));
      for (const got of [folded, aligned, unaligned]) expect([...got].sort(), `${JSON.stringify(patterns)} in ${JSON.stringify(text)}`).toEqual([...want].sort());
    }
  });
});
