import { type ElementNode, type Node, NodeKind, type Scalar, type Template, type TemplateInstanceNode } from './binxml/nodes';
import { ValueType } from './binxml/values';
import { textValue } from './render/content';
import { type JsonObject, type JsonValue, renderJson } from './render/json';

/**
 * The analysis fast path. Field names:
 * - `System.<Element>` for the text of a System child (`System.EventID`, `System.Computer`, `System.Channel`),
 *   `System.<Element>.<Attribute>` for its attributes (`System.Provider.Name`, `System.TimeCreated.SystemTime`);
 * - the bare name for event data: `<Data Name="X">` gives `X`, and UserData leaf elements give their element name.
 *
 * Each template is compiled once per chunk into a map from field name to the nodes that hold its value
 * (usually one substitution), so a field is read straight from the substitution array without
 * building the record. Records that are not a single template instance, or whose event data is BinXML
 * nested in a value, fall back to rendering JSON and flattening it the same way.
 */
export type FieldValue = Scalar | Scalar[];
export type FieldRecord = Record<string, FieldValue | undefined>;

interface FieldMap {
  readonly sources: Map<string, readonly Node[]>;
  /** Fields from ordinary elements, where an empty text is null (as in the JSON; <Data> keeps ""). */
  readonly emptyIsNull: Set<string>;
  /** Substitutions holding BinXML (Security logs keep EventData there): searched next, with their own maps. */
  readonly nested: readonly number[];
  /** False when some fields can only be found by rendering (e.g. a Data Name given by a substitution). */
  readonly complete: boolean;
}

function compile(template: Template): FieldMap {
  const sources = new Map<string, readonly Node[]>();
  const emptyIsNull = new Set<string>();
  const nested: number[] = [];
  let complete = true;
  const visit = (nodes: readonly Node[], path: string[]) => {
    for (const n of nodes) {
      if (n.k === NodeKind.Substitution && n.type === ValueType.BinXml) nested.push(n.index);
      else if (n.k === NodeKind.TemplateInstance) complete = false;
      else if (n.k === NodeKind.Element) visitElement(n, path);
    }
  };
  const visitElement = (el: ElementNode, path: string[]) => {
    const inSystem = path.length === 2 && path[1] === 'System';
    if (inSystem) {
      const key = `System.${el.name}`;
      if (!sources.has(key)) sources.set(key, textNodes(el));
      emptyIsNull.add(key);
      for (const a of el.attrs) if (!sources.has(`${key}.${a.name}`)) sources.set(`${key}.${a.name}`, a.value);
      return;
    }
    if (el.name === 'Data' && path.length >= 1) {
      const nameAttr = el.attrs.find((a) => a.name === 'Name');
      const nameNode = nameAttr?.value.length === 1 ? nameAttr.value[0] : undefined;
      if (nameNode?.k === NodeKind.Text) {
        if (!sources.has(nameNode.text)) sources.set(nameNode.text, textNodes(el));
      } else if (nameAttr) complete = false;
      visit(el.children, [...path, el.name]);
      return;
    }
    const hasElements = el.children.some((c) => c.k === NodeKind.Element);
    // UserData leaves: below Event/X in a record's template, or anywhere in a template nested in a value.
    const deepEnough = path[0] === 'Event' ? path.length >= 2 : path.length >= 1;
    if (!hasElements && deepEnough && path[1] !== 'System' && !sources.has(el.name)) {
      sources.set(el.name, textNodes(el));
      emptyIsNull.add(el.name);
    }
    visit(el.children, [...path, el.name]);
  };
  visit(template.nodes, []);
  return { sources, emptyIsNull, nested, complete };
}

function textNodes(el: ElementNode): readonly Node[] {
  return el.children.filter((c) => c.k !== NodeKind.Element);
}

function fieldMapOf(template: Template): FieldMap {
  return (template.fieldMap ??= compile(template)) as FieldMap;
}

/** The template instance that is a whole fragment, if it is one. */
export function soleInstance(nodes: readonly Node[]): TemplateInstanceNode | undefined {
  const only = nodes.length === 1 ? nodes[0] : undefined;
  return only?.k === NodeKind.TemplateInstance ? only : undefined;
}

