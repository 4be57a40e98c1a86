import { describe, expect, it } from 'vitest';
import { AhoCorasick } from './prefilter';
import { SkipScanner } from './skip-scan';

/** Deterministic pseudo-random numbers (no timing, no flakiness). */
function random(seed: number) {
  return (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
}

describe('skip scanner', () => {
  it('takes only long ASCII lower-case patterns', () => {
    expect(SkipScanner.fits(['sekurlsa::', 'lsadump::'])).toBe(true);
    expect(SkipScanner.fits(['abc'])).toBe(false);
    expect(SkipScanner.fits(['Sekurlsa::'])).toBe(false);
    expect(SkipScanner.fits(['café'])).toBe(false);
    expect(SkipScanner.fits([])).toBe(false);
  });

  it('finds what includes() finds in the lower-cased text, U+0130 and the Kelvin sign included', () => {
    const rnd = random(11);
    const letters = ['a', 'b', 'k', 'i', ':', '\\', '.', ' '];
    const units = [...letters, 'A', 'K', 'I', '\u0130', '\u212a', '\ud800', '\u00e9', '\u0307'];
    const word = (n: number, from: readonly string[]) => Array.from({ length: n }, () => from[rnd(from.length)]).join('');
    for (let trial = 0; trial < 5000; trial++) {
      const patterns = Array.from({ length: 1 + rnd(8) }, () => word(4 + rnd(5), letters));
      const sk = new SkipScanner(patterns);
      const text = word(rnd(60), units);
      const lower = text.toLowerCase();
      const want = patterns.flatMap((p, i) => (lower.includes(p) ? [i] : []));
      const got = new Set<number>();
      const u = Uint16Array.from(text, (c) => c.charCodeAt(0));
      sk.scanUnits(u, 0, u.length, (id) => got.add(id));
      expect([...got].sort(), `${JSON.stringify(patterns)} in ${JSON.stringify(text)}`).toEqual(want.sort());
      // Within a larger array: only [from, to) is read.
      const framed = Uint16Array.from(`kiwi${text}kiwi`, (c) => c.charCodeAt(0));
      const inFrame = new Set<number>();
      sk.scanUnits(framed, 4, 4 + text.length, (id) => inFrame.add(id));
      expect([...inFrame].sort()).toEqual(want.sort());
      // As UTF-16LE bytes in place, at an even or an odd offset.
      for (const pad of [0, 1]) {
        const bytes = new Uint8Array(pad + 2 * text.length);
        bytes.set(Buffer.from(text, 'utf16le'), pad);
        const inBytes = new Set<number>();
        sk.scanBytes(bytes, pad, text.length, (id) => inBytes.add(id));
        expect([...inBytes].sort()).toEqual(want.sort());
      }
    }
  });

  it('is what the prefilter automaton uses for long patterns, with the same results', () => {
    const patterns = ['sekurlsa::', 'lsadump::', 'gentilkiwi.com', '\\mimilib.dll', 'kiwi legit printer'];
    const ac = new AhoCorasick(patterns);
    const found: number[] = [];
    ac.scanFolded('C:\\Tools\\MIMILIB.DLL and SEKURLSA::logonpasswords by gentilkiwi.com', (id) => found.push(id));
    expect(found.sort()).toEqual([0, 2, 3]);
    const bytes = new Uint8Array(Buffer.from('x\u212aiwi Legit Printer', 'utf16le'));
    const inPlace: number[] = [];
    ac.scanUtf16(bytes, 2, bytes.length / 2 - 1, (id) => inPlace.push(id));
    expect(inPlace).toEqual([4]);
  });
});
