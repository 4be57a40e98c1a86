import { describe, expect, it } from 'vitest';
import { createScenario, demoScenarioOptions, groundTruth } from '.';
import { DAY } from './format';
import { collect, digest, json, smallOptions } from './testing';
import { ATTACK_KINDS, GENERATED_EVENT_IDS } from './types';

describe('scenario', () => {
  it('gives the same event stream for the same options, another for another seed', () => {
    const a = digest(createScenario(smallOptions()).events());
    const b = digest(createScenario(smallOptions()).events());
    const c = digest(createScenario(smallOptions({ seed: 43 })).events());
    const s = digest(createScenario(smallOptions({ seed: 'forty-two' })).events());
    expect(a.count).toBeGreaterThan(5_000);
    expect(b).toEqual(a);
    expect(c.sha).not.toBe(a.sha);
    expect(s.sha).not.toBe(a.sha);
    // A scenario object runs afresh on every iteration.
    const sc = createScenario(smallOptions());
    expect(digest(sc).sha).toBe(a.sha);
    expect(digest(sc.events()).sha).toBe(a.sha);
  });

  it('emits events in time order, numbered 1…n, inside the requested days', async () => {
    const { scenario, events } = collect(smallOptions());
    const start = Date.UTC(2024, 2, 8);
    expect(scenario.start).toBe(start);
    let last = -Infinity;
    events.forEach((e, i) => {
      expect(e.recordId).toBe(i + 1);
      const t = e.time as number;
      expect(Number.isInteger(t)).toBe(true);
      expect(t).toBeGreaterThanOrEqual(last);
      last = t;
      expect(t).toBeGreaterThanOrEqual(start);
      expect(t).toBeLessThan(start + 3 * DAY);
      expect(e.computer.length).toBeGreaterThan(0);
      expect(typeof e.keywords).toBe('bigint');
    });
    // The async iterator gives the same stream.
    const viaAsync: string[] = [];
    for await (const e of createScenario(smallOptions())) viaAsync.push(json(e));
    expect(viaAsync.length).toBe(events.length);
    expect(viaAsync[1234]).toBe(json(events[1234]!));
  });

  it('generates a day at a time and the ground truth alone matches a full run', () => {
    const s = createScenario(smallOptions());
    const sizes = [...s.days()].map((d) => d.events.length);
    expect(sizes).toHaveLength(3);
    expect(groundTruth(smallOptions())).toEqual(s.truth);
  });

  it('emits only the event ids asked for, still numbered 1…n', () => {
    const all = collect(smallOptions({ days: 1 })).events;
    const ids = [4624, 4625, 4768, 4769, 4776];
    const { scenario, events } = collect(smallOptions({ days: 1, eventIds: ids }));
    expect(events.length).toBe(all.filter((e) => ids.includes(e.eventId)).length);
    events.forEach((e, i) => expect(e.recordId).toBe(i + 1));
    expect(new Set(events.map((e) => e.eventId))).toEqual(new Set(ids));
    for (const g of scenario.truth) for (const id of g.recordIds) expect(ids).toContain(events[id - 1]!.eventId);
  });

  it('emits no event id outside GENERATED_EVENT_IDS', () => {
    const seen = new Set(collect(smallOptions({ days: 2 })).events.map((e) => e.eventId));
    expect([...seen].filter((id) => !(GENERATED_EVENT_IDS as readonly number[]).includes(id))).toEqual([]);
  });

  it('names the domain as asked', () => {
    const { events } = collect(smallOptions({ days: 1, attacks: [], domain: 'Acme' }));
    expect(events.every((e) => e.computer.endsWith('.acme.local'))).toBe(true);
    expect(events.some((e) => e.fields['TargetDomainName'] === 'ACME')).toBe(true);
    expect(events.some((e) => e.fields['TargetDomainName'] === 'ACME.LOCAL')).toBe(true);
    const custom = createScenario(smallOptions({ domain: { netbios: 'EXAMPLE', fqdn: 'example.corp' } }));
    expect(custom.domain.base).toBe('DC=example,DC=corp');
  });

  it('rejects unknown attacks and empty domains', () => {
    expect(() => createScenario(smallOptions({ attacks: ['nope' as never] }))).toThrow(/unknown attack/);
    expect(() => createScenario(smallOptions({ servers: 0 }))).toThrow(RangeError);
    expect(() => createScenario(smallOptions({ start: 'not a date' }))).toThrow(RangeError);
  });

  it('has a demo case with a few hundred users, a few days and every attack', () => {
    const o = demoScenarioOptions();
    expect(o.users).toBeGreaterThanOrEqual(200);
    expect(o.days).toBeGreaterThanOrEqual(3);
    expect(new Set(o.attacks)).toEqual(new Set(ATTACK_KINDS));
    const truth = groundTruth(o);
    expect(truth.map((g) => g.kind).sort()).toEqual([...ATTACK_KINDS].sort());
    for (const g of truth) expect(g.recordIds.length).toBeGreaterThan(0);
  });
});