/** How to read a list of names from one template: resolved once per (template, names list). */
export interface Plan {
  /** Per name: the nodes holding its value here, or null when it is not in this template. */
  readonly sources: (readonly Node[] | null)[];
  /** Per name: the index of the substitution that alone holds its value (the common case), or -1. */
  readonly single: Int32Array;
  readonly emptyIsNull: boolean[];
  /** Per name with a single source: whether that substitution is optional (then "" means absent). */
  readonly optional: boolean[];
  /** Per name: true when its nodes hold no substitution (text fixed by the template, e.g. System.Computer). */
  readonly fixed: boolean[];
  /**
   * The same for the names this template holds, packed for `record-fields.ts`: per name its index,
   * its single substitution (or -1) and DIRECT_* flags, three numbers each.
   */
  readonly direct: Int32Array;
  /** Indices of the names this template holds. */
  readonly here: number[];
  readonly map: FieldMap;
}

export const DIRECT_OPTIONAL = 1;
export const DIRECT_EMPTY_IS_NULL = 2;
export const DIRECT_FIXED = 4;

const plans = new WeakMap<Template, Map<readonly string[], Plan>>();
/** Real callers use a handful of names lists; beyond this the cache is restarted. */
const MAX_PLANS_PER_TEMPLATE = 32;

/** The two names lists last read from a template, and their plans (`lastPlan`). */
interface RecentPlans {
  readonly names: readonly string[];
  readonly plan: Plan;
  readonly names2: readonly string[] | null;
  readonly plan2: Plan | null;
}

export function planFor(template: Template, names: readonly string[]): Plan {
  // Nearly every caller passes one names array: a cache on the template comes first. Two entries,
  // not one: the Sigma scan reads a record's head fields and then its rules' fields from the same
  // template, and with one entry each read evicted the other (two map lookups per read instead).
  const last = template.lastPlan as RecentPlans | undefined;
  if (last?.names === names) return last.plan;
  if (last?.names2 === names) return last.plan2!;
  const plan = planForSlow(template, names);
  template.lastPlan = { names, plan, names2: last?.names ?? null, plan2: last?.plan ?? null } satisfies RecentPlans;
  return plan;
}

function planForSlow(template: Template, names: readonly string[]): Plan {
  let byNames = plans.get(template);
  if (!byNames) plans.set(template, (byNames = new Map()));
  let plan = byNames.get(names);
  // Keyed by array identity, and templates now live on in the cross-chunk cache: a caller passing a
  // fresh array per record (recordRow) added a plan per record for good (~1.2 KB each, without bound).
  if (!plan && byNames.size >= MAX_PLANS_PER_TEMPLATE) byNames.clear();
  if (!plan) {
    const map = fieldMapOf(template);
    const sources = names.map((n) => map.sources.get(n) ?? null);
    const single = Int32Array.from(sources, (src) => {
      const only = src?.length === 1 ? src[0] : undefined;
      return only?.k === NodeKind.Substitution ? only.index : -1;
    });
    const optional = sources.map((src) => {
      const only = src?.length === 1 ? src[0] : undefined;
      return only?.k === NodeKind.Substitution && only.optional;
    });
    const here = [...names.keys()].filter((i) => sources[i] !== null);
    const fixed = sources.map((src) => src !== null && !src.some((n) => n.k === NodeKind.Substitution));
    const emptyIsNull = names.map((n) => map.emptyIsNull.has(n));
    const direct = Int32Array.from(
      here.flatMap((i) => [i, single[i]!, (optional[i] ? DIRECT_OPTIONAL : 0) | (emptyIsNull[i] ? DIRECT_EMPTY_IS_NULL : 0) | (fixed[i] ? DIRECT_FIXED : 0)]),
    );
    plan = { sources, single, emptyIsNull, optional, fixed, direct, here, map };
    byNames.set(names, plan);
  }
  return plan;
}

/** Slots of the current readFieldValues call's `out` still undefined (cheaper than scanning for them). */
let remaining = 0;

/** For `record-fields.ts`, which fills the same `out` through the same plans. */
export function setRemaining(n: number): void {
  remaining = n;
}
export function getRemaining(): number {
  return remaining;
}

/**
 * Fills `out[i]` for the names this instance (or a template instance nested in its BinXML values)
 * holds. Returns false when some name may exist that only rendering can find.
 */
