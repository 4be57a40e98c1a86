import { type ElementNode, type Node, NodeKind, type Scalar, type Substitutions } from '../binxml/nodes';
import { RenderBudget, textSize } from './budget';
import { attributeValue, isFragment, onlyAbsentOptionals, scalarText, textValue, walkElements } from './content';

/**
 * Writes a record straight to evtx_dump-style JSON text, with the same rules as renderJson
 * (json.ts) but without building objects first, which is what `dump` and exports need. It also
 * keeps keys in document order where a JS object would move integer-like keys (a
 * `<Data Name="1">`) to the front. json-compiled.ts speeds up the common case on top of this.
 */
export function renderJsonTextGeneric(nodes: readonly Node[]): string {
  const root = new Obj();
  walk(nodes, null, root, new RenderBudget());
  return root.text();
}

/** One JSON object under construction: keys in insertion order, values already as JSON text. */
class Obj {
  readonly keys: string[] = [];
  readonly values: (string | string[])[] = [];
  private taken: Set<string> | null = null;
  private nextSuffix: Map<string, number> | null = null;

  has(key: string): boolean {
    if (this.keys.length < 8) return this.keys.includes(key);
    this.taken ??= new Set(this.keys);
    return this.taken.has(key);
  }
  add(key: string, value: string | string[]): void {
    this.keys.push(key);
    this.values.push(value);
    this.taken?.add(key);
  }
  /** "name", or "name_1", "name_2"… when taken (evtx_dump's rule for repeated elements). */
  freeKey(name: string): string {
    if (!this.has(name)) return name;
    this.nextSuffix ??= new Map();
    for (let i = this.nextSuffix.get(name) ?? 1; ; i++) {
      if (!this.has(`${name}_${i}`)) {
        this.nextSuffix.set(name, i + 1);
        return `${name}_${i}`;
      }
    }
  }
  get size(): number {
    return this.keys.length;
  }
  text(): string {
    let s = '{';
    for (let i = 0; i < this.keys.length; i++) {
      if (i) s += ',';
      const v = this.values[i]!;
      // A string[] is the "#text" list of unnamed <Data> elements.
      s += jsonString(this.keys[i]!) + ':' + (typeof v === 'string' ? v : `{"#text":${v.length === 1 ? v[0] : `[${v.join(',')}]`}}`);
    }
    return s + '}';
  }
}

const ESCAPES = Array.from({ length: 93 }, (_, c) =>
  c === 34 ? '\\"' : c === 92 ? '\\\\' : c === 8 ? '\\b' : c === 9 ? '\\t' : c === 10 ? '\\n' : c === 12 ? '\\f' : c === 13 ? '\\r' : c < 32 ? `\\u${c.toString(16).padStart(4, '0')}` : '',
);

/**
 * A JSON string literal, as JSON.stringify writes it. Decoded values hold no lone surrogates (they
 * become U+FFFD), but a character reference can make one: escaped as JSON.stringify does, so that
 * the text survives encoding to UTF-8. JSON.stringify costs ~150 ns per call in V8, which
 * dominated the writer; most values need no escaping at all.
 */
export function jsonString(s: string): string {
  let out = '"';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 32 && c !== 34 && c !== 92 && (c < 0xd800 || c > 0xdfff)) continue;
    if (c >= 0xd800) {
      // A surrogate: a well-formed pair stays as it is.
      if (c < 0xdc00 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        i++;
        continue;
      }
      out += s.slice(last, i) + `\\u${c.toString(16)}`;
    } else out += s.slice(last, i) + ESCAPES[c];
    last = i + 1;
  }
  return last === 0 ? `"${s}"` : `${out}${s.slice(last)}"`;
}

function jsonScalar(v: Scalar): string {
  switch (typeof v) {
    case 'string':
      return jsonString(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      return 'null';
  }
}

export function jsonValue(v: Scalar | Scalar[]): string {
  return Array.isArray(v) ? `[${v.map(jsonScalar).join(',')}]` : jsonScalar(v);
}

function walk(nodes: readonly Node[], args: Substitutions | null, parent: Obj, budget: RenderBudget): void {
  walkElements(nodes, args, parent, budget, element);
}



function element(el: ElementNode, args: Substitutions | null, parent: Obj, budget: RenderBudget): void {
  const isData = el.name === 'Data';
  let chars = 0;
  let attrNames: string[] | null = null;
  let attrValues: string[] | null = null;
  let dataName: string | null = null;
  for (const a of el.attrs) {
    const v = attributeValue(a, args);
    chars += a.name.length + textSize(v);
    if (isData && a.name === 'Name') dataName = scalarText(Array.isArray(v) ? v.join(',') : v);
    if (v === null) continue;
    attrNames ??= [];
    attrValues ??= [];
    // A repeated attribute name overwrites in place, as assignment into an object does in renderJson.
    const at = attrNames.indexOf(a.name);
    if (at >= 0) attrValues[at] = jsonValue(v);
    else {
      attrNames.push(a.name);
      attrValues.push(jsonValue(v));
    }
  }
  budget.spend(el.attrs.length + el.children.length, chars);
  if (isData && dataName === null) return unnamedData(el, args, parent, budget);
  if (!attrNames && onlyAbsentOptionals(el, args)) return;

  const key = parent.freeKey(dataName ?? el.name);
  let obj: Obj | null = null;
  if (dataName === null && attrNames) {
    obj = new Obj();
    let text = '{';
    for (let i = 0; i < attrNames.length; i++) text += (i ? ',' : '') + jsonString(attrNames[i]!) + ':' + attrValues![i];
    obj.add('#attributes', text + '}');
  }
  for (const c of el.children) {
    if (c.k === NodeKind.Element || c.k === NodeKind.TemplateInstance || isFragment(c, args)) walk([c], args, (obj ??= new Obj()), budget);
  }
  // textValue passes over elements, template instances and BinXML values: what is left is the text.
  const value = textValue(el.children, args);
  budget.spend(0, key.length + textSize(value));
  const hasObject = obj !== null && obj.size > 0;
  if (value === undefined || (value === '' && dataName === null)) parent.add(key, hasObject ? obj!.text() : 'null');
  else if (!hasObject) parent.add(key, jsonValue(value));
  else {
    if (value !== null) obj!.add('#text', jsonValue(value));
    parent.add(key, obj!.text());
  }
}

/** `<Data>` without a Name (classic events): the texts are collected under Data."#text". */
function unnamedData(el: ElementNode, args: Substitutions | null, parent: Obj, budget: RenderBudget): void {
  if (onlyAbsentOptionals(el, args)) return;
  const value = textValue(el.children, args);
  budget.spend(0, textSize(value));
  // An array value stands for one <Data> per item (evtx_dump expands it the way Event Viewer does).
  const items = Array.isArray(value) ? value.map(jsonScalar) : [value === undefined ? '""' : jsonScalar(value)];
  if (items.length === 0) return;
  const at = parent.keys.indexOf('Data');
  const existing = at >= 0 ? parent.values[at] : undefined;
  if (Array.isArray(existing)) existing.push(...items);
  else if (at >= 0) parent.values[at] = items;
  else parent.add('Data', items);
}
