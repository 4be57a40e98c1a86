import { EvtxFormatError } from '../errors';
import {
  type AttributeNode,
  type ElementNode,
  type Fragment,
  type Node,
  NodeKind,
  type Substitutions,
  type Template,
  type Value,
} from './nodes';
import { findSharedTemplate, type NameRef, shareTemplate } from './template-cache';
import { readGuid, readUtf16 } from './text';
import { decodeValue, type ValueContext, ValueType } from './values';

/** BinXML tokens (MS-EVEN6 2.2.12). The 0x40 bit marks "has attributes" or "more follows". */
export const enum Token {
  EndOfStream = 0x00,
  OpenStartElement = 0x01,
  CloseStartElement = 0x02,
  CloseEmptyElement = 0x03,
  EndElement = 0x04,
  Value = 0x05,
  Attribute = 0x06,
  CData = 0x07,
  CharRef = 0x08,
  EntityRef = 0x09,
  PITarget = 0x0a,
  PIData = 0x0b,
  TemplateInstance = 0x0c,
  NormalSubstitution = 0x0d,
  OptionalSubstitution = 0x0e,
  FragmentHeader = 0x0f,
}

/** Where the values of one template instance start, and which instance that is (chunk, descriptors). */
export class ValueOffsets {
  at = new Int32Array(64);
  bytes: Uint8Array | null = null;
  /** -1 when `at` holds nothing valid. */
  descriptors = -1;

  /** True when `at` holds the offsets of the instance whose descriptors are at `descriptors` in `bytes`. */
  holds(bytes: Uint8Array, descriptors: number): boolean {
    return this.descriptors === descriptors && this.bytes === bytes;
  }

  /** Computes them, for an instance that soleInstanceAt checked earlier. */
  fill(view: DataView, bytes: Uint8Array, descriptors: number, count: number): void {
    if (this.at.length < count) this.at = new Int32Array(2 * count);
    const at = this.at;
    let valueOffset = descriptors + count * 4;
    for (let i = 0; i < count; i++) {
      at[i] = valueOffset;
      valueOffset += view.getUint16(descriptors + 4 * i, true);
    }
    this.bytes = bytes;
    this.descriptors = descriptors;
  }
}

/** Element nesting and BinXML-in-value nesting are bounded so that hostile input cannot exhaust the stack. */
const MAX_ELEMENT_DEPTH = 64;
const MAX_NESTED_FRAGMENTS = 8;
const TEMPLATE_HEADER_SIZE = 24;

/**
 * Parses BinXML within one chunk. Owns the chunk's caches: names by offset and templates by
 * definition offset, so each template is parsed once per chunk however many records use it.
 */
export class BinXmlParser implements ValueContext {
  readonly view: DataView;
  private pos = 0;
  private end = 0;
  private nesting = 0;
  private readonly names = new Map<number, string>();
  private readonly templates = new Map<number, Template>();
  private readonly templatesInProgress = new Set<number>();
  /**
   * Name references read while a template definition is parsed, in order: where the reference is
   * and the name it gave. The cache compares definitions from other chunks by these (see NameRef).
   */
  private readonly nameRefs: NameRef[] = [];

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Parses the BinXML of a record: `[offset, offset + size)` of the chunk. */
  parseRecord(offset: number, size: number): Node[] {
    this.nesting = 0;
    return this.parseFragmentAt(offset, offset + size, false);
  }

  parseNested(offset: number, size: number): Fragment {
    if (this.nesting >= MAX_NESTED_FRAGMENTS) throw new EvtxFormatError('BinXML nested too deeply in values', offset);
    // Nearly always one template instance (Security's EventData): its nodes are made from the check.
    if (this.soleInstanceAt(offset, offset + size, this.nestedOffsets))
      return { kind: 'fragment', nodes: this.soleInstanceNodes(this.soleTemplate!, this.soleDescriptors, this.soleCount, this.nesting + 1) };
    // Plain locals rather than a saved pair: this runs for every Security record (EventData).
    const pos = this.pos;
    const end = this.end;
    this.nesting++;
    try {
      return { kind: 'fragment', nodes: this.parseFragmentAt(offset, offset + size, false) };
    } finally {
      this.nesting--;
      this.pos = pos;
      this.end = end;
    }
  }

  /** Scratch for parseNested's check (the offsets are computed again for the nodes). */
  private readonly nestedOffsets = new ValueOffsets();
  /** Set by `soleInstanceAt`: the instance found, read in place (valid until the next call). */
  soleTemplate: Template | null = null;
  soleDescriptors = 0;
  soleCount = 0;