export function fill(instance: TemplateInstanceNode, names: readonly string[], out: (FieldValue | undefined)[], depth: number): boolean {
  const plan = planFor(instance.template, names);
  const args = instance.args;
  const here = plan.here;
  for (let h = 0; h < here.length; h++) {
    const i = here[h]!;
    if (out[i] !== undefined) continue;
    let v: FieldValue | undefined;
    const sub = plan.single[i]!;
    if (sub >= 0) {
      const raw = args.get(sub);
      if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) v = undefined; // BinXML: not text
      else if (plan.optional[i] && (raw === null || raw === '')) v = undefined;
      else v = raw as FieldValue;
    } else v = textValue(plan.sources[i]!, args);
    out[i] = v === undefined || (v === '' && plan.emptyIsNull[i]) ? null : v;
    remaining--;
  }
  let sure = plan.map.complete;
  if (remaining === 0) return sure;
  const nested = plan.map.nested;
  for (let k = 0; k < nested.length; k++) {
    const v = args.get(nested[k]!);
    if (v === null) continue;
    const inner = typeof v === 'object' && !Array.isArray(v) ? soleInstance(v.nodes) : undefined;
    if (!inner || depth > 4) sure = false;
    else if (!fill(inner, names, out, depth + 1)) sure = false;
  }
  return sure;
}

/**
 * The fast path's core: the values of `names`, in that order (undefined when the record has no
 * such field). Pass the same `names` array on every call: plans are cached per template and names
 * array. `out` may be reused between records to spare an allocation.
 */
export function readFieldValues(nodes: readonly Node[], names: readonly string[], out: (FieldValue | undefined)[] = []): (FieldValue | undefined)[] {
  // Setting an array's length, even to the same value, and fill() were ~10 % of the fast path.
  const n = names.length;
  if (out.length !== n) out.length = n;
  for (let i = 0; i < n; i++) out[i] = undefined;
  remaining = n;
  const instance = soleInstance(nodes);
  if (instance && fill(instance, names, out, 0)) return out;
  const flat = flattenJson(renderJson(nodes));
  for (let i = 0; i < names.length; i++) if (out[i] === undefined && names[i]! in flat) out[i] = flat[names[i]!];
  return out;
}

/** The same as an object keyed by name (convenient; readFieldValues spares building it). */
export function readFields(nodes: readonly Node[], names: readonly string[]): FieldRecord {
  const values = readFieldValues(nodes, names);
  const out: FieldRecord = {};
  for (let i = 0; i < names.length; i++) if (values[i] !== undefined) out[names[i]!] = values[i];
  return out;
}

/** Flattens evtx_dump-shaped JSON to the field names above (slow path, and used to test the fast one). */
export function flattenJson(json: JsonObject): FieldRecord {
  const out: FieldRecord = {};
  const event = json['Event'];
  if (!isObject(event)) return out;
  const system = event['System'];
  if (isObject(system)) {
    for (const [k, v] of Object.entries(system)) {
      if (isObject(v)) {
        if ('#text' in v) out[`System.${k}`] = v['#text'] as FieldValue;
        const attrs = v['#attributes'];
        if (isObject(attrs)) for (const [a, av] of Object.entries(attrs)) out[`System.${k}.${a}`] = av as FieldValue;
      } else out[`System.${k}`] = v as FieldValue;
    }
  }
  const leaves = (o: JsonObject) => {
    for (const [k, v] of Object.entries(o)) {
      if (k === '#attributes' || k === '#text') continue;
      if (isObject(v)) {
        if (k === 'Data' && '#text' in v) continue;
        if ('#text' in v && !(k in out)) out[k] = v['#text'] as FieldValue;
        leaves(v);
      } else if (!(k in out)) out[k] = v as FieldValue;
    }
  };
  for (const [k, v] of Object.entries(event)) if (k !== 'System' && k !== '#attributes' && isObject(v)) leaves(v);
  return out;
}

function isObject(v: JsonValue | undefined): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Names of the event-data fields of a record (everything but `System.*`), in document order. */
export function eventDataNames(nodes: readonly Node[]): string[] {
  const names: string[] = [];
  const collect = (instance: TemplateInstanceNode, depth: number): boolean => {
    const map = fieldMapOf(instance.template);
    for (const k of map.sources.keys()) if (!k.startsWith('System.')) names.push(k);
    let sure = map.complete;
    for (const index of map.nested) {
      const v = instance.args.get(index);
      if (v === null) continue;
      const inner = typeof v === 'object' && !Array.isArray(v) ? soleInstance(v.nodes) : undefined;
      sure = inner && depth < 4 ? collect(inner, depth + 1) && sure : false;
    }
    return sure;
  };
  const instance = soleInstance(nodes);
  if (instance && collect(instance, 0)) return names;
  return Object.keys(flattenJson(renderJson(nodes))).filter((k) => !k.startsWith('System.'));
}
