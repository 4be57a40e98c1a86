import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { memorySource } from '../evtx';
import { CORPUS, evtxFilesUnder, hasCorpus, NO_CORPUS } from '../evtx/testing/corpus';
import { eventFields, type EventFields } from '../evtx/testing/xml-fields';
import { CaseAccumulator } from './accumulator';
import { analyze } from './analysis';
import { importSources } from './import';

/**
 * The detections on every corpus Security log, against expectations read independently from
 * python-evtx's rendering of the same files (the oracle), with simple rules written from the
 * reference (§2.5, §3.7) rather than through our normalisation.
 */

function oracleEvents(file: string): EventFields[] {
  try {
    const gz = readFileSync(join(CORPUS, 'oracle/python-evtx', `${file}.jsonl.gz`));
    return gunzipSync(gz)
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { xml?: string })
      .filter((l) => l.xml !== undefined)
      .map((l) => eventFields(l.xml!));
  } catch {
    return [];
  }
}

const UCHECK = /["%&*+,/:;<=>?[\\\]|]/;
/** The user key of an account name, or null for machine accounts, `-`, empty or invalid names. */
function account(name: string | undefined): string | null {
  const n = (name ?? '').split('@')[0]!;
  if (n === '' || n === '-' || n.endsWith('$') || UCHECK.test(n)) return null;
  return n.toLowerCase();
}

interface Expected {
  admins: Set<string>;
  dcsync: Map<string, number>;
  groupAdded: number;
  groupRemoved: number;
  created: string[];
  deleted: string[];
  cleared: number;
}

function expectations(events: EventFields[]): Expected {
  const e: Expected = { admins: new Set(), dcsync: new Map(), groupAdded: 0, groupRemoved: 0, created: [], deleted: [], cleared: 0 };
  const accesses = new Map<string, number>();
  for (const ev of events) {
    const id = Number(ev.eventId);
    const d = ev.data;
    if (id === 4672) {
      const u = account(d.get('SubjectUserName'));
      if (u) e.admins.add(u);
    } else if (id === 4662) {
      const u = account(d.get('SubjectUserName'));
      if (u) accesses.set(u, (accesses.get(u) ?? 0) + 1);
    } else if ([4728, 4732, 4756, 4729, 4733, 4757].includes(id)) {
      const group = d.get('TargetUserName') ?? '';
      const sid = d.get('MemberSid') ?? '';
      if (group !== '' && group !== '-' && !UCHECK.test(group) && /^S-[\d-]+$/.test(sid)) {
        if ([4728, 4732, 4756].includes(id)) e.groupAdded++;
        else e.groupRemoved++;
      }
    } else if (id === 4720 || id === 4726) {
      const u = account(d.get('TargetUserName'));
      if (u) (id === 4720 ? e.created : e.deleted).push(u);
    } else if (id === 1102 && ev.provider.toLowerCase() === 'microsoft-windows-eventlog') e.cleared++;
  }
  for (const [u, n] of accesses) if (n >= 3) e.dcsync.set(u, Math.floor(n / 3));
  return e;
}

describe('detections on the corpus Security logs agree with the python-evtx oracle', () => {
  it.skipIf(!hasCorpus)('admins, DCSync, group changes, account creation/deletion and log clearing, per file', { timeout: 300_000 }, async () => {
    if (!hasCorpus) return console.log(NO_CORPUS);
    let files = 0;
    const totals = { admins: 0, dcsync: 0, groups: 0, accounts: 0, cleared: 0 };
    for (const path of [...evtxFilesUnder(join(CORPUS, 'attack-samples')), ...evtxFilesUnder(join(CORPUS, 'evtx-samples'))]) {
      const rel = relative(CORPUS, path);
      const oracle = oracleEvents(rel);
      if (oracle.length === 0) continue;
      const acc = new CaseAccumulator({ tzHours: 0, from: null, to: null });
      try {
        await importSources(acc, [memorySource(new Uint8Array(readFileSync(path)), rel)]);
      } catch {
        continue;
      }
      const want = expectations(oracle);
      const got = analyze(acc).detections;
      const of = (kind: string) => got.filter((d) => d.kind === kind);
      expect(new Set(of('admin').map((d) => d.account)), rel).toEqual(want.admins);
      const dcsync = new Map<string, number>();
      for (const d of of('dcsync')) dcsync.set(d.account!, (dcsync.get(d.account!) ?? 0) + 1);
      expect(dcsync, rel).toEqual(want.dcsync);
      expect(of('group-member-added').length, rel).toBe(want.groupAdded);
      expect(of('group-member-removed').length, rel).toBe(want.groupRemoved);
      expect(of('user-created').map((d) => d.account), rel).toEqual(want.created);
      expect(of('user-deleted').map((d) => d.account), rel).toEqual(want.deleted);
      expect(of('log-cleared').length, rel).toBe(want.cleared);
      files++;
      totals.admins += want.admins.size;
      totals.dcsync += [...want.dcsync.values()].reduce((a, b) => a + b, 0);
      totals.groups += want.groupAdded + want.groupRemoved;
      totals.accounts += want.created.length + want.deleted.length;
      totals.cleared += want.cleared;
    }
    console.log(`corpus detections: ${files} files agree with the oracle; expected and found: ${JSON.stringify(totals)}`);
    expect(files).toBeGreaterThan(100);
    expect(totals.dcsync).toBeGreaterThan(0);
    expect(totals.groups).toBeGreaterThan(0);
    expect(totals.accounts).toBeGreaterThan(0);
  });
});