  /**
   * True when BinXML `[start, end)` is exactly one template instance (what almost every record and
   * Security's EventData are), checked as `parseFragmentAt` would check it, but without building
   * nodes: the fast path then reads values straight from the descriptors (`record-fields.ts`).
   * False for any other form; parsing it then gives the nodes, or the error, as before. When true,
   * `offsets` holds where each of its values starts.
   * Throws only what parsing would throw at the same point (a bad template definition).
   */
  soleInstanceAt(start: number, end: number, offsets: ValueOffsets): boolean {
    const b = this.bytes;
    if (end > b.length) return false;
    // A record starts with a fragment header; BinXML in a value (EventData) often does not.
    const instance = b[start] === Token.FragmentHeader ? start + 4 : start;
    if (instance + 10 > end || b[instance] !== Token.TemplateInstance) return false;
    let p = instance + 10;
    const defOffset = this.u32(instance + 6);
    if (defOffset === p) {
      if (p + TEMPLATE_HEADER_SIZE > end) return false;
      p += TEMPLATE_HEADER_SIZE + this.u32(p + 20);
      if (p > end) return false;
    }
    const template = this.template(defOffset);
    if (p + 4 > end) return false;
    const count = this.u32(p);
    p += 4;
    if (count * 4 > end - p) return false;
    const descriptors = p;
    let valueOffset = descriptors + count * 4;
    const v = this.view;
    // Where each value starts is kept as the sizes are summed: the fast path reads them next.
    if (offsets.at.length < count) offsets.at = new Int32Array(2 * count);
    const at = offsets.at;
    offsets.descriptors = -1;
    for (let i = 0; i < count; i++) {
      at[i] = valueOffset;
      valueOffset += v.getUint16(descriptors + 4 * i, true);
    }
    if (valueOffset > end) return false;
    offsets.bytes = b;
    offsets.descriptors = descriptors;
    // What tolerantTail would make of the bytes after the values: nothing, or a fragment to parse.
    p = b[valueOffset] === Token.EndOfStream ? valueOffset + 1 : valueOffset;
    const next = b[p]! & 0xbf;
    if (end - p >= 16 && (next === Token.FragmentHeader || next === Token.OpenStartElement || next === Token.TemplateInstance)) return false;
    this.soleTemplate = template;
    this.soleDescriptors = descriptors;
    this.soleCount = count;
    return true;
  }

  /** The nodes parsing a fragment that `soleInstanceAt` accepted gives, without walking it again. */
  soleInstanceNodes(template: Template, descriptors: number, count: number, depth: number): Node[] {
    return [instanceNode(template, this.substitutionsAt(descriptors, count, depth))];
  }

  /** The substitutions of an instance found by `soleInstanceAt`, as the parsed node would hold them. */
  substitutionsAt(descriptors: number, count: number, depth: number): Substitutions {
    const offsets: number[] = new Array(count);
    let valueOffset = descriptors + count * 4;
    for (let i = 0; i < count; i++) {
      offsets[i] = valueOffset;
      valueOffset += this.u16(descriptors + 4 * i);
    }
    return new LazySubstitutions(this, descriptors, offsets, depth);
  }

  /**
   * Decodes a substitution value of an instance created at value nesting `depth`. Values are decoded
   * lazily, after the fragment holding them was parsed and `nesting` unwound, so without restoring the
   * depth here BinXML nested in values would escape MAX_NESTED_FRAGMENTS and recurse without bound.
   */
  decodeAt(depth: number, type: number, offset: number, size: number): Value {
    const saved = this.nesting;
    this.nesting = depth;
    try {
      return decodeValue(this, type, offset, size);
    } finally {
      this.nesting = saved;
    }
  }

  private parseFragmentAt(start: number, end: number, inTemplate: boolean): Node[] {
    if (end > this.bytes.length) throw new EvtxFormatError('BinXML runs past the chunk end', start);
    this.pos = start;
    this.end = end;
    const nodes: Node[] = [];
    while (this.pos < this.end) {
      const token = this.bytes[this.pos]!;
      const t = token & 0xbf;
      if (token === Token.FragmentHeader) {
        this.need(4);
        this.pos += 4;
      } else if (token === Token.EndOfStream) {
        this.pos++;
        // Several fragments may follow each other in one record; anything else after EOF is slack.
        if (this.bytes[this.pos] !== Token.FragmentHeader) break;
      } else if (token === Token.TemplateInstance) {
        nodes.push(this.templateInstance());
        if (!inTemplate) {
          // Further fragments may follow (Shell-Core's RenderingInfo), but Windows also leaves stray,
          // truncated bytes after the values (security.evtx): a broken tail is dropped, not fatal.
          const tail = this.tolerantTail();
          for (let i = 0; i < tail.length; i++) nodes.push(tail[i]!);
          break;
        }
      } else if (t === Token.OpenStartElement) {
        nodes.push(this.element(inTemplate, 0));
      } else {
        const content = this.content(token);
        if (!content) throw new EvtxFormatError(`unexpected BinXML token 0x${token.toString(16)}`, this.pos);
        nodes.push(content);
      }
    }
    return nodes;
  }

