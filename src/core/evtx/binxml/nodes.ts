// The in-memory form of BinXML: a small tree whose leaves may be substitutions that point
// into a record's value array. Template definitions are parsed into this form once per chunk.

export type Scalar = string | number | bigint | boolean | null;
/** A decoded substitution value. `Fragment` is BinXML nested in a value (type 0x21). */
export type Value = Scalar | Scalar[] | Fragment;

export interface Fragment {
  readonly kind: 'fragment';
  readonly nodes: Node[];
}

export const enum NodeKind {
  Element,
  Text,
  Substitution,
  CharRef,
  EntityRef,
  CData,
  PI,
  TemplateInstance,
}

export interface ElementNode {
  readonly k: NodeKind.Element;
  readonly name: string;
  readonly attrs: AttributeNode[];
  readonly children: Node[];
}
export interface AttributeNode {
  readonly name: string;
  readonly value: Node[];
}
export interface TextNode {
  readonly k: NodeKind.Text;
  readonly text: string;
}
export interface SubstitutionNode {
  readonly k: NodeKind.Substitution;
  readonly index: number;
  readonly type: number;
  readonly optional: boolean;
}
export interface CharRefNode {
  readonly k: NodeKind.CharRef;
  readonly code: number;
}
export interface EntityRefNode {
  readonly k: NodeKind.EntityRef;
  readonly name: string;
}
export interface CDataNode {
  readonly k: NodeKind.CData;
  readonly text: string;
}
export interface PINode {
  readonly k: NodeKind.PI;
  readonly target: string;
  data: string;
}
export interface TemplateInstanceNode {
  readonly k: NodeKind.TemplateInstance;
  readonly template: Template;
  readonly args: Substitutions;
}

export type Node =
  | ElementNode
  | TextNode
  | SubstitutionNode
  | CharRefNode
  | EntityRefNode
  | CDataNode
  | PINode
  | TemplateInstanceNode;

export interface Template {
  /** Chunk-relative offset of the definition; the cache key. */
  readonly offset: number;
  readonly guid: string;
  readonly nodes: Node[];
  /** Filled on first use by the fast path (see fields.ts). */
  fieldMap?: unknown;
  /** The fast path's last plan (see fields.ts). */
  lastPlan?: unknown;
  /** Compiled JSON writers by value shape (see render/json-compiled.ts). */
  jsonPrograms?: unknown;
}

/** The substitution array of one template instance; values are decoded on first access. */
export interface Substitutions {
  readonly count: number;
  get(index: number): Value;
  type(index: number): number;
  /** The value's bytes as stored (for hex views, and for tests that check a decoding against the bytes). */
  raw(index: number): Uint8Array;
  /** Where the values are stored (the chunk), and where value `index` is in it: writers read values in place. */
  readonly chunk: Uint8Array;
  offset(index: number): number;
  /** The value's size in bytes (0 past the last value). */
  size(index: number): number;
}
