import { describe, expect, it } from 'vitest';
import { CaseAccumulator, importSources, snapshot } from '../core/case';
import { eventViewerXml, memorySource } from '../core/evtx';
import { writeToMemory } from '../core/evtx/writer';
import { createScenario } from '../core/generator';
import { createEvtxWorkerApi } from '../../workers/evtx-api';
import { xmlReader } from '../../workers/xml-reader';
import { importLogons } from './import-logons';
import { AbortError, WorkerPool } from './pool';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** In-process workers running the real API, each batch delayed at random so they finish out of order. */
function pool(size = 3): WorkerPool {
  return new WorkerPool(() => {
    const real = createEvtxWorkerApi(xmlReader);
    return {
      api: { ...real, readLogonChunks: async (...a) => (await sleep(Math.random() * 8), real.readLogonChunks(...a)) },
      terminate: () => {},
      onCrash: () => {},
    };
  }, size);
}

const events = [...createScenario({ seed: 21, users: 40, workstations: 30, servers: 3, domainControllers: 2, days: 2, start: '2024-04-01', attacks: ['dcsync', 'dcshadow', 'pass-the-hash'] }).events()];
const fresh = () => new CaseAccumulator({ tzHours: 2, from: null, to: null });
const stable = (acc: CaseAccumulator) => ({ ...snapshot(acc), sources: acc.sources.map((s) => ({ ...s, importedAt: 0 })) });

describe('importLogons: chunk-parallel import into a case', () => {
  it('gives exactly the case a sequential import gives (EVTX and XML, in file order)', { timeout: 120_000 }, async () => {
    const cut = Math.floor(events.length * 0.8);
    const evtx = await writeToMemory(events.slice(0, cut));
    const xml = new TextEncoder().encode([...eventViewerXml(events.slice(cut))].join(''));
    const files = [new File([evtx as Uint8Array<ArrayBuffer>], 'a.evtx'), new File([xml], 'b.xml')];
    const parallel = fresh();
    const report = await importLogons(pool(), parallel, files, { batchChunks: 1, now: () => 0 });
    const sequential = fresh();
    await importSources(sequential, [memorySource(evtx, 'a.evtx'), memorySource(xml, 'b.xml')], { now: () => 0 });
    expect(report.problems).toEqual([]);
    expect(parallel.logonCount).toBeGreaterThan(1000);
    expect(parallel.sources.map((s) => s.accepted > 0)).toEqual([true, true]);
    expect(stable(parallel)).toEqual(stable(sequential));
  });

  it('refuses a file that is no log, naming it', async () => {
    await expect(importLogons(pool(), fresh(), [new File(['hello'], 'notes.txt')])).rejects.toThrow(/notes\.txt/);
  });

  it('cancels', { timeout: 60_000 }, async () => {
    const evtx = await writeToMemory(events);
    const stop = new AbortController();
    const run = importLogons(pool(1), fresh(), [new File([evtx as Uint8Array<ArrayBuffer>], 'big.evtx')], { batchChunks: 1, signal: stop.signal, onProgress: () => stop.abort() });
    await expect(run).rejects.toBeInstanceOf(AbortError);
  });
});
