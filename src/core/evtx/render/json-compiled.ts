import { type Fragment, type Node, NodeKind, type Scalar, type Substitutions, type Template, type TemplateInstanceNode, type Value } from '../binxml/nodes';
import { spendChunkChars } from './budget';
import { jsonValue, renderJsonTextGeneric } from './json-text';

/**
 * JSON text for records that are one template instance, through a program compiled per template.
 *
 * The JSON of a record depends on its values' content, but its *shape* (which elements are left
 * out, which become null, where nested templates go) depends only on each value's class: absent,
 * empty string, other scalar, array or nested BinXML. So per (template, classes of its values)
 * the generic writer runs once on stand-in values, unique markers, and its output is cut at the
 * markers into fixed text and value slots. Later records of that shape are written by joining the
 * fixed text with their values: no tree walk, no per-element work. Anything unusual (arrays, a
 * value inside a longer text, a fragment that is not one template instance, a Data Name taken
 * from a value) keeps the generic writer, which stays the reference: the corpus test checks both
 * give the same text for every record.
 */
export function renderJsonText(nodes: readonly Node[]): string {
  const only = nodes.length === 1 ? nodes[0]! : undefined;
  if (only?.k !== NodeKind.TemplateInstance) return renderJsonTextGeneric(nodes);
  const levels: Substitutions[] = [];
  const shape = shapeOf(only, levels, 0);
  if (shape === null) return renderJsonTextGeneric(nodes);
  const programs = (only.template.jsonPrograms ??= new Map()) as Map<string, Program | null>;
  let program = programs.get(shape);
  if (program === undefined) {
    program = compile(only, levels);
    if (programs.size < MAX_SHAPES) keepProgram(programs, shape, program);
  }
  if (program === null) return renderJsonTextGeneric(nodes);
  let out = program.text[0]!;
  for (let i = 0; i < program.level.length; i++) {
    out += jsonValue(levels[program.level[i]!]!.get(program.index[i]!) as Scalar) + program.text[i + 1]!;
  }
  // The program was compiled under the generic writer's budget, but replaying it skips that: charge the
  // chunk, or tiny records reusing one huge program add up without limit (13 billion characters from 64 KB).
  spendChunkChars(out.length);
  return out;
}

/** Shapes kept per template: real logs show a handful; hostile ones must not grow memory. */
const MAX_SHAPES = 64;
const MAX_LEVELS = 8;

/**
 * Programs live as long as their template, and shared templates outlive their chunk: so programs are
 * bounded all together, not only per template. A hostile flat template of 54 KB compiled to 4.5 M
 * characters, and 60 such chunks pinned 332 MB. A program over MAX_PROGRAM_CHARS is not kept (its
 * records use the generic writer; real ones are a few KB); past MAX_HELD_CHARS in all, every program
 * map is emptied and programs are compiled again as records need them.
 */
const MAX_PROGRAM_CHARS = 1 << 16;
const MAX_HELD_CHARS = 1 << 24;
let heldChars = 0;
const heldMaps = new Set<Map<string, Program | null>>();

function keepProgram(programs: Map<string, Program | null>, shape: string, program: Program | null): void {
  let size = 0;
  for (const t of program?.text ?? []) size += t.length;
  if (size > MAX_PROGRAM_CHARS) {
    programs.set(shape, null); // null: use the generic writer for this shape
    return;
  }
  if (heldChars + size > MAX_HELD_CHARS) {
    for (const m of heldMaps) m.clear();
    heldMaps.clear();
    heldChars = 0;
  }
  programs.set(shape, program);
  heldMaps.add(programs);
  heldChars += size;
}

interface Program {
  /** Fixed text around the value slots: text[0], value 0, text[1], … */
  readonly text: string[];
  /** Per slot: which template instance (in depth-first order) and which of its values. */
  readonly level: number[];
  readonly index: number[];
}

const templateIds = new WeakMap<Template, number>();
let nextTemplateId = 0;

/**
 * One letter per value ('n' absent, 'e' empty string, 's' other scalar), with nested template
 * instances spelled out in place, depth first; collects each instance's values in `levels`.
 * Null when some value rules compiling out (an array, BinXML that is not one template instance).
 */
function shapeOf(instance: TemplateInstanceNode, levels: Substitutions[], depth: number): string | null {
  if (levels.length >= MAX_LEVELS || depth > 4) return null;
  levels.push(instance.args);
  let id = templateIds.get(instance.template);
  if (id === undefined) templateIds.set(instance.template, (id = nextTemplateId++));
  let shape = `${id}(`;
  const args = instance.args;
  for (let i = 0; i < args.count; i++) {
    const v = args.get(i);
    if (v === null) shape += 'n';
    else if (v === '') shape += 'e';
    else if (typeof v !== 'object') shape += 's';
    else if (Array.isArray(v)) return null;
    else {
      const inner = v.nodes.length === 1 ? v.nodes[0]! : undefined;
      if (inner?.k !== NodeKind.TemplateInstance) return null;
      const nested = shapeOf(inner, levels, depth + 1);
      if (nested === null) return null;
      shape += nested;
    }
  }
  return shape + ')';
}

// Markers carry a per-process random nonce, so that no text in a log can pose as one.
const NONCE = Math.random().toString(36).slice(2, 10);
const MARK = '\u0001';
const markerPattern = new RegExp(`"\\\\u0001${NONCE}:(\\d+):(\\d+)\\\\u0001"`, 'g');

/** Stand-in values: markers for scalars, the same classes otherwise, nested instances traced too. */
class TracedSubstitutions implements Substitutions {
  constructor(
    private readonly real: Substitutions,
    private readonly level: number,
    private readonly nested: Map<number, Fragment>,
  ) {}
  get count(): number {
    return this.real.count;
  }
  type(index: number): number {
    return this.real.type(index);
  }
  raw(index: number): Uint8Array {
    return this.real.raw(index);
  }
  get(index: number): Value {
    const v = this.real.get(index);
    if (v === null || v === '') return v;
    if (typeof v === 'object' && !Array.isArray(v)) return this.nested.get(index)!;
    return `${MARK}${NONCE}:${this.level}:${index}${MARK}`;
  }
}

function traced(instance: TemplateInstanceNode, counter: { next: number }): TemplateInstanceNode {
  const level = counter.next++;
  const nested = new Map<number, Fragment>();
  // Depth-first, in value order: the same numbering as shapeOf gives the real instances.
  for (let i = 0; i < instance.args.count; i++) {
    const v = instance.args.get(i);
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const inner = v.nodes[0] as TemplateInstanceNode;
      nested.set(i, { kind: 'fragment', nodes: [traced(inner, counter)] });
    }
  }
  return { ...instance, args: new TracedSubstitutions(instance.args, level, nested) };
}

function compile(instance: TemplateInstanceNode, levels: Substitutions[]): Program | null {
  let text: string;
  try {
    text = renderJsonTextGeneric([traced(instance, { next: 0 })]);
  } catch {
    return null;
  }
  const program: Program = { text: [], level: [], index: [] };
  let last = 0;
  for (const m of text.matchAll(markerPattern)) {
    const level = Number(m[1]);
    if (level >= levels.length) return null;
    program.text.push(text.slice(last, m.index));
    program.level.push(level);
    program.index.push(Number(m[2]));
    last = m.index! + m[0].length;
  }
  program.text.push(text.slice(last));
  // A marker that is not a whole JSON value (joined with other text, or used as a key) cannot be
  // replaced by a value: such shapes keep the generic writer.
  for (const t of program.text) if (t.includes(`u0001${NONCE}`)) return null;
  return program;
}
