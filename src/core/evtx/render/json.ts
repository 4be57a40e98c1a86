import { type ElementNode, type Node, NodeKind, type Scalar, type Substitutions } from '../binxml/nodes';
import { RenderBudget, textSize } from './budget';
import { attributeValue, isFragment, onlyAbsentOptionals, scalarText, textValue, walkElements } from './content';

export type JsonValue = Scalar | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/**
 * Renders a record to the JSON shape of the Rust `evtx` crate's `evtx_dump -o json(l)`:
 * elements become keys; attributes go under "#attributes" (null ones dropped); text becomes the
 * value, or "#text" next to attributes; `<Data Name="X">` becomes key X; repeated names get
 * "_1", "_2" suffixes. Values keep their types (numbers, booleans, exact 64-bit integers).
 */
export function renderJson(nodes: readonly Node[]): JsonObject {
  const root = emptyObject();
  walk(nodes, null, root, new RenderBudget());
  return root;
}

/**
 * Objects without a prototype: keys come from the log (a `<Data Name="__proto__">` or "toString"),
 * and on a plain object those would hit Object.prototype instead of becoming keys.
 */
function emptyObject(): JsonObject {
  return Object.create(null) as JsonObject;
}

function walk(nodes: readonly Node[], args: Substitutions | null, parent: JsonObject, budget: RenderBudget): void {
  walkElements(nodes, args, parent, budget, element);
}

/**
 * Next suffix to try, per object and name. Keys are never removed, so every smaller suffix is taken:
 * starting there keeps the same keys as scanning from _1, which was quadratic (6,000 siblings: 3.5 s).
 */
const nextSuffix = new WeakMap<JsonObject, Map<string, number>>();

function freeKey(parent: JsonObject, name: string): string {
  if (!(name in parent)) return name;
  let next = nextSuffix.get(parent);
  if (!next) nextSuffix.set(parent, (next = new Map()));
  for (let i = next.get(name) ?? 1; ; i++) {
    if (!(`${name}_${i}` in parent)) {
      next.set(name, i + 1);
      return `${name}_${i}`;
    }
  }
}

function element(el: ElementNode, args: Substitutions | null, parent: JsonObject, budget: RenderBudget): void {
  // Attributes and children are each looked at below, even when the element is then left out.
  budget.spend(el.attrs.length + el.children.length, 0);
  let attributes: JsonObject | null = null;
  let dataName: string | null = null;
  for (const a of el.attrs) {
    const v = attributeValue(a, args);
    budget.spend(0, a.name.length + textSize(v));
    if (el.name === 'Data' && a.name === 'Name') dataName = scalarText(Array.isArray(v) ? v.join(',') : v);
    if (v === null) continue;
    (attributes ??= emptyObject())[a.name] = v;
  }

  if (el.name === 'Data' && dataName === null) return unnamedData(el, args, parent, budget);

  if (!attributes && onlyAbsentOptionals(el, args)) return;
  const key = freeKey(parent, dataName ?? el.name);
  budget.spend(0, key.length);
  let slot: JsonValue = dataName === null && attributes ? Object.assign(emptyObject(), { '#attributes': attributes }) : null;
  parent[key] = slot;

  const text: Node[] = [];
  for (const c of el.children) {
    if (c.k === NodeKind.Element || c.k === NodeKind.TemplateInstance || isFragment(c, args)) {
      const obj: JsonObject = slot !== null && typeof slot === 'object' && !Array.isArray(slot) ? slot : emptyObject();
      walk([c], args, obj, budget);
      // An element whose children all vanished (absent optional values) stays null, as in evtx_dump.
      if (obj !== slot && Object.keys(obj).length > 0) parent[key] = slot = obj;
    } else text.push(c);
  }
  const value = textValue(text, args);
  budget.spend(0, textSize(value));
  // evtx_dump keeps "" for <Data Name="X"> but writes an empty ordinary element as null.
  if (value === undefined || (value === '' && dataName === null)) return;
  if (slot === null) parent[key] = value;
  else if (typeof slot === 'object' && !Array.isArray(slot) && value !== null) slot['#text'] = value;
}

/** `<Data>` without a Name (classic events): the texts are collected under Data."#text". */
function unnamedData(el: ElementNode, args: Substitutions | null, parent: JsonObject, budget: RenderBudget): void {
  if (onlyAbsentOptionals(el, args)) return;
  const value = textValue(el.children, args);
  budget.spend(0, textSize(value));
  // An array value stands for one <Data> per item (evtx_dump expands it the way Event Viewer does).
  const items: JsonValue[] = Array.isArray(value) ? value : [value === undefined ? '' : value];
  if (items.length === 0) return;
  let data = parent['Data'];
  if (data === null || typeof data !== 'object' || Array.isArray(data)) parent['Data'] = data = emptyObject();
  for (const item of items) {
    const prev = data['#text'];
    if (prev === undefined) data['#text'] = item;
    else if (textLists.has(data)) (prev as JsonValue[]).push(item);
    else {
      data['#text'] = [prev, item];
      textLists.add(data);
    }
  }
}

/** "#text" objects that already hold a list of several Data, so an array value is not mistaken for one. */
const textLists = new WeakSet<JsonObject>();



/** JSON text with 64-bit integers written exactly (JSON.stringify cannot write BigInt). */
export function stringifyJson(value: JsonValue): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? { __bigint__: v.toString() } : v)).replace(
    /\{"__bigint__":"(-?\d+)"\}/g,
    '$1',
  );
}
