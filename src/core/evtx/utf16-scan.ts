import { type ElementNode, type Node, NodeKind, type Substitutions, type Template, type TemplateInstanceNode } from './binxml/nodes';
import type { FieldValue } from './fields';

/**
 * Reading a record's string values in place, for scans (the Sigma prefilter) that only need to know
 * whether some text occurs: UTF-16 values are handed over as their bytes in the chunk, so no string
 * is made for the (many) values that turn out not to matter. Everything here only reads the node
 * structures the parser built; values it cannot hand over as bytes are decoded as usual.
 */
export interface ValueVisitor {
  /** UTF-16LE code units in place: `units` of them from `bytes[offset]`, as stored (trailing NULs and all). */
  utf16(bytes: Uint8Array, offset: number, units: number): void;
  /** A value as text (ANSI strings, and the text of other values when a field is asked for). */
  text(s: string): void;
  /** When true, string values are decoded and given to `text` instead of `utf16`. */
  readonly wantsText: boolean;
  /** Optional: values of fewer UTF-16 units than this may be left out (they cannot hold what is looked for). */
  readonly minUnits?: number;
}

/** The substitution arrays the parser makes, seen from outside: their chunk bytes, descriptors and value offsets. */
interface InPlace {
  readonly ctx: { readonly bytes: Uint8Array };
  readonly descriptors: number;
  readonly offsets: readonly number[];
}

/** The arrays' chunk bytes when they have the parser's layout (checked, not assumed), else null. */
function inPlace(args: Substitutions): InPlace | null {
  const a = args as unknown as Partial<InPlace>;
  const bytes = a.ctx?.bytes;
  return bytes instanceof Uint8Array && typeof a.descriptors === 'number' && Array.isArray(a.offsets) && a.offsets.length === args.count ? (a as InPlace) : null;
}

const STRING = 0x01;
const ANSI = 0x02;
const BINXML = 0x21;

/** Hands one UTF-16 (or UTF-16 array) value to the visitor: in place when possible. */
function visitUtf16(args: Substitutions, at: InPlace | null, i: number, v: ValueVisitor): void {
  if (v.wantsText) return visitValueText(args.get(i), v);
  if (at) {
    const d = at.descriptors + 4 * i;
    const b = at.ctx.bytes;
    const size = b[d]! | (b[d + 1]! << 8);
    const o = at.offsets[i]!;
    if (o + size <= b.length) v.utf16(b, o, size >> 1);
    else visitValueText(args.get(i), v);
    return;
  }
  const raw = args.raw(i);
  v.utf16(raw, 0, raw.length >> 1);
}

/** A decoded value's text, as a field's text is made from it (lists element by element; BinXML has none). */
function visitValueText(value: unknown, v: ValueVisitor): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'string') v.text(value);
  else if (Array.isArray(value)) {
    for (const x of value) if (x !== null) v.text(typeof x === 'string' ? x : String(x));
  } else if (typeof value !== 'object') v.text(String(value));
}

function soleInstance(nodes: readonly Node[]): TemplateInstanceNode | undefined {
  const only = nodes.length === 1 ? nodes[0] : undefined;
  return only?.k === NodeKind.TemplateInstance ? only : undefined;
}

/**
 * Every string substitution value (UTF-16 and ANSI, arrays included) of a record that is one
 * template instance, BinXML nested in values included. False when the record is not one (then some
 * values may have been visited already: the caller falls back to its slow path).
 */
export function visitStringValues(nodes: readonly Node[], v: ValueVisitor): boolean {
  return visitStrings(nodes, v, 0);
}

function visitStrings(nodes: readonly Node[], v: ValueVisitor, depth: number): boolean {
  const only = soleInstance(nodes);
  if (!only || depth > 4) return false;
  const args = only.args;
  const at = inPlace(args);
  if (at !== null && !v.wantsText) {
    // The common case, read straight from the descriptors: type and size of each value.
    const b = at.ctx.bytes;
    const offsets = at.offsets;
    const minBytes = 2 * (v.minUnits ?? 0);
    for (let i = 0, d = at.descriptors; i < offsets.length; i++, d += 4) {
      const t = b[d + 2]!;
      if (t === STRING || t === (STRING | 0x80)) {
        const size = b[d]! | (b[d + 1]! << 8);
        if (size < minBytes) continue;
        const o = offsets[i]!;
        if (o + size <= b.length) v.utf16(b, o, size >> 1);
        else visitValueText(args.get(i), v);
      } else if ((t & 0x7f) === ANSI) visitValueText(args.get(i), v);
      else if (t === BINXML) {
        const value = args.get(i);
        if (value !== null && typeof value === 'object' && !Array.isArray(value) && !visitStrings(value.nodes, v, depth + 1)) return false;
      }
    }
    return true;
  }
  for (let i = 0; i < args.count; i++) {
    const t = args.type(i) & 0x7f;
    if (t === STRING) visitUtf16(args, at, i, v);
    else if (t === ANSI) visitValueText(args.get(i), v);
    else if (t === BINXML) {
      const value = args.get(i);
      if (value !== null && typeof value === 'object' && !Array.isArray(value) && !visitStrings(value.nodes, v, depth + 1)) return false;
    }
  }
  return true;
}

