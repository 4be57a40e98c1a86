import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS, hasCorpus } from '../core/evtx/testing/corpus';

const CLI = resolve(__dirname, '../../scripts/logonlens.mjs');
const dir = mkdtempSync(join(tmpdir(), 'logonlens-dump-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
}

describe.skipIf(!hasCorpus)('logonlens dump', () => {
  it('writes one JSON line per record, and reads its own XML back to the same records', () => {
    const evtx = join(CORPUS, 'evtx-samples/security.evtx');
    const jsonl = run('dump', evtx);
    expect(jsonl.status).toBe(0);
    const records = jsonl.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(records.length).toBeGreaterThan(2000);

    const xml = run('dump', '--format', 'xml', evtx);
    expect(xml.status).toBe(0);
    const xmlFile = join(dir, 'security.xml');
    writeFileSync(xmlFile, `<Events>\n${xml.stdout}</Events>\n`);
    const back = run('dump', xmlFile);
    expect(back.status).toBe(0);
    const again = back.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(again.map((r) => r.Event.System.EventRecordID)).toEqual(records.map((r) => r.Event.System.EventRecordID));
    expect(again.map((r) => r.Event.EventData?.TargetUserName)).toEqual(records.map((r) => r.Event.EventData?.TargetUserName));
  });

  it('refuses a file that is neither EVTX nor XML by name, and goes on with the others', () => {
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'just some notes\n');
    const r = run('dump', text, join(CORPUS, 'evtx-samples/new-user-security.evtx'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('notes.txt');
    expect(r.stderr).toMatch(/neither EVTX .* nor Event Viewer XML/);
    expect(r.stdout.trim().split('\n')).toHaveLength(4);
  });
});
