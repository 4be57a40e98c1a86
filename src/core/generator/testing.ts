import { createHash } from 'node:crypto';
import { createScenario, type Scenario } from './scenario';
import { ATTACK_KINDS, type ScenarioOptions, type SecurityEvent } from './types';

/** Test helpers (Node only): small scenarios, whole-stream digests. */

export function smallOptions(over: Partial<ScenarioOptions> = {}): ScenarioOptions {
  return {
    seed: 42,
    users: 60,
    workstations: 55,
    servers: 9,
    domainControllers: 2,
    days: 3,
    start: '2024-03-08',
    attacks: [...ATTACK_KINDS],
    ...over,
  };
}

export function json(e: SecurityEvent): string {
  return JSON.stringify(e, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}

/** SHA-256 over every event's JSON, in order, and the count. */
export function digest(events: Iterable<SecurityEvent>): { sha: string; count: number } {
  const h = createHash('sha256');
  let count = 0;
  for (const e of events) {
    h.update(json(e));
    h.update('\n');
    count++;
  }
  return { sha: h.digest('hex'), count };
}

/** A scenario run to the end, every event kept (small scenarios only). */
export function collect(options: ScenarioOptions): { scenario: Scenario; events: SecurityEvent[] } {
  const scenario = createScenario(options);
  const events = [...scenario.events()];
  return { scenario, events };
}

/** Host name of an event's Computer (FQDN minus the domain suffix). */
export function hostOf(scenario: Scenario, e: SecurityEvent): string {
  const d = scenario.domain;
  const host = [...d.dcs, ...d.servers, ...d.workstations].find((h) => h.fqdn === e.computer);
  return host?.name ?? e.computer;
}
