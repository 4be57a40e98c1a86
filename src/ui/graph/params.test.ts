import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, edgeLabel, readState, toQuery, windowOf, writeState } from './params';

describe('graph URL state', () => {
  it('defaults from an empty URL, and writes them as just the view', () => {
    expect(readState(new URLSearchParams())).toEqual(DEFAULT_STATE);
    expect(writeState(DEFAULT_STATE)).toEqual({ view: 'all' });
  });

  it('round-trips every field, search values with any characters', () => {
    const s = {
      ...DEFAULT_STATE,
      view: 'rdp' as const,
      eventIds: [4624, 4769],
      minCount: 3,
      from: '2024-03-04T10:00',
      to: '2024-03-05T11:30',
      search: [
        { field: 'account' as const, value: '"]=cmd|x&a=b#;\\:|', join: 'and' as const },
        { field: 'ip' as const, value: '10.0.0.', join: 'or' as const },
      ],
      limit: 5000,
      layout: 'cose' as const,
      rankSize: true,
      group: false,
      labels: { count: false, type: false, auth: true },
      selected: 'account:o\'brien',
    };
    const url = new URLSearchParams(writeState(s)).toString();
    expect(readState(new URLSearchParams(url))).toEqual(s);
  });

  it('ignores malformed values', () => {
    const s = readState(new URLSearchParams('view=__proto__&ids=x&min=-1&from=yesterday&search=nofield&limit=0&layout=evil&labels='));
    expect(s.view).toBe('all');
    expect(s.eventIds).toEqual([]);
    expect(s.minCount).toBe(0);
    expect(s.from).toBe('');
    expect(s.search).toEqual([]);
    expect(s.limit).toBe(1);
    expect(s.layout).toBe('grid');
    expect(s.labels).toEqual({ count: false, type: false, auth: false });
    expect(readState(new URLSearchParams({ search: 'account:a;evil:b;|ip:;x' })).search).toEqual([
      { field: 'account', value: 'a', join: 'and' },
      { field: 'ip', value: '', join: 'or' },
    ]);
  });

  it('windows read the shifted clock as UTC, the end inclusive to its minute', () => {
    expect(windowOf('2024-03-04T10:00', '2024-03-04T11:00')).toEqual({ from: Date.UTC(2024, 2, 4, 10), to: Date.UTC(2024, 2, 4, 11, 0, 59, 999) });
    expect(windowOf('', '')).toEqual({ from: null, to: null });
    expect(toQuery({ ...DEFAULT_STATE, search: [{ field: 'host', value: ' ', join: 'and' }] }).search).toEqual([]);
  });

  it('edge labels follow the toggles (§6.5)', () => {
    const e = { kind: 'logon', eventId: 4624, count: 7, logonType: 10, authPackage: 'Negotiate' };
    expect(edgeLabel(e, { count: true, type: true, auth: false })).toBe('4624 : 7 : 10');
    expect(edgeLabel(e, { count: false, type: false, auth: true })).toBe('4624 : Negotiate');
    expect(edgeLabel({ ...e, kind: 'domain', eventId: null }, { count: true, type: true, auth: true })).toBe('');
  });
});
