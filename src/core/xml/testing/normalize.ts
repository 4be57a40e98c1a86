import type { JsonObject, JsonValue } from '../../evtx';
import { type Node, NodeKind, type Substitutions } from '../../evtx/binxml/nodes';
import { normalizeSystemTime } from '../system';

/**
 * JSON with every scalar written as a string (XML carries no types): numbers, booleans and BigInts
 * become String() of themselves. null and "" both become "" (XML cannot tell them apart).
 */
export function stringsOnly(v: JsonValue): JsonValue {
  if (v === null) return '';
  if (Array.isArray(v)) return v.map(stringsOnly);
  if (typeof v === 'object') {
    const out: JsonObject = {};
    for (const k of Object.keys(v)) out[k] = stringsOnly(v[k]!);
    return out;
  }
  return String(v);
}

function isObject(v: JsonValue | undefined): v is JsonObject {
  return v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);
}

function allEmpty(v: JsonValue): boolean {
  if (v === '') return true;
  if (Array.isArray(v)) return v.every(allEmpty);
  return isObject(v) && Object.values(v).every(allEmpty);
}

/** What XML cannot carry, found while aligning one record (see alignXmlSide). */
export type Allowance = 'absent optional element' | 'SystemTime string with 7+ digits';

/**
 * Drops from the XML side (both sides already `stringsOnly`) the empty elements the EVTX side does
 * not have: an element whose only content is an absent optional value is left out of renderJson
 * (as evtx_dump does) but renderXml still writes it, empty, and XML cannot say it was absent.
 */
export function alignXmlSide(x: JsonValue, e: JsonValue | undefined, found: Set<Allowance>): JsonValue {
  if (isObject(x)) {
    if (!isObject(e)) {
      if (e === '' && allEmpty(x)) {
        found.add('absent optional element');
        return '';
      }
      return x;
    }
    const out: JsonObject = {};
    for (const k of Object.keys(x)) {
      if (!Object.hasOwn(e, k) && allEmpty(x[k]!)) found.add('absent optional element');
      else out[k] = alignXmlSide(x[k]!, e[k], found);
    }
    return out;
  }
  if (Array.isArray(x) && Array.isArray(e)) return x.map((v, i) => alignXmlSide(v, e[i], found));
  return x;
}

/**
 * The EVTX side keeps a SystemTime stored as a string (forwarded events) as it is, 9 digits and
 * all; readEventXml cuts every SystemTime to microseconds. Applied to the EVTX side, in place.
 */
export function alignSystemTime(json: JsonValue, found: Set<Allowance>): void {
  const event = isObject(json) ? json['Event'] : undefined;
  const system = isObject(event) ? event['System'] : undefined;
  const tc = isObject(system) ? system['TimeCreated'] : undefined;
  const attrs = isObject(tc) ? tc['#attributes'] : undefined;
  if (!isObject(attrs) || typeof attrs['SystemTime'] !== 'string') return;
  const t = normalizeSystemTime(attrs['SystemTime']);
  if (t === attrs['SystemTime']) return;
  attrs['SystemTime'] = t;
  found.add('SystemTime string with 7+ digits');
}

/**
 * True when a record holds BinXML entity references (`&quot;` as a token). renderXml writes them
 * escaped a second time (`&amp;quot;`), a bug in src/core/evtx/render/xml.ts, so XML written from
 * such records does not say what the record says.
 */
export function hasEntityRef(nodes: readonly Node[], args: Substitutions | null = null): boolean {
  for (const n of nodes) {
    if (n.k === NodeKind.EntityRef) return true;
    if (n.k === NodeKind.Element) {
      if (hasEntityRef(n.children, args) || n.attrs.some((a) => hasEntityRef(a.value, args))) return true;
    } else if (n.k === NodeKind.TemplateInstance) {
      if (hasEntityRef(n.template.nodes, n.args)) return true;
    } else if (n.k === NodeKind.Substitution && args) {
      const v = args.get(n.index);
      if (v !== null && typeof v === 'object' && !Array.isArray(v) && hasEntityRef(v.nodes)) return true;
    }
  }
  return false;
}
