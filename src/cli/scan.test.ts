import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS, hasCorpus } from '../core/evtx/testing/corpus';
import { parseScanArgs, scan } from './scan';

const CLI = resolve(__dirname, '../../scripts/logonlens.mjs');
const dir = mkdtempSync(join(tmpdir(), 'logonlens-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]) {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d: Buffer) => (stdout += d.toString()));
  err.on('data', (d: Buffer) => (stderr += d.toString()));
  const status = await scan(args, out, err);
  return { status, stdout, stderr };
}

// Our own small rules, written for the test (no SigmaHQ rule is copied).
const rules = join(dir, 'rules');
mkdirSync(join(rules, 'sub'), { recursive: true });
writeFileSync(
  join(rules, 'network-logon.yml'),
  `title: Network logon
id: 11111111-1111-4111-8111-111111111111
status: test
author: LogonLens tests
level: low
logsource:
  product: windows
  service: security
detection:
  selection:
    EventID: 4624
    LogonType: 3
  condition: selection
`,
);
writeFileSync(
  join(rules, 'sub', 'special-logon.yml'),
  `title: Special privileges
id: 22222222-2222-4222-8222-222222222222
level: medium
logsource:
  product: windows
  service: security
detection:
  selection:
    EventID: 4672
    PrivilegeList|contains: SeDebugPrivilege
  condition: selection
`,
);
writeFileSync(join(rules, 'sub', 'broken.yml'), `title: Broken\nid: 33333333-3333-4333-8333-333333333333\nlogsource:\n  product: windows\ndetection:\n  selection:\n    Image|frobnicate: x\n  condition: selection\n`);

describe('logonlens scan arguments', () => {
  it('takes several rule folders, options and files', () => {
    const o = parseScanArgs(['--rules', rules, join(rules, 'sub'), 'a.evtx', '--jsonl', '--placeholder', 'Workstations=WS1,WS2', 'b.xml']);
    expect(o).toEqual({ rules: [rules, join(rules, 'sub')], files: ['a.evtx', 'b.xml'], jsonl: true, minLevel: 'informational', placeholders: { Workstations: ['WS1', 'WS2'] } });
    expect(parseScanArgs(['a.evtx'])).toMatch(/--rules/);
    expect(parseScanArgs(['--rules', rules])).toMatch(/log file/);
    expect(parseScanArgs(['--rules', rules, 'x', '--min-level', 'severe'])).toMatch(/min-level/);
  });
});

describe.skipIf(!hasCorpus)('logonlens scan', () => {
  const evtx = join(CORPUS, 'evtx-samples/security.evtx');

  it('prints a JSON line per hit and a summary with the rejected rule and its reason', async () => {
    const r = await run('--rules', rules, evtx, '--jsonl');
    expect(r.status).toBe(0);
    const hits = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) {
      expect(Object.keys(h)).toEqual(['ruleId', 'title', 'level', 'status', 'author', 'source', 'channel', 'eventId', 'recordId', 'time', 'computer', 'fields']);
      expect(h.channel).toBe('Security');
    }
    const network = hits.filter((h) => h.title === 'Network logon');
    expect(network.length).toBeGreaterThan(0);
    expect(network.every((h) => h.eventId === 4624 && h.fields.LogonType === '3' && h.author === 'LogonLens tests')).toBe(true);
    expect(network[0].source).toBe(join(rules, 'network-logon.yml'));
    expect(r.stderr).toMatch(/3 files, 2 rules loaded \(0 correlation\), 1 rejected/);
    expect(r.stderr).toMatch(/rejected .*broken\.yml \(Broken\): selection: unknown modifier \|frobnicate/);
    expect(r.stderr).toMatch(new RegExp(`scan: 1/1 logs, 2261 events, ${hits.length} hits`));
  });

  it('reads Event Viewer XML to the same hits, and text lines without --jsonl', async () => {
    const xml = spawnSync(process.execPath, [CLI, 'dump', '--format', 'xml', evtx], { encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(xml.status).toBe(0);
    const xmlFile = join(dir, 'security.xml');
    writeFileSync(xmlFile, `<Events>\n${xml.stdout}</Events>\n`);
    const fromEvtx = await run('--rules', rules, evtx, '--jsonl');
    const fromXml = await run('--rules', rules, xmlFile, '--jsonl');
    expect(fromXml.status).toBe(0);
    const key = (s: string) => s.trim().split('\n').map((l) => { const h = JSON.parse(l); return `${h.ruleId} ${h.recordId} ${JSON.stringify(h.fields)}`; });
    expect(key(fromXml.stdout)).toEqual(key(fromEvtx.stdout));
    const text = await run('--rules', rules, evtx, '--min-level', 'medium');
    const lines = text.stdout.trim().split('\n');
    expect(lines.every((l) => l.split('\t').length === 8 && l.includes('\tmedium\tSpecial privileges\t'))).toBe(true);
  });

  it('goes on past a file it cannot read, and says so', async () => {
    const bad = join(dir, 'notes.txt');
    writeFileSync(bad, 'not a log\n');
    const r = await run('--rules', rules, bad, evtx);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/notes\.txt.*neither EVTX/);
    expect(r.stderr).toMatch(/scan: 1\/2 logs/);
  });

  it('runs through the logonlens command', () => {
    const r = spawnSync(process.execPath, [CLI, 'scan', '--rules', rules, evtx, '--jsonl'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n').length).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/rules: 3 files/);
  });
});
