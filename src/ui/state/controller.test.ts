import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../engine';
import { createEvtxWorkerApi } from '../../../workers/evtx-api';
import { xmlReader } from '../../../workers/xml-reader';
import { AppController } from './controller';
import { AppStore } from './store';

const CORPUS = '../shared/corpus/evtx-samples';
const haveCorpus = existsSync(CORPUS);

/** The page's state and actions, with in-process workers. */
function app(delayMs = 0) {
  const pool = new WorkerPool(() => {
    const api = createEvtxWorkerApi(xmlReader);
    return {
      api: { ...api, readChunks: async (...a) => (await new Promise((r) => setTimeout(r, delayMs)), api.readChunks(...a)) },
      terminate: () => {},
      onCrash: () => {},
    };
  }, 2);
  return new AppController(new AppStore(), pool);
}

const file = (name: string) => new File([readFileSync(`${CORPUS}/${name}`)], name);

describe.skipIf(!haveCorpus)('AppController', () => {
  it('opens files, refuses the bad one, and shows a record', async () => {
    const c = app();
    const versions: number[] = [];
    c.store.subscribe(() => versions.push(c.store.getVersion()));
    await c.open([file('Security_short_selected.evtx'), new File(['hello'], 'hello.txt'), file('security.evtx')]);
    const s = c.store;
    expect(s.status).toBe('done');
    expect(s.refused).toEqual([{ name: 'hello.txt', message: expect.stringMatching(/^hello\.txt is not an EVTX file/) }]);
    expect(s.files.map((f) => [f.file.name, f.firstRow])).toEqual([
      ['Security_short_selected.evtx', 0],
      ['security.evtx', s.files[1]!.firstRow],
    ]);
    expect(s.fileOfRow(0)!.name).toBe('Security_short_selected.evtx');
    expect(s.fileOfRow(s.files[1]!.firstRow - 1)!.name).toBe('Security_short_selected.evtx');
    expect(s.fileOfRow(s.files[1]!.firstRow)!.name).toBe('security.evtx');
    expect(s.fileOfRow(s.rows.length)).toBeNull();
    expect(versions.length).toBeGreaterThan(0);

    const last = s.rows.length - 1;
    await c.select(last);
    expect(s.selected).toBe(last);
    expect(s.cursor).toBe(last);
    expect(s.detail).toMatchObject({ row: last, status: 'ready' });
    if (s.detail?.status !== 'ready') throw new Error('no detail');
    expect(JSON.parse(s.detail.json).Event.System.EventRecordID).toBe(s.rows[last]!.recordId);
    expect(s.detail.json).toContain('\n  "Event": {');

    c.moveCursor(-5);
    expect(s.cursor).toBe(0);
    c.moveCursor(1e9);
    expect(s.cursor).toBe(last);
  });

  it('cancels, keeps what was read, and opens the next files cleanly', async () => {
    const c = app(5);
    const opening = c.open([file('security.evtx')]);
    await new Promise((r) => setTimeout(r, 30));
    expect(c.store.status).toBe('parsing');
    c.cancel();
    await opening;
    expect(c.store.status).toBe('cancelled');
    const kept = c.store.rows.length;
    // Opening while a parse runs replaces it.
    const first = c.open([file('security.evtx')]);
    const second = c.open([file('Security_short_selected.evtx')]);
    await Promise.all([first, second]);
    expect(c.store.status).toBe('done');
    expect(c.store.files.map((f) => f.file.name)).toEqual(['Security_short_selected.evtx']);
    expect(c.store.rows.length).not.toBe(kept);
    expect(new Set(c.store.rows.map((r) => r.offset)).size).toBe(c.store.rows.length);
  });
});
