import { describe, expect, it } from 'vitest';
import { createScenario } from './scenario';
import { smallOptions } from './testing';

// Two weeks from Monday 2024-03-04, no attacks: only the benign rhythm.
describe('activity rhythm', () => {
  const s = createScenario(smallOptions({ users: 150, workstations: 140, days: 14, start: '2024-03-04', attacks: [] }));
  const perHour = new Array<number>(24).fill(0);
  const interactiveHours = new Array<number>(24).fill(0);
  const weekday: number[] = [];
  const weekend: number[] = [];
  const people = new Set(s.domain.people.map((p) => p.sid));
  for (const day of s.days()) {
    let logons = 0;
    for (const e of day.events) {
      if (e.eventId !== 4624) continue;
      const hour = new Date(e.time as number).getUTCHours();
      perHour[hour]!++;
      if (people.has(e.fields['TargetUserSid'] as string)) logons++;
      if (e.fields['LogonType'] === 2) interactiveHours[hour]!++;
    }
    const dow = new Date(day.start).getUTCDay();
    (dow === 0 || dow === 6 ? weekend : weekday).push(logons);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  it('has many more logons in working hours than at night', () => {
    const work = mean(perHour.slice(9, 17));
    const night = mean(perHour.slice(0, 6));
    console.log(`4624 per hour: work ${work.toFixed(0)}, night ${night.toFixed(0)}`);
    expect(work).toBeGreaterThan(5 * night);
    // People log on at their desks in the morning (and a few late in the evening), not at 3 a.m.
    expect(mean(interactiveHours.slice(7, 11))).toBeGreaterThan(10 * Math.max(1, mean(interactiveHours.slice(1, 5))));
  });

  it('has far fewer people logging on at weekends', () => {
    expect(weekday).toHaveLength(10);
    expect(weekend).toHaveLength(4);
    console.log(`people's 4624 per day: weekday ${mean(weekday).toFixed(0)}, weekend ${mean(weekend).toFixed(0)}`);
    expect(mean(weekend)).toBeLessThan(0.25 * mean(weekday));
    expect(Math.min(...weekend)).toBeGreaterThan(0);
  });
});