  private tolerantTail(): Node[] {
    const end = this.end;
    if (this.bytes[this.pos] === Token.EndOfStream) this.pos++;
    // Only something that can start a fragment is worth a try (exceptions are slow, slack is common).
    const next = this.bytes[this.pos]! & 0xbf;
    // Fewer than 16 bytes cannot hold another fragment with content (security.evtx leaves 5 stray ones).
    if (end - this.pos < 16 || (next !== Token.FragmentHeader && next !== Token.OpenStartElement && next !== Token.TemplateInstance)) {
      this.pos = end;
      return [];
    }
    try {
      return this.parseFragmentAt(this.pos, end, false);
    } catch {
      return [];
    } finally {
      this.pos = end;
    }
  }

  private need(n: number): void {
    if (this.pos + n > this.end) throw new EvtxFormatError('BinXML truncated', this.pos);
  }

  private u16(at: number): number {
    return this.view.getUint16(at, true);
  }

  private u32(at: number): number {
    return this.view.getUint32(at, true);
  }

  /** Reads a name reference; names stored inline (offset pointing just past the reference) are skipped over. */
  private name(): string {
    this.need(4);
    const offset = this.u32(this.pos);
    this.pos += 4;
    const name = this.nameAt(offset);
    const inline = offset === this.pos;
    if (this.templatesInProgress.size > 0) this.nameRefs.push([this.pos - 4, inline ? null : name]);
    if (inline) this.pos += 10 + 2 * name.length;
    if (this.pos > this.end) throw new EvtxFormatError('inline name runs past its fragment', offset);
    return name;
  }

  private nameAt(offset: number): string {
    const cached = this.names.get(offset);
    if (cached !== undefined) return cached;
    if (offset + 8 > this.bytes.length) throw new EvtxFormatError(`name offset 0x${offset.toString(16)} out of chunk`, offset);
    const count = this.u16(offset + 6);
    if (offset + 8 + 2 * count > this.bytes.length) throw new EvtxFormatError('name runs past the chunk end', offset);
    const name = readUtf16(this.bytes, offset + 8, count);
    this.names.set(offset, name);
    return name;
  }

  private element(inTemplate: boolean, depth: number): ElementNode {
    if (depth > MAX_ELEMENT_DEPTH) throw new EvtxFormatError('elements nested too deeply', this.pos);
    const hasAttributes = (this.bytes[this.pos]! & 0x40) !== 0;
    // Template definitions carry a 2-byte dependency identifier that elements elsewhere omit.
    const header = inTemplate ? 7 : 5;
    this.need(header);
    this.pos += header;
    const name = this.name();
    if (hasAttributes) {
      this.need(4);
      this.pos += 4;
    }
    const attrs: AttributeNode[] = [];
    const children: Node[] = [];
    for (;;) {
      this.need(1);
      const token = this.bytes[this.pos]!;
      const t = token & 0xbf;
      if (t === Token.Attribute) {
        this.pos++;
        const attrName = this.name();
        const value: Node[] = [];
        for (;;) {
          const next = this.bytes[this.pos]!;
          const content = this.pos < this.end && (next & 0xbf) !== Token.Attribute ? this.content(next) : null;
          if (!content) break;
          value.push(content);
        }
        attrs.push({ name: attrName, value });
      } else if (token === Token.CloseEmptyElement) {
        this.pos++;
        break;
      } else if (token === Token.CloseStartElement) {
        this.pos++;
        this.children(children, inTemplate, depth);
        break;
      } else {
        throw new EvtxFormatError(`unexpected token 0x${token.toString(16)} in element start`, this.pos);
      }
    }
    return node(NodeKind.Element, { name, attrs, children }) as ElementNode;
  }

