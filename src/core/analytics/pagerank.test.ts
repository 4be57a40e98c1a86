import { describe, expect, it } from 'vitest';
import { type PagerankNode, type PagerankRow, dampingFactor, logonTracerPagerank, normaliseRanks, pagerankCore } from './pagerank';
import { referencePagerank } from './pagerank.reference';
import { buildLogonGraph, standardPagerank } from './pagerank-standard';
import { mulberry32 } from './rng';
import vectors from './vectors/pagerank.json';

interface Case {
  rows: [string, string][];
  admins: string[];
  hmm: string[];
  ntlm: string[];
  cf: Record<string, number>;
}

/** The same inputs in both shapes: the fast API's nodes and rows, the reference's sets. */
function inputs(c: Case): { nodes: PagerankNode[]; rows: PagerankRow[]; ref: Parameters<typeof referencePagerank>[0] } {
  const ids = new Set<string>();
  for (const [h, u] of c.rows) ids.add(h).add(u);
  const admins = new Set(c.admins);
  const hmm = new Set(c.hmm);
  const ntml = new Set(c.ntlm);
  const cf = new Map(Object.entries(c.cf));
  const nodes: PagerankNode[] = [...ids].map((id) => ({
    id,
    kind: id.endsWith('@') ? 'user' : 'host',
    admin: admins.has(id),
    hmm: hmm.has(id),
    ntlm: ntml.has(id),
    ...(cf.has(id) ? { changeFinderMax: cf.get(id) as number } : {}),
  }));
  return { nodes, rows: c.rows.map(([host, user]) => ({ host, user })), ref: { rows: c.rows, admins, hmm, ntml, cf } };
}

const SPEC: Case = {
  rows: [
    ['10.0.0.1', 'alice@'],
    ['10.0.0.1', 'alice@'],
    ['10.0.0.1', 'bob@'],
    ['10.0.0.2', 'alice@'],
  ],
  admins: ['bob@'],
  hmm: [],
  ntlm: [],
  cf: { 'alice@': 12, 'bob@': 5 },
};
const SPEC_RAW: Record<string, number> = {
  '10.0.0.1': 0.18734674649870015,
  '10.0.0.2': 0.09752649096175112,
  'alice@': 0.18048032479613768,
  'bob@': 0.1562091322585419,
};
const SPEC_NORM: Record<string, number> = { '10.0.0.1': 1.0, '10.0.0.2': 0.0, 'alice@': 0.923554, 'bob@': 0.653334 };
const SPEC_DAMPING: Record<string, number> = { '10.0.0.1': 0.8, '10.0.0.2': 0.8, 'alice@': 0.79, 'bob@': 0.575 };

describe("LogonTracer's PageRank variant: spec §5.3 vector", () => {
  it('fast implementation', () => {
    const { nodes, rows } = inputs(SPEC);
    const res = logonTracerPagerank(nodes, rows);
    res.ids.forEach((id, i) => {
      expect(res.damping[i]).toBeCloseTo(SPEC_DAMPING[id] as number, 15);
      expect(Math.abs((res.raw[i] as number) - (SPEC_RAW[id] as number))).toBeLessThan(1e-15);
      expect(Math.abs((res.normalised[i] as number) - (SPEC_NORM[id] as number))).toBeLessThan(5e-7);
    });
  });

  it('reference transcription', () => {
    const res = referencePagerank(inputs(SPEC).ref);
    for (const [id, v] of res.raw) expect(Math.abs(v - (SPEC_RAW[id] as number))).toBeLessThan(1e-15);
    for (const [id, v] of res.normalised) expect(Math.abs(v - (SPEC_NORM[id] as number))).toBeLessThan(5e-7);
  });

  it('the operator is not stochastic (parallel rows): ranks do not sum to 1', () => {
    const { nodes, rows } = inputs(SPEC);
    const sum = logonTracerPagerank(nodes, rows).raw.reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - 1)).toBeGreaterThan(0.1);
  });
});

describe('against LogonTracer’s own pagerank() run in Python (vectors/pagerank.json)', () => {
  for (const c of vectors.cases as unknown as (Case & { name: string; raw: Record<string, number>; normalised: Record<string, number>; damping: Record<string, number> })[]) {
    const collisions = c.name === 'substring-collisions';
    it(`${c.name}: reference transcription equal within 1e-12`, () => {
      const res = referencePagerank(inputs(c).ref);
      expect(res.raw.size).toBe(Object.keys(c.raw).length);
      for (const [id, v] of res.raw) expect(Math.abs(v - (c.raw[id] as number)), id).toBeLessThan(1e-12);
      for (const [id, v] of res.normalised) expect(Math.abs(v - (c.normalised[id] as number)), id).toBeLessThan(1e-9);
      for (const [id, v] of res.damping) expect(v, id).toBe(c.damping[id]);
    });
    it(`${c.name}: fast implementation ${collisions ? 'differs (exact links, on purpose)' : 'equal within 1e-12'}`, () => {
      const { nodes, rows } = inputs(c);
      const res = logonTracerPagerank(nodes, rows);
      const worst = Math.max(...res.ids.map((id, i) => Math.abs((res.raw[i] as number) - (c.raw[id] as number))));
      res.ids.forEach((id, i) => expect(res.damping[i], id).toBe(c.damping[id]));
      if (collisions) expect(worst).toBeGreaterThan(1e-3);
      else expect(worst).toBeLessThan(1e-12);
    });
  }
});

