import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = resolve(__dirname, '../../scripts/logonlens.mjs');
const dir = mkdtempSync(join(tmpdir(), 'logonlens-generate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });

interface Truth {
  kind: string;
  accounts: string[];
  hosts: string[];
  recordIds: number[];
}

describe('logonlens generate', () => {
  it('writes an EVTX log our parser reads without a problem, whose ground truth points at the attacks', () => {
    const out = join(dir, 'domain.evtx');
    const g = run('generate', '-o', out, '--users', '60', '--hosts', '40', '--days', '3', '--seed', '11', '--hostile');
    expect(g.status, g.stderr).toBe(0);
    const d = run('dump', out);
    expect(d.status).toBe(0);
    expect(d.stderr).toBe('');
    const events = new Map<number, string>();
    for (const line of d.stdout.trim().split('\n')) events.set(JSON.parse(line).Event.System.EventRecordID, line);
    const truth = JSON.parse(readFileSync(`${out}.truth.json`, 'utf8')) as Truth[];
    expect(truth.length).toBeGreaterThanOrEqual(10);
    for (const t of truth) {
      expect(t.recordIds.length, t.kind).toBeGreaterThan(0);
      for (const id of t.recordIds) {
        const line = events.get(id);
        expect(line, `${t.kind} record ${id}`).toBeDefined();
        // Each of the attack's events names one of its hosts (as the computer that logged it, or in its data).
        expect(t.hosts.some((h) => line!.includes(JSON.stringify(h).slice(1, -1))), `${t.kind} record ${id}`).toBe(true);
      }
    }
    // Same options, same bytes.
    const again = join(dir, 'again.evtx');
    expect(run('generate', '-o', again, '--users', '60', '--hosts', '40', '--days', '3', '--seed', '11', '--hostile').status).toBe(0);
    expect(readFileSync(again).equals(readFileSync(out))).toBe(true);
  });

  it('writes Event Viewer XML that dump reads back', () => {
    const out = join(dir, 'domain.xml');
    expect(run('generate', '-o', out, '--users', '20', '--hosts', '10', '--days', '1', '--attacks', 'dcsync').status).toBe(0);
    const d = run('dump', out);
    expect(d.status).toBe(0);
    const truth = JSON.parse(readFileSync(`${out}.truth.json`, 'utf8')) as Truth[];
    expect(truth.map((t) => t.kind)).toEqual(['dcsync']);
    expect(d.stdout.trim().split('\n').length).toBeGreaterThan(truth[0]!.recordIds.length);
  });
});
