import type { RankRow } from '../../../workers/case-api';

/** The sortable columns of the rankings (URL `sort=`). */
export const RANK_COLUMNS = ['name', 'rank', 'std', 'cf', 'hmm', 'admin'] as const;
export type RankColumn = (typeof RANK_COLUMNS)[number];
export type Direction = 'asc' | 'desc';

const value = (r: RankRow, c: RankColumn): number | string => {
  switch (c) {
    case 'name': return r.name;
    case 'rank': return r.rank;
    case 'std': return r.standardRank;
    case 'cf': return r.changeFinderMax ?? -Infinity;
    case 'hmm': return r.hmm ? 1 : 0;
    case 'admin': return r.admin ? 1 : 0;
  }
};

/**
 * Rows sorted by one column; ties keep LogonTracer's rank order (highest first), then the index,
 * so the order is total and stable across reloads.
 */
export function sortRanks(rows: readonly RankRow[], column: RankColumn, dir: Direction): RankRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = value(a, column);
    const y = value(b, column);
    const c = typeof x === 'string' ? x.localeCompare(y as string) : x - (y as number);
    return sign * c || b.rank - a.rank || a.index - b.index;
  });
}

/** The default direction when a column is first chosen: names A→Z, numbers highest first. */
export const defaultDirection = (c: RankColumn): Direction => (c === 'name' ? 'asc' : 'desc');

export function readSort(p: URLSearchParams): { column: RankColumn; dir: Direction } {
  const s = p.get('sort');
  const column = (RANK_COLUMNS as readonly string[]).includes(s ?? '') ? (s as RankColumn) : 'rank';
  const d = p.get('dir');
  return { column, dir: d === 'asc' || d === 'desc' ? d : defaultDirection(column) };
}
