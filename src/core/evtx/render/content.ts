import { type AttributeNode, type ElementNode, type Node, NodeKind, type Scalar, type Substitutions, type Value } from '../binxml/nodes';
import { MAX_CHARS, type RenderBudget, RenderLimitError, spendChunkChars } from './budget';

/** The five predefined XML entities: the only ones an entity reference in a log can stand for. */
export const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** String form of a scalar, as both renderers print it inside text. */
export function scalarText(v: Scalar): string {
  if (v === null) return '';
  return typeof v === 'string' ? v : String(v);
}

export function valueText(v: Value): string {
  if (Array.isArray(v)) return v.map(scalarText).join(',');
  if (v !== null && typeof v === 'object') return '';
  return scalarText(v);
}

/**
 * Evaluates text-like nodes (text, substitutions, references) to one value: the typed value when
 * there is exactly one piece, otherwise the concatenated string. `undefined` when there is nothing.
 */
export function textValue(nodes: readonly Node[], args: Substitutions | null): Scalar | Scalar[] | undefined {
  let single: Scalar | Scalar[] | undefined;
  let text = '';
  let pieces = 0;
  for (const n of nodes) {
    let piece: Scalar | Scalar[] | undefined;
    switch (n.k) {
      case NodeKind.Text:
        if (n.text === '') continue; // an empty text token is no content at all (evtx_dump: null)
        piece = n.text;
        break;
      case NodeKind.CData:
        piece = n.text;
        break;
      case NodeKind.CharRef:
        piece = String.fromCharCode(n.code);
        break;
      case NodeKind.EntityRef:
        piece = ENTITIES[n.name] ?? `&${n.name};`;
        break;
      case NodeKind.Substitution: {
        const v = args ? args.get(n.index) : null;
        if (v !== null && typeof v === 'object' && !Array.isArray(v)) continue; // nested BinXML: not text
        // An optional substitution with no value is left out; evtx_dump counts an empty string as no value there.
        if (n.optional && (v === null || v === '')) continue;
        piece = v;
        break;
      }
      default:
        continue;
    }
    pieces++;
    // The concatenation is built only from a second piece on: one piece (the usual case) keeps its type.
    if (pieces === 1) {
      single = piece;
      continue;
    }
    if (pieces === 2) text = pieceText(single);
    text += pieceText(piece);
    // Thousands of references to one long value would build a string of gigabytes (also on the fields fast path).
    if (text.length > MAX_CHARS) throw new RenderLimitError(`text expands to more than ${MAX_CHARS} characters`);
  }
  if (pieces === 0) return undefined;
  if (pieces > 1) spendChunkChars(text.length);
  return pieces === 1 ? single : text;
}

function pieceText(piece: Scalar | Scalar[] | undefined): string {
  return Array.isArray(piece) ? piece.map(scalarText).join(',') : scalarText(piece ?? null);
}

/** An attribute's value; null (the attribute is left out) when it is absent. */
export function attributeValue(attr: AttributeNode, args: Substitutions | null): Scalar | Scalar[] {
  const v = textValue(attr.value, args);
  return v === undefined ? null : v;
}

/** True when `n` is a substitution whose value is BinXML (rendered as elements, not text). */
export function isFragment(n: Node, args: Substitutions | null): boolean {
  if (n.k !== NodeKind.Substitution || !args) return false;
  const v = args.get(n.index);
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Like evtx_dump, an element whose only content is optional substitutions with no value is left out. */
export function onlyAbsentOptionals(el: ElementNode, args: Substitutions | null): boolean {
  if (el.children.length === 0) return false;
  for (const c of el.children) {
    if (c.k !== NodeKind.Substitution || !c.optional) return false;
    if (args && args.get(c.index) !== null) return false;
  }
  return true;
}

/**
 * Walks a node list for a renderer that builds into `parent`: elements go to `element`, template
 * instances and BinXML values are walked in place (their elements join the same parent).
 */
export function walkElements<P>(
  nodes: readonly Node[],
  args: Substitutions | null,
  parent: P,
  budget: RenderBudget,
  element: (el: ElementNode, args: Substitutions | null, parent: P, budget: RenderBudget) => void,
): void {
  budget.enter(nodes.length);
  for (const n of nodes) {
    if (n.k === NodeKind.Element) element(n, args, parent, budget);
    else if (n.k === NodeKind.TemplateInstance) walkElements(n.template.nodes, n.args, parent, budget, element);
    else if (n.k === NodeKind.Substitution && args) {
      const v = args.get(n.index);
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) walkElements(v.nodes, null, parent, budget, element);
    }
  }
  budget.leave();
}
