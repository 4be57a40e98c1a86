import { describe, expect, it } from 'vitest';
import { alignScores, axisOf, clampRange, densify, drasticLevel, formatHourParam, HOUR, parseHourParam, rangeFromParams, ticks, zoom } from './timeline-data';

const T0 = Date.UTC(2024, 2, 4, 0);

describe('timeline data', () => {
  const axis = axisOf(T0, T0 + 23 * HOUR)!;

  it('builds the axis and dense counts', () => {
    expect(axis).toEqual({ first: T0, hours: 24 });
    expect(axisOf(null, null)).toBeNull();
    const d = densify({ 4624: [[T0, 2], [T0 + 3 * HOUR, 5]], 4769: [[T0 + 3 * HOUR, 1]], 9999: [[T0, 7]] }, axis);
    expect(d.counts[4624]![3]).toBe(5);
    expect(d.counts[4625]!.every((v) => v === 0)).toBe(true);
    expect([...d.total.slice(0, 4)]).toEqual([2, 0, 0, 6]);
  });

  it('aligns scores that start elsewhere', () => {
    expect([...alignScores([1, 2, 3], T0 + 22 * HOUR, axis).slice(21)]).toEqual([0, 1, 2]);
    expect(alignScores([1, 2, 3], T0 - HOUR, axis)[0]).toBe(2);
  });

  it('grades drastic changes with the reference thresholds', () => {
    expect([10, 10.01, 13, 13.5, 16, 16.5, 17, 17.01, 20].map(drasticLevel)).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4]);
  });

  it('zooms in, out and back within the axis', () => {
    expect(zoom({ from: 0, to: 23 }, 0.5, axis)).toEqual({ from: 6, to: 17 });
    expect(zoom({ from: 6, to: 17 }, 2, axis)).toEqual({ from: 0, to: 23 });
    expect(zoom({ from: 10, to: 15 }, 0.5, axis)).toEqual({ from: 10, to: 15 }); // at least 6 hours
    expect(zoom({ from: 20, to: 23 }, 2, axis).to).toBe(23);
    expect(clampRange({ from: 30, to: -4 }, axis)).toEqual({ from: 0, to: 23 });
  });

  it('keeps the zoom in the URL as hours of the case clock', () => {
    expect(formatHourParam(T0 + 5 * HOUR)).toBe('2024-03-04T05');
    expect(parseHourParam('2024-03-04T05')).toBe(T0 + 5 * HOUR);
    expect(parseHourParam('2024-03-04T05:00')).toBeNull();
    expect(parseHourParam(null)).toBeNull();
    expect(rangeFromParams(new URLSearchParams('from=2024-03-04T05&to=2024-03-04T09'), axis)).toEqual({ from: 5, to: 9 });
    expect(rangeFromParams(new URLSearchParams(''), axis)).toEqual({ from: 0, to: 23 });
    expect(rangeFromParams(new URLSearchParams('from=2024-03-04T20'), axis)).toEqual({ from: 20, to: 23 });
  });

  it('places ticks on round hours', () => {
    expect(ticks({ from: 0, to: 23 }, 8)).toEqual([0, 3, 6, 9, 12, 15, 18, 21]);
    expect(ticks({ from: 1, to: 4 }, 8)).toEqual([1, 2, 3, 4]);
  });
});
