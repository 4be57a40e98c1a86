import { describe, expect, it } from 'vitest';
import { formatRoute, formatSearch, graphSearch, parseRoute, parseSearch } from './params';

describe('routes', () => {
  it('reads the record table, the cases list and case views', () => {
    expect(parseRoute('')).toMatchObject({ caseId: null, view: 'records' });
    expect(parseRoute('#/records')).toMatchObject({ caseId: null, view: 'records' });
    expect(parseRoute('#/cases')).toMatchObject({ caseId: null, view: 'cases' });
    expect(parseRoute('#cases')).toMatchObject({ caseId: null, view: 'cases' });
    const r = parseRoute('#/case/abc-1/timeline?kind=account&name=a%3Bb');
    expect(r).toMatchObject({ caseId: 'abc-1', view: 'timeline' });
    expect(r.params.get('name')).toBe('a;b');
  });

  it('falls back on unknown views and bad input', () => {
    expect(parseRoute('#/case/x/nope')).toMatchObject({ caseId: 'x', view: 'graph' });
    expect(parseRoute('#/case/x')).toMatchObject({ caseId: 'x', view: 'graph' });
    expect(parseRoute('#/case/%E0%A4%A/graph')).toMatchObject({ caseId: null, view: 'records' });
    expect(parseRoute('#/whatever')).toMatchObject({ caseId: null, view: 'records' });
  });

  it('round-trips', () => {
    const hash = formatRoute({ caseId: 'id/with?odd#chars', view: 'rankings', params: { sort: 'rank', q: 'a&b=c' } });
    expect(hash).toBe('#/case/id%2Fwith%3Fodd%23chars/rankings?sort=rank&q=a%26b%3Dc');
    const r = parseRoute(hash);
    expect(r.caseId).toBe('id/with?odd#chars');
    expect(r.view).toBe('rankings');
    expect(Object.fromEntries(r.params)).toEqual({ sort: 'rank', q: 'a&b=c' });
    expect(formatRoute({ caseId: null, view: 'cases' })).toBe('#/cases');
    expect(formatRoute({ caseId: null, view: 'records' })).toBe('#/records');
  });
});

describe('search parameter', () => {
  it('formats and parses terms, with OR and escapes', () => {
    const terms = [
      { field: 'account' as const, value: 'alice', join: 'and' as const },
      { field: 'host' as const, value: 'WS;01\\x:y', join: 'or' as const },
      { field: 'ip' as const, value: '|10.0.0.1', join: 'and' as const },
    ];
    const s = formatSearch(terms);
    expect(s).toBe('account:alice;|host:WS\\;01\\\\x:y;ip:|10.0.0.1');
    expect(parseSearch(s)).toEqual(terms);
  });

  it('skips malformed terms and reads nothing from nothing', () => {
    expect(parseSearch(null)).toEqual([]);
    expect(parseSearch('')).toEqual([]);
    expect(parseSearch('nofield;user:x;account:')).toEqual([{ field: 'account', value: '', join: 'and' }]);
    expect(parseSearch('|account:a')).toEqual([{ field: 'account', value: 'a', join: 'and' }]);
  });

  it('builds the graph link of a name', () => {
    expect(graphSearch('account', '=cmd;x')).toEqual({ search: 'account:=cmd\\;x' });
    expect(parseSearch(new URLSearchParams(new URLSearchParams(graphSearch('account', '=cmd;x')).toString()).get('search'))).toEqual([
      { field: 'account', value: '=cmd;x', join: 'and' },
    ]);
  });
});
