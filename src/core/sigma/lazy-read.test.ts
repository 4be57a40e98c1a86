import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, corpusFiles, hasCorpus } from '../evtx/testing/corpus';
import { readAll } from '../evtx/testing/read-all';
import { createEngine, EvtxEventReader, type FieldValue, FlatEvent, loadRuleSet, objectEvent, type SigmaEvent, type SigmaHit } from '.';
import { UNREAD, type ValueVisitor } from './event';

function random(seed: number) {
  return (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
}

/**
 * An event that reads fields one by one (as EvtxEventReader does), or says UNREAD where `unread`
 * picks, so that the engine falls back to reading all of them: hits must be the same as with the
 * source read up front.
 */
class OneByOne implements SigmaEvent {
  reads = 0;
  constructor(
    private readonly inner: FlatEvent,
    private readonly unread: () => boolean,
  ) {}
  get channel() {
    return this.inner.channel;
  }
  get eventId() {
    return this.inner.eventId;
  }
  get recordId() {
    return this.inner.recordId;
  }
  get time() {
    return this.inner.time;
  }
  get computer() {
    return this.inner.computer;
  }
  read(names: readonly string[], out: (FieldValue | undefined)[]): void {
    this.inner.read(names, out);
  }
  values(): readonly FieldValue[] {
    return this.inner.values();
  }
  stringValues(visit: ValueVisitor): boolean {
    return this.inner.stringValues(visit);
  }
  /** As EvtxEventReader: `EventID` as read(['EventID']) gives it, at hand. */
  eventIdField(): FieldValue | undefined {
    const out: (FieldValue | undefined)[] = [];
    this.inner.read(['EventID'], out);
    return out[0];
  }
  readField(names: readonly string[], i: number): FieldValue | undefined | typeof UNREAD {
    if (this.unread()) return UNREAD;
    this.reads++;
    const out: (FieldValue | undefined)[] = [];
    this.inner.read([names[i]!], out);
    return out[0];
  }
}

describe('reading fields as tests ask for them', () => {
  it('changes no hit nor hit field: random rules and events, against fields read up front', () => {
    const rnd = random(7);
    const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)]!;
    const tests = ['A|contains: x', 'A: xy', 'B|startswith: p', 'C: null', 'C|exists: true', 'D|exists: false', 'D: 3', 'E|re: "^[pq]"', 'B|fieldref: A', 'A|endswith: y'];
    const conditions = ['sel1', 'sel1 and not sel2', 'sel1 or sel2', 'not sel2', 'all of sel*', '1 of sel* and not filter', 'keywords or sel1'];
    const files = Array.from({ length: 80 }, (_, i) => {
      const text = [
        `title: r${i}`,
        `id: r${i}`,
        'logsource:',
        '  product: windows',
        '  service: security',
        'detection:',
        '  sel1:',
        `    EventID: ${pick(['4624', '4625', '[4624, 4625]'])}`,
        `    ${pick(tests)}`,
        '  sel2:',
        `    ${pick(tests)}`,
        `    ${pick(tests)}`,
        '  filter:',
        `    ${pick(tests)}`,
        '  keywords:',
        `    - ${pick(['xyz', 'pq'])}`,
        `  condition: ${pick(conditions)}`,
        'fields:',
        '  - A',
        '  - E',
        '  - EventID',
      ].join('\n');
      return { path: `r${i}.yml`, text };
    });
    const set = loadRuleSet(files);
    expect(set.rejected).toEqual([]);
    const eager = createEngine(set);
    const lazy = createEngine(set);
    let hits = 0;
    let reads = 0;
    const maybe = <T>(v: T): T | undefined => (rnd(4) === 0 ? undefined : v);
    for (let n = 0; n < 4000; n++) {
      // EventID as a number or as text, as written in the rules or not (`04624`: same bucket, no match).
      const fields: Record<string, FieldValue> = { Channel: 'Security', EventID: pick([4624, 4625, '4624', '04624']) };
      const set = (k: string, v: FieldValue | undefined) => v !== undefined && (fields[k] = v);
      set('A', maybe(pick(['x', 'xy', 'XY', 'zxy', 'p', ''])));
      set('B', maybe(pick(['p', 'pq', 'x', null])));
      set('C', maybe(pick(['', 'c', null])));
      set('D', maybe(pick([3, '3', 4, null])));
      set('E', maybe(pick(['p', 'q', 'r', ['r', 'q']])));
      const mode = n % 3;
      const event = new OneByOne(objectEvent(fields), () => (mode === 0 ? false : mode === 1 ? true : rnd(3) === 0));
      const got: SigmaHit[] = [];
      const want: SigmaHit[] = [];
      lazy.match(event, got);
      eager.match(objectEvent(fields), want);
      expect(got).toEqual(want);
      hits += got.length;
      if (mode === 0) reads += event.reads;
    }
    expect(hits).toBeGreaterThan(1000);
    // Something is actually read lazily, and not everything.
    expect(reads).toBeGreaterThan(0);
  });
});

describe.skipIf(!hasCorpus)('EvtxEventReader.eventIdField', () => {
  it("is what read(['EventID']) gives, on every corpus record", async () => {
    const files = [...corpusFiles('attack-samples', '.evtx'), ...corpusFiles('evtx-samples', '.evtx')];
    const reader = new EvtxEventReader();
    const names = ['EventID'];
    const out: (FieldValue | undefined)[] = [];
    const problems: string[] = [];
    let records = 0;
    for (const file of files)
      await readAll(join(CORPUS, file), (r) => {
        records++;
        const event = reader.event(r);
        event.read(names, out);
        const got = event.eventIdField();
        if (got !== out[0]) problems.push(`${file} #${r.recordId}: ${JSON.stringify(got)}, not ${JSON.stringify(out[0])}`);
      });
    expect(problems.slice(0, 20)).toEqual([]);
    expect(records).toBeGreaterThan(10_000);
  });
});
