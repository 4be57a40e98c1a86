import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memorySource, openEvtx, type Problem, readChunk, recordRow, type RecordRow, renderXml } from '../core/evtx';
import { readEventXml, rowFromJson } from '../core/xml';
import { createEvtxWorkerApi, type EvtxWorkerApi } from '../../workers/evtx-api';
import { xmlReader } from '../../workers/xml-reader';
import { fetchRecordDetail } from './detail';
import { type OpenedFile, type ParseProgress, parseFiles, type ParseSink } from './parse';
import { defaultPoolSize, type WorkerHandle, WorkerPool } from './pool';

const CORPUS = '../shared/corpus/evtx-samples';
const haveCorpus = existsSync(CORPUS);
if (!haveCorpus) console.warn(`engine tests: ${CORPUS} is absent, skipping the tests that need it`);

function corpusFile(name: string): File {
  return new File([readFileSync(`${CORPUS}/${name}`)], name);
}

/** What the core parser gives, read sequentially in the test process. */
async function expected(file: File): Promise<{ rows: RecordRow[]; problems: Problem[] }> {
  const source = memorySource(new Uint8Array(await file.arrayBuffer()), file.name);
  const layout = await openEvtx(source);
  const rows: RecordRow[] = [];
  const problems = [...layout.problems];
  for (let i = 0; i < layout.blocks; i++) {
    const o = await readChunk(source, layout, i, recordRow);
    rows.push(...o.items);
    problems.push(...o.problems);
  }
  return { rows, problems };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface FakeWorkers {
  factory: () => WorkerHandle;
  created: number;
  terminated: number;
  started: number;
  crash?: (handle: number) => void;
}

/** In-process "workers": the real API, each call delayed at random so batches finish out of order. */
function fakeWorkers(
  opts: { delay?: () => number; wrap?: (api: EvtxWorkerApi, id: number, crash: (m: string) => void) => EvtxWorkerApi; xml?: boolean } = {},
): FakeWorkers {
  const state: FakeWorkers = {
    created: 0,
    terminated: 0,
    started: 0,
    factory: () => {
      const id = state.created++;
      const real = createEvtxWorkerApi(opts.xml ? xmlReader : null);
      const listeners: Array<(m: string) => void> = [];
      const crash = (m: string) => listeners.forEach((l) => l(m));
      const delayed: EvtxWorkerApi = {
        ...real,
        readChunks: async (...a) => {
          state.started++;
          await sleep(opts.delay?.() ?? 0);
          return real.readChunks(...a);
        },
      };
      return {
        api: opts.wrap ? opts.wrap(delayed, id, crash) : delayed,
        terminate: () => void state.terminated++,
        onCrash: (l) => listeners.push(l),
      };
    },
  };
  return state;
}

interface Collected {
  rows: RecordRow[];
  rowFiles: string[];
  problems: Problem[];
  refused: Array<{ name: string; message: string }>;
  progress: ParseProgress[];
  files: OpenedFile[];
}

function collector(): ParseSink & { got: Collected } {
  const got: Collected = { rows: [], rowFiles: [], problems: [], refused: [], progress: [], files: [] };
  return {
    got,
    fileStarted: (f) => got.files.push(f),
    rows: (f, rows) => {
      for (const r of rows) {
        got.rows.push(r);
        got.rowFiles.push(f.name);
      }
    },
    problems: (_f, p) => got.problems.push(...p),
    refused: (name, message) => got.refused.push({ name, message }),
    progress: (p) => got.progress.push(p),
  };
}

describe('defaultPoolSize', () => {
  it('follows hardwareConcurrency within 1..8', () => {
    expect(defaultPoolSize(undefined)).toBe(1);
    expect(defaultPoolSize(0)).toBe(1);
    expect(defaultPoolSize(2)).toBe(2);
    expect(defaultPoolSize(64)).toBe(8);
  });
});

describe.skipIf(!haveCorpus)('parseFiles', () => {
  it('delivers rows and problems in file order, as the sequential parser does', async () => {
    const files = [corpusFile('security.evtx'), corpusFile('sample_with_a_bad_chunk_magic.evtx')];
    const fake = fakeWorkers({ delay: () => Math.random() * 4 });
    const pool = new WorkerPool(fake.factory, 4);
    const sink = collector();
    const summary = await parseFiles(pool, files, sink, { batchChunks: 1 });
    const want = [await expected(files[0]!), await expected(files[1]!)];
    expect(summary.status).toBe('done');
    expect(sink.got.rows.map((r) => [r.recordId, r.offset])).toEqual([...want[0]!.rows, ...want[1]!.rows].map((r) => [r.recordId, r.offset]));
    expect(sink.got.rows).toEqual([...want[0]!.rows, ...want[1]!.rows]);
    expect(sink.got.problems).toEqual([...want[0]!.problems, ...want[1]!.problems]);
    expect(summary.records).toBe(sink.got.rows.length);
    expect(sink.got.files.map((f) => f.name)).toEqual(['security.evtx', 'sample_with_a_bad_chunk_magic.evtx']);
    const last = sink.got.progress.at(-1)!;
    expect(last.bytesDone).toBe(last.bytesTotal);
    expect(last.records).toBe(sink.got.rows.length);
    // Progress never goes backwards.
    for (let i = 1; i < sink.got.progress.length; i++) expect(sink.got.progress[i]!.bytesDone).toBeGreaterThanOrEqual(sink.got.progress[i - 1]!.bytesDone);
  });

  it('keeps at most maxAhead batches handed out beyond the first undelivered one', async () => {
    const file = corpusFile('security.evtx');
    let inFlightOrBuffered = 0;
    let worst = 0;
    // The first worker is slow, so the others run ahead until the window closes.
    const fake = fakeWorkers({ delay: () => 0, wrap: (api, id) => ({ ...api, readChunks: async (...a) => {
      inFlightOrBuffered++;
      worst = Math.max(worst, inFlightOrBuffered);
      if (id === 0) await sleep(15);
      return api.readChunks(...a);
    } }) });
    const pool = new WorkerPool(fake.factory, 3);
    const sink = collector();
    const progress = sink.progress!;
    sink.progress = (p) => {
      inFlightOrBuffered--; // one delivered batch per progress report, while the file runs
      progress(p);
    };
    await parseFiles(pool, [file], sink, { batchChunks: 1, maxAhead: 4 });
    expect(worst).toBeLessThanOrEqual(4);
    expect(worst).toBeGreaterThanOrEqual(2);
    expect(sink.got.rows.length).toBe((await expected(file)).rows.length);
  });

  it('refuses a non-EVTX file by name and still parses the others', async () => {
    const text = new File(['just some notes\n'], 'notes.txt');
    const empty = new File([], 'empty.evtx');
    const files = [text, corpusFile('Security_short_selected.evtx'), empty];
    const pool = new WorkerPool(fakeWorkers().factory, 2);
    const sink = collector();
    const summary = await parseFiles(pool, files, sink);
    expect(summary.refused).toBe(2);
    expect(sink.got.refused.map((r) => r.name)).toEqual(['notes.txt', 'empty.evtx']);
    expect(sink.got.refused[0]!.message).toMatch(/^notes\.txt is not an EVTX file/);
    expect(sink.got.refused[1]!.message).toMatch(/empty\.evtx.*empty/);
    expect(sink.got.rows.length).toBe((await expected(files[1]!)).rows.length);
    expect(sink.got.progress.at(-1)!.bytesDone).toBe(files.reduce((n, f) => n + f.size, 0));
  });

  it('refuses .xml files while there is no XML reader', async () => {
    const pool = new WorkerPool(fakeWorkers().factory, 1);
    const sink = collector();
    await parseFiles(pool, [new File(['<Events/>'], 'export.xml')], sink);
    expect(sink.got.refused).toEqual([{ name: 'export.xml', message: expect.stringContaining('export.xml') }]);
  });

  it('reads an Event Viewer XML file through the XML reader, rows in order, and fetches an event back', async () => {
    const evtx = await expected(corpusFile('Security_short_selected.evtx'));
    const events: string[] = [];
    const source = memorySource(new Uint8Array(readFileSync(`${CORPUS}/Security_short_selected.evtx`)), 'x');
    const layout = await openEvtx(source);
    for (let i = 0; i < layout.blocks; i++) events.push(...(await readChunk(source, layout, i, (r) => renderXml(r.nodes))).items);
    const text = `<?xml version="1.0" encoding="UTF-8"?>\r\n<Events>\r\n${events.join('\r\n')}\r\n</Events>\r\n`;
    const file = new File([text], 'export.xml');
    const want: RecordRow[] = [];
    await readEventXml(memorySource(new TextEncoder().encode(text), 'export.xml'), (json, i, at) => want.push(rowFromJson(json, i, at)));
    expect(want.length).toBe(evtx.rows.length);

    const pool = new WorkerPool(fakeWorkers({ xml: true }).factory, 2);
    const sink = collector();
    const summary = await parseFiles(pool, [new File(['no xml here'], 'junk.xml'), file], sink);
    expect(summary.status).toBe('done');
    expect(sink.got.refused).toEqual([{ name: 'junk.xml', message: expect.stringMatching(/^junk\.xml is neither an EVTX file nor Event Viewer XML/) }]);
    expect(sink.got.rows).toEqual(want);
    expect(sink.got.progress.at(-1)!.bytesDone).toBe(file.size + 'no xml here'.length);

    const opened = sink.got.files[0]!;
    expect(opened.kind).toBe('xml');
    for (const i of [0, want.length >> 1, want.length - 1]) {
      const detail = await fetchRecordDetail(pool, opened, want[i]!);
      expect(JSON.parse(detail.json).Event.System.EventRecordID).toBe(want[i]!.recordId);
      expect(detail.xml).toBe(events[i]!.trim());
    }
  });

  it('cancels: resolves as cancelled, terminates and replaces every worker', async () => {
    const fake = fakeWorkers({ delay: () => 5 });
    const pool = new WorkerPool(fake.factory, 2);
    const stop = new AbortController();
    const sink = collector();
    const progress = sink.progress!;
    sink.progress = (p) => {
      progress(p);
      if (sink.got.progress.length === 3) stop.abort();
    };
    const summary = await parseFiles(pool, [corpusFile('security.evtx')], sink, { signal: stop.signal, batchChunks: 1 });
    expect(summary.status).toBe('cancelled');
    expect(fake.terminated).toBe(2);
    expect(fake.created).toBe(4);
    const delivered = sink.got.rows.length;
    await sleep(30);
    expect(sink.got.rows.length).toBe(delivered); // nothing arrives after the cancel
    // The pool works again afterwards.
    const again = collector();
    expect((await parseFiles(pool, [corpusFile('Security_short_selected.evtx')], again)).status).toBe('done');
    expect(again.got.rows.length).toBeGreaterThan(0);
  });

  it('turns a crashed or hung worker into problems and goes on', async () => {
    const file = corpusFile('security.evtx');
    let calls = 0;
    const fake = fakeWorkers({ wrap: (api, _id, crash) => ({ ...api, readChunks: (...a) => {
      if (++calls === 3) {
        setTimeout(() => crash('out of memory'), 5);
        return new Promise(() => {}); // never answers
      }
      return api.readChunks(...a);
    } }) });
    const pool = new WorkerPool(fake.factory, 2);
    const sink = collector();
    const summary = await parseFiles(pool, [file], sink, { batchChunks: 2 });
    expect(summary.status).toBe('done');
    const lost = sink.got.problems.filter((p) => p.kind === 'read-error');
    expect(lost.map((p) => p.chunk)).toEqual([4, 5]);
    expect(lost[0]!.message).toContain('out of memory');
    expect(lost[0]!.offset).toBe(4096 + 4 * 65536);
    expect(fake.created).toBe(3); // the crashed worker was replaced
  });

  it('fetches one record back as JSON and XML', async () => {
    const file = corpusFile('security.evtx');
    const pool = new WorkerPool(fakeWorkers().factory, 2);
    const sink = collector();
    await parseFiles(pool, [file], sink);
    const opened = sink.got.files[0]!;
    for (const row of [sink.got.rows[0]!, sink.got.rows[1000]!, sink.got.rows.at(-1)!]) {
      const detail = await fetchRecordDetail(pool, opened, row);
      expect(JSON.parse(detail.json).Event.System.EventRecordID).toBe(row.recordId);
      expect(detail.xml).toContain(`<EventRecordID>${row.recordId}</EventRecordID>`);
    }
    await expect(fetchRecordDetail(pool, opened, { ...sink.got.rows[0]!, offset: sink.got.rows[0]!.offset + 1 })).rejects.toThrow(/no record at offset/);
  });
});

describe('worker API', () => {
  it('returns failures as values', async () => {
    const api = createEvtxWorkerApi(null);
    const r = await api.open(new File(['x'], 'x.bin'), 'x.bin');
    expect(r).toEqual({ ok: false, error: { kind: 'not-evtx', message: expect.stringMatching(/^x\.bin is not an EVTX file/) } });
    const broken = { read: () => Promise.reject(new Error('gone')) } as unknown as Blob;
    const o = await api.open(broken, 'broken.evtx');
    expect(o.ok).toBe(false);
  });

  it.skipIf(!haveCorpus)('reads chunks past the header count and reports unreadable ones', async () => {
    const api = createEvtxWorkerApi(null);
    const file = corpusFile('security.evtx');
    const opened = await api.open(file, basename(file.name));
    if (!opened.ok) throw new Error(opened.error.message);
    const r = await api.readChunks(file, opened.value, [0, opened.value.blocks + 5]);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value[0]!.rows.length).toBeGreaterThan(0);
    expect(r.value[1]!.rows).toEqual([]);
  });
});
