import type { World } from './activity';
import { ATTACKS } from './attacks';
import { accountChurn } from './benign-admin';
import { idleWorkstation, serverDay } from './benign-hosts';
import { personDay } from './benign-people';
import { DayBuffer } from './day';
import { buildDomain, type Domain, type Host } from './domain';
import { DAY, HOUR } from './format';
import { hashSeed, Rng } from './rng';
import type { AttackKind, GroundTruth, ScenarioOptions, SecurityEvent } from './types';

/**
 * A whole scenario: a domain, benign activity day by day, and the requested attacks with their
 * ground truth. Days are generated one at a time and sorted within the day, so memory holds one
 * day whatever the length; every run of the same options yields the same events.
 */

export interface PlannedAttack {
  kind: AttackKind;
  /** Day index (0-based) and start time (ms). */
  day: number;
  time: number;
}

export interface DayBatch {
  index: number;
  /** UTC midnight of the day, ms. */
  start: number;
  /** The day's events in time order, numbered. */
  events: SecurityEvent[];
}

export interface Scenario extends Iterable<SecurityEvent>, AsyncIterable<SecurityEvent> {
  readonly options: ScenarioOptions;
  readonly domain: Domain;
  /** UTC midnight of the first day, ms. */
  readonly start: number;
  readonly plan: readonly PlannedAttack[];
  /**
   * Ground truth of the current (or last) run, one entry per requested attack in request order.
   * An entry is complete once its attack's day has been generated.
   */
  readonly truth: readonly GroundTruth[];
  days(): Generator<DayBatch>;
  events(): Generator<SecurityEvent>;
}

export function utcMidnight(start: Date | string | number): number {
  const d = new Date(start);
  if (Number.isNaN(d.getTime())) throw new RangeError(`bad start date: ${String(start)}`);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

function planAttacks(rng: Rng, o: ScenarioOptions, start: number): PlannedAttack[] {
  return o.attacks.map((kind) => {
    const a = ATTACKS[kind];
    if (!a) throw new RangeError(`unknown attack kind: ${String(kind)}`);
    const day = rng.int(o.days);
    const hour = a.hours[0] + rng.next() * (a.hours[1] - a.hours[0]);
    return { kind, day, time: start + day * DAY + Math.round(hour * HOUR) };
  });
}

export function createScenario(options: ScenarioOptions): Scenario {
  if (!Number.isInteger(options.days) || options.days < 1) throw new RangeError('days must be a positive integer');
  const root = new Rng(hashSeed('seed', options.seed));
  const domain = buildDomain(root.fork('domain'), { ...options, hostile: options.hostile ?? false });
  const start = utcMidnight(options.start);
  const plan = planAttacks(root.fork('plan'), options, start);
  let truth: GroundTruth[] = [];
  const keep = options.eventIds ? new Set(options.eventIds) : undefined;

  function* days(): Generator<DayBatch> {
    const run: GroundTruth[] = plan.map((p) => ({ kind: p.kind, accounts: [], hosts: [], start: p.time, end: p.time, recordIds: [] }));
    truth = run;
    let nextId = 1;
    for (let index = 0; index < options.days; index++) {
      const dayStart = start + index * DAY;
      const out = new DayBuffer(dayStart, dayStart + DAY, keep);
      const w: World = { d: domain, rng: root.fork('day', index), out };
      const weekday = new Date(dayStart).getUTCDay();
      const weekend = weekday === 0 || weekday === 6;
      serverDay(w, dayStart);
      accountChurn(w, dayStart, weekend);
      const used = new Set<Host>();
      for (const person of domain.people) {
        const ws = personDay(w, person, { start: dayStart, weekend });
        if (ws) used.add(ws);
      }
      for (const ws of domain.workstations) if (!used.has(ws)) idleWorkstation(w, ws, dayStart);
      plan.forEach((p, k) => {
        if (p.day !== index) return;
        out.tag = k;
        const outcome = ATTACKS[p.kind].run({ d: domain, rng: root.fork('attack', k), out }, p.time);
        out.tag = null;
        run[k]!.accounts = outcome.accounts;
        run[k]!.hosts = outcome.hosts;
      });
      const sealed = out.seal(nextId);
      nextId += sealed.events.length;
      const first = new Map<number, number>();
      for (const [e, k] of sealed.tagged) {
        const g = run[k]!;
        const t = e.time as number;
        if (!first.has(k)) {
          first.set(k, t);
          g.start = t;
          g.end = t;
        }
        g.start = Math.min(g.start, t);
        g.end = Math.max(g.end, t);
        g.recordIds.push(e.recordId!);
      }
      for (const k of first.keys()) run[k]!.recordIds.sort((a, b) => a - b);
      yield { index, start: dayStart, events: sealed.events };
    }
  }

  function* events(): Generator<SecurityEvent> {
    for (const day of days()) yield* day.events;
  }

  return {
    options,
    domain,
    start,
    plan,
    get truth() {
      return truth;
    },
    days,
    events,
    [Symbol.iterator]: events,
    async *[Symbol.asyncIterator]() {
      for (const day of days()) {
        yield* day.events;
        // Let a worker answer messages (cancel, progress) between days.
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
      }
    },
  };
}

/** The ground truth alone: runs the scenario through, holding one day at a time. */
export function groundTruth(options: ScenarioOptions): GroundTruth[] {
  const s = createScenario(options);
  for (const day of s.days()) void day;
  return s.truth.map((g) => ({ ...g, accounts: [...g.accounts], hosts: [...g.hosts], recordIds: [...g.recordIds] }));
}
