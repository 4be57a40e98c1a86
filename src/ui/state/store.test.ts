import { describe, expect, it } from 'vitest';
import type { RecordRow } from '../../core/evtx';
import { AppStore } from './store';

const row = (i: number): RecordRow => ({ recordId: i, time: '', eventId: 4624, channel: 'Security', computer: 'DC1', provider: 'p', summary: '', chunk: 0, offset: i });

describe('AppStore', () => {
  it('keeps at most maxRows rows and counts the others', () => {
    const s = new AppStore(5);
    s.addRows([row(1), row(2), row(3)]);
    s.addRows([row(4), row(5), row(6), row(7)]);
    expect(s.rows.map((r) => r.recordId)).toEqual([1, 2, 3, 4, 5]);
    expect(s.rowsNotListed).toBe(2);
    s.clear();
    expect(s.rowsNotListed).toBe(0);
  });
});
