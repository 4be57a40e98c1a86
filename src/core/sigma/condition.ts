import { SigmaCompileError } from './modifiers';

/**
 * Sigma conditions: identifiers, `and`, `or`, `not`, parentheses, and `1 of X` / `any of X` /
 * `all of X` / `N of X` where X is an identifier, a pattern with `*`, or `them`. Precedence, from
 * the loosest: or, and, not. Keywords are case-insensitive. Aggregations after `|` (Sigma 1's
 * `count() by …`) are refused: Sigma 2 writes them as correlation rules.
 */
export type ConditionNode =
  | { k: 'id'; name: string }
  | { k: 'and'; items: ConditionNode[] }
  | { k: 'or'; items: ConditionNode[] }
  | { k: 'not'; item: ConditionNode }
  | { k: 'of'; count: number | 'all'; pattern: string };

type Token = { t: 'word'; v: string } | { t: '(' } | { t: ')' };

function tokenize(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
    else if (c === '(' || c === ')') {
      out.push({ t: c });
      i++;
    } else if (c === '|') throw new SigmaCompileError(`condition "${s}": aggregation expressions (| count() …) are not supported; use a correlation rule`);
    else {
      const m = /^[^\s()|]+/.exec(s.slice(i))!;
      out.push({ t: 'word', v: m[0] });
      i += m[0].length;
    }
  }
  return out;
}

export function parseCondition(text: string): ConditionNode {
  const tokens = tokenize(text);
  let pos = 0;
  const fail = (why: string): never => {
    throw new SigmaCompileError(`condition "${text}": ${why}`);
  };
  const peekWord = (): string | undefined => {
    const t = tokens[pos];
    return t?.t === 'word' ? t.v.toLowerCase() : undefined;
  };
  const parseOr = (): ConditionNode => {
    const items = [parseAnd()];
    while (peekWord() === 'or') {
      pos++;
      items.push(parseAnd());
    }
    return items.length === 1 ? items[0]! : { k: 'or', items };
  };
  const parseAnd = (): ConditionNode => {
    const items = [parseNot()];
    while (peekWord() === 'and') {
      pos++;
      items.push(parseNot());
    }
    return items.length === 1 ? items[0]! : { k: 'and', items };
  };
  const parseNot = (): ConditionNode => {
    if (peekWord() === 'not') {
      pos++;
      return { k: 'not', item: parseNot() };
    }
    return parseAtom();
  };
  const parseAtom = (): ConditionNode => {
    const t = tokens[pos];
    if (!t) return fail('unexpected end');
    if (t.t === '(') {
      pos++;
      const inner = parseOr();
      if (tokens[pos]?.t !== ')') fail('missing )');
      pos++;
      return inner;
    }
    if (t.t === ')') return fail('unexpected )');
    const w = t.v.toLowerCase();
    if (w === 'and' || w === 'or') return fail(`unexpected "${t.v}"`);
    const next = tokens[pos + 1];
    if (next?.t === 'word' && next.v.toLowerCase() === 'of') {
      let count: number | 'all';
      if (w === 'all') count = 'all';
      else if (w === 'any') count = 1;
      else if (/^\d+$/.test(w) && Number(w) > 0) count = Number(w);
      else return fail(`"${t.v} of": expected 1, any, all or a number`);
      const target = tokens[pos + 2];
      if (target?.t !== 'word') return fail(`"${t.v} of" needs an identifier, a pattern or them`);
      pos += 3;
      return { k: 'of', count, pattern: target.v };
    }
    pos++;
    return { k: 'id', name: t.v };
  };
  if (tokens.length === 0) fail('empty');
  const node = parseOr();
  if (pos < tokens.length) fail(`unexpected "${(tokens[pos] as { v?: string }).v ?? ')'}"`);
  return node;
}

/** Identifiers an `of` pattern names (`them`: every identifier not starting with `_`). */
export function identifiersMatching(pattern: string, identifiers: readonly string[]): string[] {
  if (pattern.toLowerCase() === 'them') return identifiers.filter((n) => !n.startsWith('_'));
  if (!pattern.includes('*')) return identifiers.filter((n) => n === pattern);
  const re = new RegExp('^' + pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return identifiers.filter((n) => re.test(n));
}
