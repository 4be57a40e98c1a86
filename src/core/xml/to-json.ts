import type { JsonObject, JsonValue } from '../evtx';
import { decodeEntities } from './entities';

/** fast-xml-parser's `preserveOrder` output: `{ [tag]: children, ':@'?: attributes }`, `{ '#text': s }`, `{ '#cdata': [{ '#text': s }] }`. */
export type OrderedNode = { [key: string]: OrderedNode[] | string | Record<string, string> | undefined };

export const TEXT = '#text';
export const CDATA = '#cdata';
const ATTRIBUTES = ':@';

function tagOf(node: OrderedNode): string {
  for (const k in node) if (k !== ATTRIBUTES) return k;
  return '';
}

/**
 * Maps parsed elements to the JSON shape of evtx_dump (and of renderJson in ../evtx/render/json.ts,
 * whose rules this follows): elements become keys, attributes go under "#attributes", text is the
 * value or "#text" next to attributes, `<Data Name="X">` becomes key X (its other attributes are
 * dropped), unnamed Data collect under Data."#text", repeated names get "_1", "_2" suffixes, and
 * empty ordinary elements are null. XML cannot tell null from "": an empty `<Data Name="X">` is "".
 * Whitespace-only text next to child elements is layout and is dropped; other text is kept as is.
 * Every value is a string: typing System's fields is the caller's business (see system.ts).
 */
export function elementsToJson(nodes: readonly OrderedNode[]): JsonObject {
  const root: JsonObject = {};
  for (const n of nodes) {
    const tag = tagOf(n);
    if (tag !== TEXT && tag !== CDATA) element(n, tag, root);
  }
  return root;
}

/** Sets an own property, even one named `__proto__` (a Data Name is data, and must not reach the prototype). */
function put(obj: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

function freeKey(parent: JsonObject, name: string): string {
  if (!Object.hasOwn(parent, name)) return name;
  for (let i = 1; ; i++) if (!Object.hasOwn(parent, `${name}_${i}`)) return `${name}_${i}`;
}

/**
 * A copy of `s` that does not share memory with the text it was cut from. Engines (V8 among them)
 * make substrings as views into their parent string: a value kept by the caller (a Computer name in
 * a table row) would keep alive the whole slice of file it was read from, and memory would grow
 * with the file. Concatenating makes a new string, which slicing flattens into its own copy.
 * Strings under 13 characters are always copied by V8 anyway.
 */
function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

function isObject(v: JsonValue | undefined): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function element(node: OrderedNode, name: string, parent: JsonObject): void {
  const children = node[name] as OrderedNode[];
  const attrs = node[ATTRIBUTES] as Record<string, string> | undefined;
  let attributes: JsonObject | null = null;
  let dataName: string | null = null;
  if (attrs) {
    for (const a of Object.keys(attrs)) {
      const v = own(decodeEntities(attrs[a]!));
      if (name === 'Data' && a === 'Name') dataName = v;
      put((attributes ??= {}), a, v);
    }
  }
  if (name === 'Data' && dataName === null) return unnamedData(children, parent);

  const key = freeKey(parent, dataName ?? name);
  let slot: JsonValue = dataName === null && attributes ? { '#attributes': attributes } : null;
  put(parent, key, slot);

  let text = '';
  let nested = false;
  for (const c of children) {
    const tag = tagOf(c);
    if (tag === TEXT) text += decodeEntities(c[TEXT] as string);
    else if (tag === CDATA) text += cdataText(c);
    else {
      nested = true;
      if (!isObject(slot)) put(parent, key, (slot = {}));
      element(c, tag, slot);
    }
  }
  if (nested && text.trim() === '') text = '';
  // evtx_dump keeps "" for <Data Name="X"> but writes an empty ordinary element as null.
  if (text === '' && dataName === null) return;
  if (slot === null) put(parent, key, own(text));
  else if (isObject(slot)) slot[TEXT] = own(text);
}

/** `<Data>` without a Name (classic events): the texts are collected, in order, under Data."#text". */
function unnamedData(children: readonly OrderedNode[], parent: JsonObject): void {
  let item = '';
  for (const c of children) {
    const tag = tagOf(c);
    if (tag === TEXT) item += decodeEntities(c[TEXT] as string);
    else if (tag === CDATA) item += cdataText(c);
  }
  item = own(item);
  let data = parent['Data'];
  if (!isObject(data)) parent['Data'] = data = {};
  const prev = data[TEXT];
  if (prev === undefined) data[TEXT] = item;
  else if (Array.isArray(prev)) prev.push(item);
  else data[TEXT] = [prev, item];
}

/** CDATA is literal: no entity decoding. */
function cdataText(node: OrderedNode): string {
  let s = '';
  for (const t of node[CDATA] as OrderedNode[]) s += (t[TEXT] as string | undefined) ?? '';
  return s;
}
