import { describe, expect, it } from 'vitest';
import { type Cut, EventCutter } from './cut';
import { utf8Length } from './encoding';

function cutAll(pieces: readonly string[], maxChars = 1 << 20, start = 0): Cut[] {
  const out: Cut[] = [];
  const cutter = new EventCutter(start, utf8Length, maxChars);
  for (const p of pieces) cutter.push(p, (c) => out.push(c));
  cutter.end((c) => out.push(c));
  return out;
}

const E1 = '<Event xmlns="x"><System><EventID>1</EventID></System><EventData><Data Name="a">é€😀</Data></EventData></Event>';
const E2 = "<Event a='>'>\r\n  <System/>\r\n</Event  >";
const DOC = `<?xml version="1.0"?>\n<Events>\n${E1}\n<!-- c -->${E2}<Event/></Events>`;

describe('EventCutter', () => {
  it('cuts whole events and skips declaration, wrapper and lookalike tags', () => {
    const cuts = cutAll([DOC]);
    expect(cuts.map((c) => c.kind)).toEqual(['event', 'event', 'event']);
    expect(cuts.map((c) => (c as { text: string }).text)).toEqual([E1, E2, '<Event/>']);
  });

  it('gives byte offsets of each event start, multibyte text included', () => {
    const bytes = new TextEncoder().encode(DOC);
    for (const c of cutAll([DOC], 1 << 20, 0)) {
      expect(new TextDecoder().decode(bytes.subarray(c.offset, c.offset + 6))).toBe('<Event');
    }
    expect(cutAll([DOC], 1 << 20, 3)[0]!.offset).toBe(3 + new TextEncoder().encode(DOC.slice(0, DOC.indexOf(E1))).length);
  });

  it('gives the same events whatever the pieces the text comes in', () => {
    const whole = cutAll([DOC]);
    for (let size = 1; size <= 12; size++) {
      const pieces: string[] = [];
      for (let i = 0; i < DOC.length; i += size) pieces.push(DOC.slice(i, i + size));
      expect(cutAll(pieces), `pieces of ${size}`).toEqual(whole);
    }
    for (let at = 0; at <= DOC.length; at++) expect(cutAll([DOC.slice(0, at), DOC.slice(at)]), `split at ${at}`).toEqual(whole);
  });

  it('reports an event without </Event> before the next one, and reads the next one', () => {
    const cuts = cutAll(['<Event><System>', E1]);
    expect(cuts.map((c) => c.kind)).toEqual(['unclosed', 'event']);
    expect(cuts[1]!.offset).toBe('<Event><System>'.length);
  });

  it('reports an event the input ends in', () => {
    expect(cutAll([E1, '<Event><System>']).map((c) => c.kind)).toEqual(['event', 'truncated']);
  });

  it('skips an event longer than the bound, without holding it, and reads on', () => {
    const big = `<Event><Data>${'x'.repeat(5000)}</Data></Event>`;
    const pieces = [E1];
    for (let i = 0; i < big.length; i += 100) pieces.push(big.slice(i, i + 100));
    pieces.push(E2);
    const cuts = cutAll(pieces, 1000);
    expect(cuts.map((c) => c.kind)).toEqual(['event', 'oversized', 'event']);
    expect(cuts[1]!.offset).toBe(utf8Length(E1, 0, E1.length));
    expect(cuts[2]!.offset).toBe(utf8Length(E1, 0, E1.length) + big.length);
  });

  it('ignores stray end tags and text between events', () => {
    expect(cutAll([`junk </Event> more ${E1} </Event>trailing`]).map((c) => c.kind)).toEqual(['event']);
  });
});