/** A random graph where no id is a substring of another: fixed-width hosts and users. */
function randomCase(seed: number): Case {
  const rng = mulberry32(seed);
  const int = (n: number): number => Math.floor(rng.next() * n);
  const nh = 1 + int(60);
  const nu = 1 + int(80);
  const hosts = Array.from({ length: nh }, (_, k) => `10.0.0.1${String(k).padStart(2, '0')}`);
  const users = Array.from({ length: nu }, (_, k) => `user1${String(k).padStart(2, '0')}@`);
  const rows: [string, string][] = [];
  const R = 1 + int(300);
  for (let r = 0; r < R; r++) {
    const h = hosts[int(nh)] as string;
    const u = users[int(nu)] as string;
    rows.push([h, u]);
    // Parallel rows (other ID / type / status / auth of the same pair).
    if (rng.next() < 0.2) rows.push([h, u]);
  }
  const used = [...new Set(rows.map((r) => r[1]))];
  const cf: Record<string, number> = {};
  for (const u of used) cf[u] = Math.round(rng.next() * 4000) / 100;
  return {
    rows,
    admins: used.filter(() => rng.next() < 0.15),
    hmm: used.filter(() => rng.next() < 0.3),
    ntlm: used.filter(() => rng.next() < 0.1),
    cf,
  };
}

describe('fast = reference on random graphs without substring collisions', () => {
  for (let seed = 1; seed <= 25; seed++) {
    it(`seed ${seed}`, () => {
      const c = randomCase(seed);
      const { nodes, rows, ref } = inputs(c);
      const fast = logonTracerPagerank(nodes, rows);
      const slow = referencePagerank(ref);
      expect(fast.ids.length).toBe(slow.raw.size);
      fast.ids.forEach((id, i) => {
        expect(fast.damping[i], id).toBe(slow.damping.get(id));
        expect(Math.abs((fast.raw[i] as number) - (slow.raw.get(id) as number)), id).toBeLessThan(1e-9);
        const n = slow.normalised.get(id) as number;
        if (Number.isFinite(n)) expect(Math.abs((fast.normalised[i] as number) - n), id).toBeLessThan(1e-9);
      });
    });
  }
});

describe('edges of the input', () => {
  it('all-equal ranks normalise to 0 (the reference divides by zero)', () => {
    expect(Array.from(normaliseRanks([0.25, 0.25]))).toEqual([0, 0]);
    expect(Array.from(normaliseRanks([]))).toEqual([]);
    // Two isolated hosts: both (1 − 0.8)/2.
    const res = logonTracerPagerank(
      [
        { id: 'h1', kind: 'host' },
        { id: 'h2', kind: 'host' },
      ],
      [],
    );
    expect(res.raw[0]).toBe(res.raw[1]);
    expect(Array.from(res.normalised)).toEqual([0, 0]);
  });

  it('damping can go negative, as in the reference', () => {
    expect(dampingFactor({ id: 'a@', kind: 'user', admin: true, hmm: true, ntlm: true, changeFinderMax: 80 })).toBeCloseTo(0.6 - 0.2 - 0.1 - 0.4, 15);
  });

  it('isolated nodes keep (1 − d)/N; bad rows are rejected', () => {
    const res = logonTracerPagerank(
      [
        { id: 'h', kind: 'host' },
        { id: 'u@', kind: 'user' },
        { id: 'lonely', kind: 'host' },
      ],
      [{ host: 'h', user: 'u@' }],
    );
    expect(res.raw[2]).toBeCloseTo(0.2 / 3, 15);
    expect(() => logonTracerPagerank([{ id: 'h', kind: 'host' }], [{ host: 'h', user: 'x@' }])).toThrow(RangeError);
    expect(() => logonTracerPagerank([{ id: 'h', kind: 'host' }, { id: 'h', kind: 'user' }], [])).toThrow(RangeError);
    expect(() => logonTracerPagerank([{ id: 'a@', kind: 'user' }, { id: 'b@', kind: 'user' }], [{ host: 'a@', user: 'b@' }])).toThrow(RangeError);
    expect(logonTracerPagerank([], []).raw.length).toBe(0);
  });
});

describe('standardPagerank (graphology-metrics), a second view', () => {
  it('sums to 1 and puts a star’s centre first', () => {
    const rows: PagerankRow[] = [];
    for (let k = 0; k < 8; k++) rows.push({ host: 'dc01', user: `user${k}@` });
    rows.push({ host: 'dc01', user: 'user0@' }); // a parallel row: weight 2
    rows.push({ host: 'ws1', user: 'user1@' });
    const g = buildLogonGraph(rows);
    expect(g.order).toBe(10);
    expect(g.size).toBe(9);
    expect(g.getEdgeAttribute(g.edge('dc01', 'user0@'), 'weight')).toBe(2);
    const ranks = standardPagerank(g);
    const total = [...ranks.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 9);
    const top = [...ranks.entries()].sort((a, b) => b[1] - a[1])[0];
    expect(top?.[0]).toBe('dc01');
    expect(standardPagerank(buildLogonGraph([])).size).toBe(0);
  });
});