  private children(out: Node[], inTemplate: boolean, depth: number): void {
    for (;;) {
      this.need(1);
      const token = this.bytes[this.pos]!;
      const t = token & 0xbf;
      if (token === Token.EndElement) {
        this.pos++;
        return;
      }
      if (t === Token.OpenStartElement) out.push(this.element(inTemplate, depth + 1));
      else if (token === Token.TemplateInstance) out.push(this.templateInstance());
      else {
        const content = this.content(token);
        if (!content) throw new EvtxFormatError(`unexpected token 0x${token.toString(16)} in element content`, this.pos);
        out.push(content);
      }
    }
  }

  /** Text-like content tokens; returns null for any other token without consuming it. */
  private content(token: number): Node | null {
    const t = token & 0xbf;
    switch (t) {
      case Token.Value: {
        this.need(4);
        const type = this.bytes[this.pos + 1]!;
        const count = this.u16(this.pos + 2);
        this.pos += 4;
        if (type !== 0x01) throw new EvtxFormatError(`value token of type 0x${type.toString(16)}`, this.pos - 4);
        this.need(2 * count);
        const text = readUtf16(this.bytes, this.pos, count);
        this.pos += 2 * count;
        return node(NodeKind.Text, { text });
      }
      case Token.NormalSubstitution:
      case Token.OptionalSubstitution: {
        this.need(4);
        const sub = node(NodeKind.Substitution, {
          index: this.u16(this.pos + 1),
          type: this.bytes[this.pos + 3]!,
          optional: t === Token.OptionalSubstitution,
        });
        this.pos += 4;
        return sub;
      }
      case Token.CharRef: {
        this.need(3);
        const code = this.u16(this.pos + 1);
        this.pos += 3;
        return node(NodeKind.CharRef, { code });
      }
      case Token.EntityRef: {
        this.pos++;
        return node(NodeKind.EntityRef, { name: this.name() });
      }
      case Token.CData: {
        this.need(3);
        const count = this.u16(this.pos + 1);
        this.pos += 3;
        this.need(2 * count);
        const text = readUtf16(this.bytes, this.pos, count);
        this.pos += 2 * count;
        return node(NodeKind.CData, { text });
      }
      case Token.PITarget: {
        this.pos++;
        const target = this.name();
        let data = '';
        if (this.pos < this.end && this.bytes[this.pos] === Token.PIData) {
          this.need(3);
          const count = this.u16(this.pos + 1);
          this.pos += 3;
          this.need(2 * count);
          data = readUtf16(this.bytes, this.pos, count);
          this.pos += 2 * count;
        }
        return node(NodeKind.PI, { target, data });
      }
      default:
        return null;
    }
  }

  private templateInstance(): Node {
    this.need(10);
    const defOffset = this.u32(this.pos + 6);
    this.pos += 10;
    if (defOffset === this.pos) {
      // The definition is stored inline, right here: skip it (it is parsed from the cache below).
      this.need(TEMPLATE_HEADER_SIZE);
      const dataSize = this.u32(this.pos + 20);
      this.pos += TEMPLATE_HEADER_SIZE;
      this.need(dataSize);
      this.pos += dataSize;
    }
    const template = this.template(defOffset);
    this.need(4);
    const count = this.u32(this.pos);
    this.pos += 4;
    if (count * 4 > this.end - this.pos) throw new EvtxFormatError(`${count} substitutions cannot fit the record`, this.pos - 4);
    const descriptors = this.pos;
    let valueOffset = descriptors + count * 4;
    // A plain array of small integers: cheaper to allocate per record than a typed array.
    const offsets: number[] = new Array(count);
    for (let i = 0; i < count; i++) {
      offsets[i] = valueOffset;
      valueOffset += this.u16(descriptors + 4 * i);
    }
    if (valueOffset > this.end) throw new EvtxFormatError('substitution values run past the record', descriptors);
    this.pos = valueOffset;
    return instanceNode(template, new LazySubstitutions(this, descriptors, offsets, this.nesting));
  }

