import { describe, expect, it } from 'vitest';
import { exposeGc } from '../evtx/testing/gc';
import { createScenario } from './scenario';
import { ATTACK_KINDS } from './types';

// About a million events over 30 days: the generator must hold one day, not the whole stream.
describe('bounded memory', () => {
  const gc = exposeGc();

  it.skipIf(!gc)('generates ~1M events while the live heap stays near one day', () => {
    const scenario = createScenario({
      seed: 'memory',
      users: 1000,
      workstations: 1000,
      servers: 20,
      domainControllers: 2,
      days: 30,
      start: '2024-01-01',
      attacks: [...ATTACK_KINDS],
    });
    gc!();
    const base = process.memoryUsage().heapUsed;
    let count = 0;
    let biggestDay = 0;
    let peak = 0;
    let lastId = 0;
    for (const day of scenario.days()) {
      for (const e of day.events) {
        count++;
        if (e.recordId !== ++lastId) throw new Error(`record ${e.recordId} after ${lastId - 1}`);
      }
      biggestDay = Math.max(biggestDay, day.events.length);
      if (day.index % 3 === 0) {
        gc!(); // the day's batch is still alive here: this is the working set
        peak = Math.max(peak, process.memoryUsage().heapUsed - base);
      }
    }
    gc!();
    const after = process.memoryUsage().heapUsed - base;
    const mb = (n: number) => (n / 1e6).toFixed(1);
    console.log(`${count} events, largest day ${biggestDay}, live heap peak +${mb(peak)} MB, after +${mb(after)} MB`);
    expect(count).toBeGreaterThan(900_000);
    // Keeping every event would take ~500 MB; one day is ~50k events.
    expect(peak).toBeLessThan(128e6);
    expect(after).toBeLessThan(96e6);
    expect(scenario.truth.every((g) => g.recordIds.length > 0)).toBe(true);
  });
});
