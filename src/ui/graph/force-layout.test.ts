import { describe, expect, it } from 'vitest';
import { forceLayout } from './force-layout';

describe('forceLayout', () => {
  it('places linked nodes nearer than unlinked ones, deterministically, with no overlap', () => {
    // Two stars of 20 leaves each, not linked to each other.
    const pairs: number[] = [];
    for (let i = 1; i <= 20; i++) pairs.push(0, i);
    for (let i = 22; i <= 41; i++) pairs.push(21, i);
    const input = { n: 42, edges: Uint32Array.from(pairs), iterations: 100 };
    const pos = forceLayout(input);
    expect(forceLayout(input)).toEqual(pos);
    const d = (a: number, b: number) => Math.hypot(pos[2 * a]! - pos[2 * b]!, pos[2 * a + 1]! - pos[2 * b + 1]!);
    const leafToOwnHub = (d(1, 0) + d(5, 0) + d(22, 21)) / 3;
    expect(leafToOwnHub).toBeLessThan(d(0, 21));
    for (let i = 0; i < 42; i++) for (let j = i + 1; j < 42; j++) expect(d(i, j)).toBeGreaterThan(1);
    for (const v of pos) expect(Number.isFinite(v)).toBe(true);
  });

  it('lays out 10,000 nodes and 40,000 edges with every position finite', () => {
    const n = 10_000;
    const edges = new Uint32Array(80_000);
    let s = 1;
    const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff), s);
    for (let e = 0; e < 40_000; e++) {
      edges[2 * e] = rnd() % n;
      edges[2 * e + 1] = e % 50; // fifty hubs, as domain controllers and servers are
    }
    const pos = forceLayout({ n, edges });
    expect(pos.length).toBe(2 * n);
    for (const v of pos) expect(Number.isFinite(v)).toBe(true);
  });
});
