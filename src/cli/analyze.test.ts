import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDocument } from '../core/case';
import { containsHostile } from '../core/generator';

const CLI = resolve(__dirname, '../../scripts/logonlens.mjs');
const dir = mkdtempSync(join(tmpdir(), 'logonlens-analyze-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
const log = join(dir, 'domain.evtx');
const hostile = join(dir, 'hostile.evtx');

beforeAll(() => {
  for (const [out, extra] of [[log, []], [hostile, ['--hostile']]] as const) {
    const g = run('generate', '-o', out, '--users', '50', '--hosts', '30', '--days', '3', '--seed', '5', ...extra);
    expect(g.status, g.stderr).toBe(0);
  }
}, 120_000);

function analyzeJson(...args: string[]): CaseDocument {
  const r = run('analyze', ...args, '--json');
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as CaseDocument;
}

describe('logonlens analyze --json', () => {
  it('prints one consistent case document', { timeout: 120_000 }, () => {
    const doc = analyzeJson(log);
    const ids = new Set(doc.nodes.map((n) => n.id));
    expect(ids.size).toBe(doc.nodes.length);
    for (const e of doc.edges) expect(ids.has(e.source) && ids.has(e.target), `${e.source} → ${e.target}`).toBe(true);
    const logon = doc.edges.filter((e) => e.kind === 'logon');
    expect(logon.reduce((n, e) => n + e.count, 0)).toBe(doc.case.logonEvents);
    // Timelines add up to the edges, account by account.
    for (const n of doc.nodes.filter((x) => x.kind === 'account')) {
      const fromEdges = logon.filter((e) => e.target === n.id).reduce((s, e) => s + e.count, 0);
      const fromTimeline = Object.values(doc.timelines.users[n.name] ?? {}).flat().reduce((s, [, c]) => s + c, 0);
      expect(fromTimeline, n.name).toBe(fromEdges);
      expect(n.rank).toBeGreaterThanOrEqual(0);
      expect(n.rank).toBeLessThanOrEqual(1);
    }
    expect(doc.nodes.some((n) => n.rank === 1)).toBe(true);
    const truth = JSON.parse(readFileSync(`${log}.truth.json`, 'utf8')) as { kind: string; accounts: string[] }[];
    const dcsync = truth.find((t) => t.kind === 'dcsync')!;
    expect(doc.detections.some((d) => d.kind === 'dcsync' && dcsync.accounts.map((a) => a.toLowerCase()).includes(d.account!))).toBe(true);
  });

  it('applies --tz, --from and --to', { timeout: 120_000 }, () => {
    const all = analyzeJson(log);
    const shifted = analyzeJson(log, '--tz', '9');
    expect(Date.parse(`${shifted.case.firstHour!.replace(' ', 'T')}Z`) - Date.parse(`${all.case.firstHour!.replace(' ', 'T')}Z`)).toBe(9 * 3_600_000);
    expect(shifted.case.logonEvents).toBe(all.case.logonEvents);
    const day = all.case.firstHour!.slice(0, 10);
    const window = analyzeJson(log, '--from', `${day}T00:00:00`, '--to', `${day}T23:59:59`);
    expect(window.case.logonEvents).toBeGreaterThan(0);
    expect(window.case.logonEvents).toBeLessThan(all.case.logonEvents);
    expect(window.case.lastHour!.slice(0, 10)).toBe(day);
    expect(run('analyze', log, '--from', 'yesterday').status).toBe(2);
  });

  it('keeps hostile names verbatim in the JSON (they are data, never markup or code)', { timeout: 120_000 }, () => {
    const doc = analyzeJson(hostile);
    const names = doc.nodes.map((n) => n.name);
    expect(names.filter((n) => containsHostile(n).length > 0).length).toBeGreaterThan(0);
    // The document is plain JSON: names survive a parse round trip unchanged.
    expect(JSON.parse(JSON.stringify(doc)).nodes.map((n: { name: string }) => n.name)).toEqual(names);
  });

  it('names a file that is not a log, and fails', () => {
    const bad = join(dir, 'notes.txt');
    writeFileSync(bad, 'not a log');
    const r = run('analyze', bad);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('notes.txt');
  });
});