  private template(offset: number): Template {
    const cached = this.templates.get(offset);
    if (cached) return cached;
    // A definition that (directly or not) instantiates itself would recurse forever.
    if (this.templatesInProgress.has(offset) || this.templatesInProgress.size >= MAX_NESTED_FRAGMENTS)
      throw new EvtxFormatError('template definitions nest recursively', offset);
    if (offset < 512 || offset + TEMPLATE_HEADER_SIZE > this.bytes.length)
      throw new EvtxFormatError(`template offset 0x${offset.toString(16)} out of chunk`, offset);
    const dataSize = this.u32(offset + 20);
    const start = offset + TEMPLATE_HEADER_SIZE;
    if (start + dataSize > this.bytes.length) throw new EvtxFormatError('template runs past the chunk end', offset);
    // A definition is a BinXML fragment: anything else (zeroed or overwritten bytes in a damaged
    // chunk) would otherwise parse as an empty template and render records as {}.
    if (dataSize < 4 || this.bytes[start] !== Token.FragmentHeader)
      throw new EvtxFormatError(`no template definition at 0x${offset.toString(16)}`, offset);
    const shared = findSharedTemplate(this.bytes, offset, dataSize, (o) => {
      try {
        return this.nameAt(o);
      } catch {
        return undefined;
      }
    });
    if (shared) {
      this.templates.set(offset, shared);
      return shared;
    }
    const [pos, end] = [this.pos, this.end];
    this.templatesInProgress.add(offset);
    const refsBefore = this.nameRefs.length;
    try {
      const nodes = this.parseFragmentAt(start, start + dataSize, true);
      const template: Template = { offset, guid: readGuid(this.bytes, offset + 4), nodes };
      this.templates.set(offset, template);
      shareTemplate(template, this.bytes, offset, dataSize, this.nameRefs.slice(refsBefore));
      return template;
    } finally {
      if (this.templatesInProgress.size === 1) this.nameRefs.length = 0;
      this.templatesInProgress.delete(offset);
      this.pos = pos;
      this.end = end;
    }
  }
}

type NodeOf<K extends NodeKind> = Extract<Node, { k: K }>;

/**
 * Every node gets the same fields in the same order, so that V8 gives all nodes one hidden class:
 * the renderers' `n.k`, `n.children`… stay monomorphic instead of switching between eight shapes,
 * which made each property read several times slower on the JSON path.
 */
function node<K extends NodeKind>(k: K, fields: Partial<Omit<NodeOf<K>, 'k'>>): NodeOf<K> {
  const f = fields as Record<string, unknown>;
  return {
    k,
    name: f.name ?? '',
    attrs: f.attrs ?? NONE,
    children: f.children ?? NONE,
    text: f.text ?? '',
    index: f.index ?? 0,
    type: f.type ?? 0,
    optional: f.optional ?? false,
    code: f.code ?? 0,
    target: f.target ?? '',
    data: f.data ?? '',
    template: f.template ?? null,
    args: f.args ?? null,
  } as unknown as NodeOf<K>;
}
const NONE: never[] = [];

/** node() for the one kind made per record, without its fields object (same hidden class). */
function instanceNode(template: Template, args: Substitutions): Node {
  return {
    k: NodeKind.TemplateInstance,
    name: '',
    attrs: NONE,
    children: NONE,
    text: '',
    index: 0,
    type: 0,
    optional: false,
    code: 0,
    target: '',
    data: '',
    template,
    args,
  } as unknown as Node;
}

class LazySubstitutions implements Substitutions {
  /** Decoded values, made on the first `get`: the JSON writer reads values in place and never asks. */
  private values: (Value | undefined)[] | null = null;
  constructor(
    private readonly ctx: BinXmlParser,
    private readonly descriptors: number,
    private readonly offsets: number[],
    /** Value nesting where this instance was parsed: its BinXML values nest one level deeper. */
    private readonly depth: number,
  ) {}
  get count(): number {
    return this.offsets.length;
  }
  type(index: number): number {
    return index < this.offsets.length ? this.ctx.bytes[this.descriptors + 4 * index + 2]! : 0;
  }
  get chunk(): Uint8Array {
    return this.ctx.bytes;
  }
  offset(index: number): number {
    return index < this.offsets.length ? this.offsets[index]! : 0;
  }
  size(index: number): number {
    return index < this.offsets.length ? this.ctx.view.getUint16(this.descriptors + 4 * index, true) : 0;
  }
  raw(index: number): Uint8Array {
    if (index >= this.offsets.length) return new Uint8Array(0);
    const size = this.ctx.view.getUint16(this.descriptors + 4 * index, true);
    return this.ctx.bytes.slice(this.offsets[index]!, this.offsets[index]! + size);
  }
  get(index: number): Value {
    if (index >= this.offsets.length) return null;
    const values = (this.values ??= new Array<Value | undefined>(this.offsets.length));
    let v = values[index];
    if (v === undefined) {
      const size = this.ctx.view.getUint16(this.descriptors + 4 * index, true);
      const type = this.ctx.bytes[this.descriptors + 4 * index + 2]!;
      // Only BinXML values parse further, at this instance's nesting; the others decode directly.
      v = type === ValueType.BinXml ? this.ctx.decodeAt(this.depth, type, this.offsets[index]!, size) : decodeValue(this.ctx, type, this.offsets[index]!, size);
      values[index] = v;
    }
    return v;
  }
}
