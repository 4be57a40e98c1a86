import { describe, expect, it } from 'vitest';
import { en, format, ja } from './messages';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('UI strings', () => {
  it('Japanese has every English key, none empty, with the same placeholders', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    for (const [k, v] of Object.entries(en)) {
      const j = ja[k as keyof typeof en];
      expect(j.trim(), k).not.toBe('');
      expect(placeholders(j), k).toEqual(placeholders(v));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('Page {page} of {pages}', { page: 2, pages: 5 })).toBe('Page 2 of 5');
    expect(format('{a} and {b}', { a: 'x' })).toBe('x and {b}');
    expect(format('{name}', { name: '{pages}' })).toBe('{pages}');
  });
});
