/**
 * Sigma strings: plain text with the wildcards `*` (any run of characters) and `?` (one character).
 * A backslash escapes `*`, `?` and itself (`\*`, `\?`, `\\`); before any other character it is a
 * plain backslash, so Windows paths need no escaping except before a wildcard: `C:\Windows\` is the
 * folder, `C:\Windows\\*` the folder then anything, and `C:\Windows\*` the text `C:\Windows*`
 * (as the specification and pySigma read it).
 *
 * A pattern is compiled once to the cheapest test that decides it: equality, startsWith, endsWith,
 * includes, an ordered run of includes for several `*`, and a RegExp only when `?` appears.
 */

export const ANY = 0; // `*`
export const ONE = 1; // `?`
/** A Sigma string: text runs and wildcards, in order. Adjacent text runs are always merged. */
export type Part = string | typeof ANY | typeof ONE;

export function parseSigmaString(s: string): Part[] {
  const parts: Part[] = [];
  let text = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\') {
      const n = s[i + 1];
      if (n === '*' || n === '?' || n === '\\') {
        text += n;
        i++;
      } else text += c;
    } else if (c === '*' || c === '?') {
      if (text) parts.push(text);
      text = '';
      parts.push(c === '*' ? ANY : ONE);
    } else text += c;
  }
  if (text) parts.push(text);
  return parts;
}

/** Merges adjacent text and collapses runs of `*`. */
export function normalizeParts(parts: readonly Part[]): Part[] {
  const out: Part[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (typeof p === 'string') {
      if (p === '') continue;
      if (typeof last === 'string') out[out.length - 1] = last + p;
      else out.push(p);
    } else if (p === ANY && last === ANY) continue;
    else out.push(p);
  }
  return out;
}

export const hasWildcards = (parts: readonly Part[]): boolean => parts.some((p) => typeof p !== 'string');
export const plainText = (parts: readonly Part[]): string => parts.map((p) => (typeof p === 'string' ? p : p === ANY ? '*' : '?')).join('');

/** Writes parts back as a Sigma string (escaping literal wildcards and backslashes before them). */
export function partsToSigma(parts: readonly Part[]): string {
  return parts.map((p) => (p === ANY ? '*' : p === ONE ? '?' : p.replace(/[*?]/g, '\\$&').replace(/\\(?=\\|$)/g, '\\\\'))).join('');
}

export type StringTest = (s: string) => boolean;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * A test for a pattern. With `lower`, the pattern's text is lower-cased and the test expects
 * lower-cased input (the caller lower-cases each event value once, whatever the number of rules).
 */
export function compileParts(input: readonly Part[], lower: boolean): StringTest {
  const parts = normalizeParts(input.map((p) => (typeof p === 'string' && lower ? p.toLowerCase() : p)));
  if (parts.length === 0) return (s) => s === '';
  if (parts.includes(ONE)) {
    const re = new RegExp('^' + parts.map((p) => (p === ANY ? '[\\s\\S]*' : p === ONE ? '[\\s\\S]' : escapeRegExp(p))).join('') + '$');
    return (s) => re.test(s);
  }
  const texts = parts.filter((p): p is string => typeof p === 'string');
  const starAtStart = parts[0] === ANY;
  const starAtEnd = parts[parts.length - 1] === ANY;
  if (texts.length === 0) return () => true; // `*`
  if (texts.length === 1) {
    const t = texts[0]!;
    if (!starAtStart && !starAtEnd) return (s) => s === t;
    if (starAtStart && starAtEnd) return (s) => s.includes(t);
    if (starAtEnd) return (s) => s.startsWith(t);
    return (s) => s.endsWith(t);
  }
  if (texts.length === 2 && !starAtStart && !starAtEnd) {
    const [a, b] = texts as [string, string];
    const min = a.length + b.length;
    return (s) => s.length >= min && s.startsWith(a) && s.endsWith(b);
  }
  // General glob of `*` only: anchored ends, then the middle texts in order, leftmost first.
  const head = starAtStart ? '' : texts[0]!;
  const tail = starAtEnd ? '' : texts[texts.length - 1]!;
  const middle = texts.slice(starAtStart ? 0 : 1, starAtEnd ? texts.length : texts.length - 1);
  return (s) => {
    if (head && !s.startsWith(head)) return false;
    let at = head.length;
    const end = s.length - tail.length;
    if (end < at) return false;
    for (const m of middle) {
      const i = s.indexOf(m, at);
      if (i < 0 || i + m.length > end) return false;
      at = i + m.length;
    }
    return !tail || s.endsWith(tail);
  };
}
