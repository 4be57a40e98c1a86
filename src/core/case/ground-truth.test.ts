import { describe, expect, it } from 'vitest';
import { ATTACK_KINDS, type AttackKind, type GroundTruth } from '../generator';
import { CaseAccumulator } from './accumulator';
import { analyze, type CaseAnalysis } from './analysis';
import { generatedLog } from './generated-case';
import { importSources } from './import';
import { queryView, type ViewName } from './views';

/**
 * Issue 6 point 2: on a generated domain with every attack, the analysis points at the injected
 * accounts and hosts. Each attack names the detection or view expected to find it; the test prints
 * what found what, with the attackers' ranks.
 */

const lower = (names: string[]) => names.map((n) => n.toLowerCase());

function foundBy(acc: CaseAccumulator, a: CaseAnalysis, t: GroundTruth): string[] {
  const accounts = new Set(lower(t.accounts).map((n) => n.split('@')[0]!));
  const hosts = new Set(lower(t.hosts));
  const inSpan = (time: number) => time >= Math.floor(t.start / 1000) * 1000 - 1000 && time <= t.end + 1000;
  const ids = new Set(t.recordIds);
  const found: string[] = [];
  for (const d of a.detections) {
    const byRecord = d.recordIds.some((id) => ids.has(id));
    const byAccount = d.account !== null && accounts.has(d.account) && inSpan(d.time);
    if (byRecord || byAccount) found.push(`detection ${d.kind}${d.account ? ` (${d.account})` : ''}`);
  }
  const views: ViewName[] = ['ntlm-remote', 'rdp', 'ms14-068', 'logon-failure'];
  for (const view of views) {
    const r = queryView(acc, a, { view, from: t.start - 1000, to: t.end + 1000 });
    const hit = r.nodes.some((n) => (n.kind === 'account' && accounts.has(n.name)) || (n.kind === 'host' && hosts.has(n.name)));
    if (hit) found.push(`view ${view}`);
  }
  return [...new Set(found)];
}

/** What must find each attack (a detection kind or a view): the rest is printed. */
const EXPECTED: Record<AttackKind, string[]> = {
  'password-spraying': ['detection logon-failure'],
  'brute-force': ['detection logon-failure'],
  'pass-the-hash': ['view ntlm-remote'],
  'rdp-hopping': ['view rdp'],
  dcsync: ['detection dcsync'],
  dcshadow: ['detection dcshadow'],
  'new-domain-admin': ['detection user-created', 'detection group-member-added'],
  'audit-policy-change': ['detection policy-change'],
  'ms14-068': ['detection ms14-068', 'view ms14-068'],
  'log-clearing': ['detection log-cleared'],
};

describe('ground truth of a generated domain is found by the analysis', () => {
  it('every injected attack is pointed at by its detection or view', { timeout: 300_000 }, async () => {
    const options = { seed: 7, users: 80, workstations: 60, servers: 8, domainControllers: 2, days: 4, start: '2024-05-06', attacks: [...ATTACK_KINDS] };
    const { source, truth } = await generatedLog(options);
    const acc = new CaseAccumulator({ tzHours: 0, from: null, to: null });
    const report = await importSources(acc, [source]);
    expect(report.problems).toEqual([]);
    const a = analyze(acc);

    const rankOf = new Map(a.users.map((u, i) => [u.name, i]));
    const sorted = [...a.userRank].sort((x, y) => y - x);
    const lines: string[] = [];
    const missing: string[] = [];
    for (const t of truth) {
      const found = foundBy(acc, a, t);
      const ranks = lower(t.accounts)
        .filter((n) => rankOf.has(n))
        .map((n) => {
          const i = rankOf.get(n)!;
          return `${n}: rank ${a.userRank[i]!.toFixed(3)} (#${sorted.indexOf(a.userRank[i]!) + 1}/${a.users.length}), CF max ${a.changeFinder.max[i]}, HMM ${a.hmmFlag[i] ? 'flagged' : '-'}`;
        });
      lines.push(`${t.kind}: found by ${found.join(', ') || 'nothing'}${ranks.length ? `\n    ${ranks.join('\n    ')}` : ''}`);
      for (const want of EXPECTED[t.kind]) {
        const kind = want.split(' ')[1]!;
        if (!found.some((f) => f === want || f.startsWith(`${want} `) || (want.startsWith('detection') && f.startsWith(`detection ${kind}`)))) missing.push(`${t.kind}: not found by ${want}`);
      }
    }
    console.log(`ground truth (${truth.length} attacks, ${acc.logonCount} logon events):\n  ${lines.join('\n  ')}`);
    expect(missing).toEqual([]);
  });
});