/**
 * Where a template holds its fields, as the analysis fast path (fields.ts) finds them: System
 * children and attributes as `System.X[.Attr]`, `<Data Name="X">` as `X`, UserData leaves by element
 * name; substitutions holding BinXML to look into next; whether rendering could find more.
 */
interface Layout {
  readonly sources: Map<string, readonly Node[]>;
  /** Fields from ordinary elements, where an empty text is null (fields.ts's `emptyIsNull`). */
  readonly emptyIsNull: Set<string>;
  readonly nested: readonly number[];
  readonly complete: boolean;
  /**
   * Everything a FieldScan plan is made from (each source's name, substitution index, optional and
   * empty-is-null flags; nested substitutions; completeness) as one string: templates that differ
   * only in what no plan reads (a writer may give every chunk its own copy) share plans by it.
   */
  readonly key: string;
}

const layouts = new WeakMap<Template, Layout>();

function layoutOf(template: Template): Layout {
  let l = layouts.get(template);
  if (!l) layouts.set(template, (l = compileLayout(template)));
  return l;
}

/** The same walk as fields.ts's compile (kept in step with it by utf16-scan.test.ts). */
function compileLayout(template: Template): Layout {
  const sources = new Map<string, readonly Node[]>();
  const emptyIsNull = new Set<string>();
  const nested: number[] = [];
  let complete = true;
  const textNodes = (el: ElementNode) => el.children.filter((c) => c.k !== NodeKind.Element);
  const visit = (nodes: readonly Node[], path: string[]) => {
    for (const n of nodes) {
      if (n.k === NodeKind.Substitution && n.type === BINXML) nested.push(n.index);
      else if (n.k === NodeKind.TemplateInstance) complete = false;
      else if (n.k === NodeKind.Element) visitElement(n, path);
    }
  };
  const visitElement = (el: ElementNode, path: string[]) => {
    if (path.length === 2 && path[1] === 'System') {
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
    const deepEnough = path[0] === 'Event' ? path.length >= 2 : path.length >= 1;
    if (!hasElements && deepEnough && path[1] !== 'System' && !sources.has(el.name)) {
      sources.set(el.name, textNodes(el));
      emptyIsNull.add(el.name);
    }
    visit(el.children, [...path, el.name]);
  };
  visit(template.nodes, []);
  // JSON: names are the log's (any text), so the key must not be ambiguous.
  const parts: (string | number | boolean | number[])[] = [complete, nested];
  for (const [name, src] of sources) {
    const only = src.length === 1 ? src[0]! : undefined;
    parts.push(name, only?.k === NodeKind.Substitution ? (only.optional ? -3 - only.index : only.index) : -2, emptyIsNull.has(name));
  }
  return { sources, emptyIsNull, nested, complete, key: JSON.stringify(parts) };
}

/** Per name: the substitution holding it alone (≥ 0), not in this template (-1), or held otherwise (-2). */
const ABSENT = -1;
const OTHER = -2;

interface TemplatePlan {
  readonly template: Template;
  readonly here: Int32Array;
  /** Per name held by one substitution: 1 where an empty value reads as null (optional substitution, or emptyIsNull). */
  readonly emptyNull: Uint8Array;
  readonly layout: Layout;
}

/** `FieldScan.read`'s answer where only the fast path's full read can tell the value. */
export const UNREAD: unique symbol = Symbol('unread');
/** Internal: the name is not in this instance nor below it; or not found, but rendering might find it. */
const NOT_HERE: unique symbol = Symbol('not here');
const UNSURE: unique symbol = Symbol('unsure');

/**
 * A list of field names (the fast path's flattened names) to scan records for, with its per-template
 * plans. Make one per list and reuse it: plans are cached on it.
 */
export class FieldScan {
  private readonly plans = new Map<Template, TemplatePlan>();
  /** Plans' arrays by layout key (see Layout.key). */
  private readonly byKey = new Map<string, { here: Int32Array; emptyNull: Uint8Array }>();
  private last: TemplatePlan | null = null;
  private lastNested: TemplatePlan | null = null;
  /** Per name, during a scan: handled (1) or still to look for (0). */
  private readonly found: Uint8Array;
  private remaining = 0;

  /** `names[i]` null: not looked for (its `done` stays 0). */
  constructor(readonly names: readonly (string | null)[]) {
    this.found = new Uint8Array(names.length);
  }

  private plan(template: Template, depth: number): TemplatePlan {
    const last = depth === 0 ? this.last : this.lastNested;
    if (last?.template === template) return last;
    let p = this.plans.get(template);
    if (!p) {
      const layout = layoutOf(template);
      let arrays = this.byKey.get(layout.key);
      if (!arrays) {
        const emptyNull = new Uint8Array(this.names.length);
        const here = Int32Array.from(this.names, (n, i) => {
          const src = n === null ? undefined : layout.sources.get(n);
          if (src === undefined) return ABSENT;
          const only = src.length === 1 ? src[0]! : undefined;
          if (only?.k !== NodeKind.Substitution) return OTHER;
          emptyNull[i] = only.optional || layout.emptyIsNull.has(n!) ? 1 : 0;
          return only.index;
        });
        arrays = { here, emptyNull };
        if (this.byKey.size >= 256) this.byKey.clear();
        this.byKey.set(layout.key, arrays);
      }
      p = { template, here: arrays.here, emptyNull: arrays.emptyNull, layout };
      if (this.plans.size >= 256) this.plans.clear();
      this.plans.set(template, p);
    }
    if (depth === 0) this.last = p;
    else this.lastNested = p;
    return p;
  }

  /**
   * Hands the value of each name to its visitor (`visitors[i]` for `names[i]`) and sets `done[i]`
   * to 1 when that is all the fast path's reading would find for it (nothing, when the record has
   * no such field). `done[i]` is 0 where the value could not be located without rendering, or is
   * not one substitution: the caller reads those itself.
   */
  scan(nodes: readonly Node[], visitors: readonly ValueVisitor[], done: Uint8Array): void {
    const n = this.names.length;
    const found = this.found;
    for (let i = 0; i < n; i++) {
      found[i] = 0;
      done[i] = 0;
    }
    this.remaining = n;
    const instance = soleInstance(nodes);
    if (!instance) return;
    const sure = this.fill(instance, visitors, done, 0);
    // Names found nowhere: absent when the template walk was complete, else rendering might find them.
    if (sure) for (let i = 0; i < n; i++) if (found[i] === 0 && this.names[i] !== null) done[i] = 1;
  }

  /**
   * The value `readFieldValues(nodes, names)[i]` gives, for one name alone, where it is held by one
   * substitution (the Sigma engine reads its rules' fields one by one, as their tests ask for them,
   * rather than all of a bucket's up front); UNREAD where only that full read can tell (a value
   * made of several nodes, a record that is not one template instance, a name found nowhere when
   * rendering might find it). Same search order as fields.ts's fill: an instance's own fields,
   * then the instances nested in its values, in order.
   */
  read(nodes: readonly Node[], i: number): FieldValue | undefined | typeof UNREAD {
    const instance = soleInstance(nodes);
    if (!instance || this.names[i] === null) return UNREAD;
    const v = this.readIn(instance, i, 0);
    return v === NOT_HERE ? undefined : v === UNSURE ? UNREAD : v;
  }

  /** UNREAD: found here (or below) but not in one substitution; the full read must say. */
  private readIn(instance: TemplateInstanceNode, i: number, depth: number): FieldValue | typeof UNREAD | typeof NOT_HERE | typeof UNSURE {
    const plan = this.plan(instance.template, depth);
    const args = instance.args;
    const sub = plan.here[i]!;
    if (sub >= 0) {
      const raw = args.get(sub);
      // As fields.ts: BinXML has no text (null), nor has an empty optional or element value.
      if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) return null;
      if (raw === '' && plan.emptyNull[i] === 1) return null;
      return raw as FieldValue;
    }
    if (sub === OTHER) return UNREAD;
    let sure = plan.layout.complete;
    const nested = plan.layout.nested;
    for (let k = 0; k < nested.length; k++) {
      const v = args.get(nested[k]!);
      if (v === null) continue;
      const inner = typeof v === 'object' && !Array.isArray(v) ? soleInstance(v.nodes) : undefined;
      if (!inner || depth > 4) {
        sure = false;
        continue;
      }
      const r = this.readIn(inner, i, depth + 1);
      // Not found in this one (for sure or not): the next may hold it, and its value is the one read.
      if (r === UNSURE) sure = false;
      else if (r !== NOT_HERE) return r;
    }
    return sure ? NOT_HERE : UNSURE;
  }

  private fill(instance: TemplateInstanceNode, visitors: readonly ValueVisitor[], done: Uint8Array, depth: number): boolean {
    const plan = this.plan(instance.template, depth);
    const args = instance.args;
    const here = plan.here;
    const found = this.found;
    let at: InPlace | null | undefined;
    for (let i = 0; i < here.length; i++) {
      const sub = here[i]!;
      if (sub === ABSENT || found[i] === 1) continue;
      found[i] = 1;
      this.remaining--;
      if (sub === OTHER) continue; // done stays 0
      done[i] = 1;
      const t = args.type(sub);
      if (t === STRING || t === (STRING | 0x80)) {
        if (at === undefined) at = inPlace(args);
        visitUtf16(args, at, sub, visitors[i]!);
      } else if (t !== BINXML) visitValueText(args.get(sub), visitors[i]!);
    }
    let sure = plan.layout.complete;
    if (this.remaining === 0) return sure;
    const nested = plan.layout.nested;
    for (let k = 0; k < nested.length; k++) {
      const v = args.get(nested[k]!);
      if (v === null) continue;
      const inner = typeof v === 'object' && !Array.isArray(v) ? soleInstance(v.nodes) : undefined;
      if (!inner || depth > 4) sure = false;
      else if (!this.fill(inner, visitors, done, depth + 1)) sure = false;
    }
    return sure;
  }
}
