import { describe, expect, it } from 'vitest';
import { prettyJson } from './pretty-json';

describe('prettyJson', () => {
  it('indents like JSON.stringify(…, 2)', () => {
    const value = { a: 1, b: [1, 2, { c: 'x,y:{z}', d: [] }], e: {}, f: null, g: 'quote " and \\ backslash', h: true };
    expect(prettyJson(JSON.stringify(value))).toBe(JSON.stringify(value, null, 2));
  });

  it('keeps every digit of 64-bit integers', () => {
    expect(prettyJson('{"Keywords":18446744073709551615}')).toBe('{\n  "Keywords": 18446744073709551615\n}');
  });

  it('leaves escaped quotes inside strings alone', () => {
    expect(prettyJson('["a\\"]",1]')).toBe('[\n  "a\\"]",\n  1\n]');
  });
});
