import { describe, expect, it } from 'vitest';
import { type Expr, compileDetection, createEngine, type FieldValue, loadRuleSet, objectEvent } from '.';
import { specializeForEventId } from './specialize';

function random(seed: number) {
  return (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
}

describe('specializing rules for one event id', () => {
  it('folds tests of other ids away, and only those', () => {
    const det = compileDetection({ a: { EventID: [4624, 4625], LogonType: 3 }, b: { EventID: 4776, Workstation: 'x' }, condition: '1 of a or b' });
    const s = specializeForEventId(det, 4624, (f) => f);
    const fields = (e: Expr): string[] => (e.k === 'field' ? [e.field] : e.k === 'and' || e.k === 'or' ? e.items.flatMap(fields) : e.k === 'not' ? fields(e.item) : []);
    expect(fields(s).sort()).toEqual(['EventID', 'LogonType']);
    expect(specializeForEventId(det, 4776, (f) => f)).not.toBe(det);
    expect(specializeForEventId(compileDetection({ a: { EventID: 4776 }, condition: 'not a' }), 4624, (f) => f)).toEqual({ k: 'const', value: true });
    // Field renames: only the event's EventID is the bucket's id.
    const renamed = compileDetection({ a: { EventID: 1 }, condition: 'a' });
    expect(specializeForEventId(renamed, 2, () => 'OtherField')).toBe(renamed);
  });

  it('changes no hit: random rules and events, against the rules evaluated as written', () => {
    const rnd = random(5);
    const ids = ['4624', '4625', '4776', '1'];
    const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)]!;
    const conditions = ['1 of sel*', 'sel1 and not filter', 'sel1 or not sel2', 'not sel2', 'all of sel*', '(sel1 or sel2) and not filter', 'not (sel1 and filter)'];
    const files = Array.from({ length: 60 }, (_, i) => {
      const idList = Array.from({ length: 1 + rnd(2) }, () => pick(ids));
      const text = [
        `title: r${i}`,
        `id: r${i}`,
        'logsource:',
        '  product: windows',
        '  service: security',
        'detection:',
        '  sel1:',
        `    EventID: [${idList.join(', ')}]`,
        `    A|contains: ${pick(['x', 'y', 'xy'])}`,
        '  sel2:',
        `    EventID: ${pick(ids)}`,
        `    B: ${pick(['p', 'q'])}`,
        '  filter:',
        `    EventID: ${pick(ids)}`,
        `  condition: ${pick(conditions)}`,
      ].join('\n');
      return { path: `r${i}.yml`, text };
    });
    const set = loadRuleSet(files);
    expect(set.rejected).toEqual([]);
    const folded = createEngine(set);
    const plain = createEngine(set, { specialize: false });
    const eventIds: FieldValue[] = [4624, '4624', '04624', 4625, 4776, 1, '0x1260'];
    let hits = 0;
    for (let n = 0; n < 3000; n++) {
      const event = objectEvent({ Channel: 'Security', EventID: pick(eventIds), A: pick(['x', 'y', 'xy', 'z', 'XY']), B: pick(['p', 'q', 'P']) });
      const got: string[] = [];
      const want: string[] = [];
      folded.match(event, undefined, (h) => got.push(h.ruleId));
      plain.match(event, undefined, (h) => want.push(h.ruleId));
      expect(got).toEqual(want);
      hits += got.length;
    }
    expect(hits).toBeGreaterThan(3000);
  });
});
