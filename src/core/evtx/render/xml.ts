import { type ElementNode, type Node, NodeKind, type Substitutions } from '../binxml/nodes';
import { escapeXmlAttr, escapeXmlText } from '../binxml/text';
import { RenderBudget } from './budget';
import { attributeValue, ENTITIES, scalarText, valueText } from './content';

/** Renders a record as indented XML, in the layout Event Viewer and evtx_dump use. */
export function renderXml(nodes: readonly Node[]): string {
  const out = new Out();
  walk(nodes, null, 0, out);
  return out.parts.join('');
}

/** The output pieces, with the budget that bounds them (see RenderBudget). */
class Out {
  readonly parts: string[] = [];
  readonly budget = new RenderBudget();
  push(s: string): void {
    this.budget.spend(0, s.length);
    this.parts.push(s);
  }
}

function walk(nodes: readonly Node[], args: Substitutions | null, depth: number, out: Out): void {
  out.budget.enter(nodes.length);
  for (const n of nodes) {
    switch (n.k) {
      case NodeKind.Element:
        element(n, args, depth, out);
        break;
      case NodeKind.TemplateInstance:
        walk(n.template.nodes, n.args, depth, out);
        break;
      case NodeKind.PI:
        out.push(`${'  '.repeat(depth)}<?${n.target}${n.data ? ' ' + n.data : ''}?>\n`);
        break;
      default:
        out.push(escapeXmlText(inlineText(n, args)));
    }
  }
  out.budget.leave();
}

function inlineText(n: Node, args: Substitutions | null): string {
  switch (n.k) {
    case NodeKind.Text:
      return n.text;
    case NodeKind.CData:
      return n.text;
    case NodeKind.CharRef:
      return String.fromCharCode(n.code);
    case NodeKind.EntityRef:
      // Decoded here and escaped again by the caller (returning "&quot;" would be escaped twice).
      return ENTITIES[n.name] ?? `&${n.name};`;
    case NodeKind.Substitution:
      return args ? valueText(args.get(n.index)) : '';
    default:
      return '';
  }
}

function isNested(n: Node, args: Substitutions | null): boolean {
  if (n.k === NodeKind.Element || n.k === NodeKind.TemplateInstance || n.k === NodeKind.PI) return true;
  if (n.k !== NodeKind.Substitution || !args) return false;
  const v = args.get(n.index);
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function element(el: ElementNode, args: Substitutions | null, depth: number, out: Out): void {
  out.budget.spend(el.attrs.length + el.children.length, 0);
  const indent = '  '.repeat(depth);
  let open = `${indent}<${el.name}`;
  for (const a of el.attrs) {
    const v = attributeValue(a, args);
    if (v === null) continue;
    const attr = ` ${a.name}="${escapeXmlAttr(Array.isArray(v) ? v.map(scalarText).join(',') : scalarText(v))}"`;
    out.budget.spend(0, attr.length); // counted as built: `open` is pushed only once complete
    open += attr;
  }
  if (el.children.length === 0) {
    out.push(`${open}></${el.name}>\n`);
    return;
  }
  const only = el.children.length === 1 ? el.children[0]! : null;
  if (only?.k === NodeKind.Substitution && args) {
    const v = args.get(only.index);
    // An array value is one element per item, as Event Viewer shows classic events' strings.
    if (Array.isArray(v)) {
      for (const item of v) out.push(`${open}>${escapeXmlText(scalarText(item))}</${el.name}>\n`);
      return;
    }
  }
  if (!el.children.some((c) => isNested(c, args))) {
    let text = '';
    for (const c of el.children) {
      const piece = c.k === NodeKind.CData ? `<![CDATA[${c.text}]]>` : escapeXmlText(inlineText(c, args));
      out.budget.spend(0, piece.length); // counted as built: `text` is pushed only once complete
      text += piece;
    }
    out.push(`${open}>${text}</${el.name}>\n`);
    return;
  }
  out.push(`${open}>\n`);
  for (const c of el.children) {
    if (c.k === NodeKind.Substitution && args) {
      const v = args.get(c.index);
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) walk(v.nodes, null, depth + 1, out);
      else out.push(escapeXmlText(valueText(v)));
    } else walk([c], args, depth + 1, out);
  }
  out.push(`${indent}</${el.name}>\n`);
}
