import { beforeAll, describe, expect, it } from 'vitest';
import { CaseAccumulator } from '../src/core/case/accumulator';
import { decodeCaseFile, encodeCaseFile } from '../src/core/case/case-file';
import { generatedLog } from '../src/core/case/generated-case';
import { type CaseSnapshot, snapshot } from '../src/core/case/snapshot';
import { type ByteSource, memorySource } from '../src/core/evtx';
import type { CommitExtra } from '../src/core/store/case-store';
import { type CaseMeta, contentMeta } from '../src/core/store/meta';
import { importIntoCase, type ImportProgressInfo, type ImportStore } from './case-import';

/** The store's contract in memory (the real one, over IndexedDB, is tested in Chromium: e2e/cases.spec.ts). */
class MemoryStore implements ImportStore {
  rows = new Map<string, { meta: CaseMeta; bytes: Uint8Array }>();
  commits = 0;
  create(id: string): void {
    const s = snapshot(new CaseAccumulator({ tzHours: 0, from: null, to: null }));
    const bytes = encodeCaseFile(s);
    this.rows.set(id, { meta: { id, name: id, createdAt: 0, updatedAt: 0, revision: 1, counts: null, ...contentMeta(s, bytes.length) }, bytes });
  }
  async load(id: string) {
    const r = this.rows.get(id)!;
    return { meta: r.meta, snapshot: decodeCaseFile(r.bytes) };
  }
  async commit(id: string, s: CaseSnapshot, extra: CommitExtra) {
    const r = this.rows.get(id)!;
    const bytes = encodeCaseFile(s);
    const meta = { ...r.meta, ...contentMeta(s, bytes.length), counts: extra.counts, revision: r.meta.revision + 1 };
    this.rows.set(id, { meta, bytes });
    this.commits++;
    return meta;
  }
}

let log: ByteSource;
beforeAll(async () => {
  log = (await generatedLog({ seed: 3, users: 30, workstations: 10, servers: 2, domainControllers: 1, days: 2, start: '2024-03-04', attacks: ['password-spraying', 'dcsync'] }, 'gen.evtx')).source;
}, 120_000);

const run = (store: ImportStore, sources: ByteSource[], mode: 'add' | 'replace' = 'add', signal = new AbortController().signal, progress: ImportProgressInfo[] = []) =>
  importIntoCase(store, 'c', sources, { mode }, (p) => progress.push(p), signal);

describe('importIntoCase', () => {
  it('imports, then adding the same file again adds nothing, and replace starts over', async () => {
    const store = new MemoryStore();
    store.create('c');
    const progress: ImportProgressInfo[] = [];
    const first = await run(store, [log], 'add', undefined, progress);
    expect(first.result.status).toBe('done');
    const events = store.rows.get('c')!.meta.logonEvents;
    expect(events).toBeGreaterThan(100);
    expect(first.result.status === 'done' && first.result.meta.counts!.users).toBeGreaterThan(5);
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['reading', 'analysing', 'saving']));
    expect(progress.at(-1)!.bytesDone).toBe(log.size);

    const again = await run(store, [log]);
    expect(again.result.status === 'done' && again.result.report.duplicates).toBeGreaterThan(0);
    expect(again.result.status === 'done' && again.result.report.accepted).toBe(0);
    expect(store.rows.get('c')!.meta.logonEvents).toBe(events);
    expect(store.rows.get('c')!.meta.sources).toHaveLength(2);

    const replaced = await run(store, [log], 'replace');
    expect(replaced.result.status).toBe('done');
    expect(store.rows.get('c')!.meta.sources).toHaveLength(1);
    expect(store.rows.get('c')!.meta.logonEvents).toBe(events);
  });

  it('a cancel or a refused file commits nothing', async () => {
    const store = new MemoryStore();
    store.create('c');
    const stop = new AbortController();
    stop.abort();
    expect((await run(store, [log], 'add', stop.signal)).result).toMatchObject({ status: 'cancelled' });
    const text = memorySource(new TextEncoder().encode('just text'), 'notes "=cmd|x".txt');
    const refused = await run(store, [log, text]);
    expect(refused.result).toMatchObject({ status: 'failed', kind: 'not-evtx' });
    expect(refused.result.status === 'failed' && refused.result.message).toMatch(/^notes "=cmd\|x"\.txt is not an EVTX file.*case is as it was before/);
    expect(store.commits).toBe(0);
    expect(store.rows.get('c')!.meta.logonEvents).toBe(0);
  });

  it('adding with other options to a case with events is refused', async () => {
    const store = new MemoryStore();
    store.create('c');
    await run(store, [log]);
    const out = await importIntoCase(store, 'c', [log], { mode: 'add', tzHours: 5 }, () => {}, new AbortController().signal);
    expect(out.result).toMatchObject({ status: 'failed', kind: 'options' });
    const ok = await importIntoCase(store, 'c', [log], { mode: 'replace', tzHours: 5 }, () => {}, new AbortController().signal);
    expect(ok.result.status).toBe('done');
    expect(store.rows.get('c')!.meta.options.tzHours).toBe(5);
  });
});
