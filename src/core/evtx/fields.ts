import { type ElementNode, type Node, NodeKind, type Scalar, type Template } from './binxml/nodes';
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
  /** False when some event data only exists inside nested BinXML values. */
  readonly complete: boolean;
}

function compile(template: Template): FieldMap {
  const sources = new Map<string, readonly Node[]>();
  let complete = true;
  const visit = (nodes: readonly Node[], path: string[]) => {
    for (const n of nodes) {
      if (n.k === NodeKind.Substitution && n.type === ValueType.BinXml) complete = false;
      if (n.k === NodeKind.TemplateInstance) complete = false;
      if (n.k !== NodeKind.Element) continue;
      visitElement(n, path);
    }
  };
  const visitElement = (el: ElementNode, path: string[]) => {
    const inSystem = path.length === 2 && path[1] === 'System';
    if (inSystem) {
      const key = `System.${el.name}`;
      if (!sources.has(key)) sources.set(key, textNodes(el));
      for (const a of el.attrs) if (!sources.has(`${key}.${a.name}`)) sources.set(`${key}.${a.name}`, a.value);
      return;
    }
    if (el.name === 'Data' && path.length >= 2) {
      const nameAttr = el.attrs.find((a) => a.name === 'Name');
      const nameNode = nameAttr?.value.length === 1 ? nameAttr.value[0] : undefined;
      if (nameNode?.k === NodeKind.Text) {
        if (!sources.has(nameNode.text)) sources.set(nameNode.text, textNodes(el));
      } else if (nameAttr) complete = false;
      visit(el.children, [...path, el.name]);
      return;
    }
    const hasElements = el.children.some((c) => c.k === NodeKind.Element);
    if (!hasElements && path.length >= 2 && path[1] !== 'System' && !sources.has(el.name)) sources.set(el.name, textNodes(el));
    visit(el.children, [...path, el.name]);
  };
  visit(template.nodes, []);
  return { sources, complete };
}

function textNodes(el: ElementNode): readonly Node[] {
  return el.children.filter((c) => c.k !== NodeKind.Element);
}

/** Reads the named fields of a record (see the naming above). Missing fields are left undefined. */
export function readFields(nodes: readonly Node[], names: readonly string[]): FieldRecord {
  const out: FieldRecord = {};
  const only = nodes.length === 1 ? nodes[0] : undefined;
  let missing = false;
  if (only?.k === NodeKind.TemplateInstance) {
    const t = only.template;
    const map = (t.fieldMap ??= compile(t)) as FieldMap;
    for (const name of names) {
      const src = map.sources.get(name);
      if (src) {
        const v = textValue(src, only.args);
        out[name] = v === undefined ? null : v;
      } else if (!map.complete) missing = true;
    }
    if (!missing) return out;
  }
  const flat = flattenJson(renderJson(nodes));
  for (const name of names) if (out[name] === undefined && name in flat) out[name] = flat[name];
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
      if (k === '#attributes') continue;
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
  const only = nodes.length === 1 ? nodes[0] : undefined;
  if (only?.k === NodeKind.TemplateInstance) {
    const map = (only.template.fieldMap ??= compile(only.template)) as FieldMap;
    if (map.complete) return [...map.sources.keys()].filter((k) => !k.startsWith('System.'));
  }
  return Object.keys(flattenJson(renderJson(nodes))).filter((k) => !k.startsWith('System.'));
}
