import { describe, expect, it } from 'vitest';
import type { RankRow } from '../../../workers/case-api';
import { readSort, sortRanks } from './rank-sort';

const row = (index: number, name: string, rank: number, std: number, cf: number | null, hmm: boolean | null, admin: boolean | null): RankRow => ({
  index, name, rank, standardRank: std, changeFinderMax: cf, hmm, admin,
});
const rows = [row(0, 'bob', 0.2, 0.3, 5, false, true), row(1, 'alice', 0.9, 0.1, 12, true, false), row(2, 'carol', 0.5, 0.3, 1, false, false)];

describe('rankings sort', () => {
  it('sorts each column both ways, ties by rank', () => {
    expect(sortRanks(rows, 'rank', 'desc').map((r) => r.name)).toEqual(['alice', 'carol', 'bob']);
    expect(sortRanks(rows, 'rank', 'asc').map((r) => r.name)).toEqual(['bob', 'carol', 'alice']);
    expect(sortRanks(rows, 'name', 'asc').map((r) => r.name)).toEqual(['alice', 'bob', 'carol']);
    expect(sortRanks(rows, 'std', 'desc').map((r) => r.name)).toEqual(['carol', 'bob', 'alice']);
    expect(sortRanks(rows, 'cf', 'desc').map((r) => r.name)).toEqual(['alice', 'bob', 'carol']);
    expect(sortRanks(rows, 'admin', 'desc').map((r) => r.name)).toEqual(['bob', 'alice', 'carol']);
    expect(sortRanks(rows, 'hmm', 'desc')[0]!.name).toBe('alice');
  });

  it('reads the URL, defaulting to rank, highest first', () => {
    expect(readSort(new URLSearchParams(''))).toEqual({ column: 'rank', dir: 'desc' });
    expect(readSort(new URLSearchParams('sort=name'))).toEqual({ column: 'name', dir: 'asc' });
    expect(readSort(new URLSearchParams('sort=cf&dir=asc'))).toEqual({ column: 'cf', dir: 'asc' });
    expect(readSort(new URLSearchParams('sort=evil&dir=sideways'))).toEqual({ column: 'rank', dir: 'desc' });
  });
});
