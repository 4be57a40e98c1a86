import type { Fragment, Template } from './binxml/nodes';
import { type BinXmlParser, ValueOffsets } from './binxml/parser';
import { decodeValue, ValueType } from './binxml/values';
import { DIRECT_EMPTY_IS_NULL, DIRECT_FIXED, DIRECT_OPTIONAL, type FieldValue, fill, getRemaining, planFor, readFieldValues, setRemaining, soleInstance } from './fields';
import { type EvtxRecord, ParsedRecord, RECORD_VALUE_OFFSETS } from './record';
import { textValue } from './render/content';

/**
 * The fast path without nodes. `readFieldValues` reads fields from a record's parsed tree; this reads
 * the same values, through the same plans, straight from the substitution descriptors of a record
 * that is one template instance, and from those of its EventData when that is one too (Security's).
 * Building the two instances' nodes, substitution objects and offset arrays was about a third of a
 * fast parse. Anything less regular goes through the node path, so results and errors are the same
 * (`record-fields.test.ts` compares the two on every corpus record, `fuzz.ts` on every mutated one).
 */
export function readRecordValues(record: EvtxRecord, names: readonly string[], out: (FieldValue | undefined)[] = []): (FieldValue | undefined)[] {
  const template = record instanceof ParsedRecord ? record.template : null;
  if (template === null) return readFieldValues(record.nodes, names, out);
  const r = record as ParsedRecord;
  const n = names.length;
  if (out.length !== n) out.length = n;
  for (let i = 0; i < n; i++) out[i] = undefined;
  setRemaining(n);
  if (fillDirect(r.parser, template, r.descriptors, r.count, names, out, 0, RECORD_VALUE_OFFSETS)) return out;
  // Some name may exist that only rendering finds: the node path does that part.
  return readFieldValues(record.nodes, names, out);
}

/** Value offsets of nested instances, per depth (reused: no allocation per record). */
const nestedOffsets: ValueOffsets[] = [];

/** `fill` of fields.ts for an instance read in place; the same plans, tests and order. */
function fillDirect(parser: BinXmlParser, template: Template, descriptors: number, count: number, names: readonly string[], out: (FieldValue | undefined)[], depth: number, valueOffsets: ValueOffsets): boolean {
  const plan = planFor(template, names);
  const bytes = parser.bytes;
  const view = parser.view;
  if (!valueOffsets.holds(bytes, descriptors)) valueOffsets.fill(view, bytes, descriptors, count);
  const offsets = valueOffsets.at;
  const direct = plan.direct;
  let filled = 0;
  for (let h = 0; h < direct.length; h += 3) {
    const i = direct[h]!;
    if (out[i] !== undefined) continue;
    const sub = direct[h + 1]!;
    const flags = direct[h + 2]!;
    let v: FieldValue | undefined;
    if (sub >= 0) {
      let raw: FieldValue | undefined = null;
      if (sub < count) {
        const type = bytes[descriptors + 4 * sub + 2]!;
        const size = view.getUint16(descriptors + 4 * sub, true);
        const value = type === ValueType.BinXml ? parser.decodeAt(depth, type, offsets[sub]!, size) : decodeValue(parser, type, offsets[sub]!, size);
        raw = value !== null && typeof value === 'object' && !Array.isArray(value) ? undefined : value; // BinXML: not text
      }
      if (raw === undefined) v = undefined;
      else if ((flags & DIRECT_OPTIONAL) !== 0 && (raw === null || raw === '')) v = undefined;
      else v = raw;
    } else v = textValue(plan.sources[i]!, (flags & DIRECT_FIXED) !== 0 ? null : parser.substitutionsAt(descriptors, count, depth));
    out[i] = v === undefined || (v === '' && (flags & DIRECT_EMPTY_IS_NULL) !== 0) ? null : v;
    filled++;
  }
  setRemaining(getRemaining() - filled);
  let sure = plan.map.complete;
  if (getRemaining() === 0) return sure;
  const nested = plan.map.nested;
  for (let k = 0; k < nested.length; k++) {
    const index = nested[k]!;
    if (index >= count) continue;
    const type = bytes[descriptors + 4 * index + 2]!;
    const size = view.getUint16(descriptors + 4 * index, true);
    const at = offsets[index]!;
    if (type !== ValueType.BinXml) {
      if (decodeValue(parser, type, at, size) !== null) sure = false;
      continue;
    }
    const innerOffsets = (nestedOffsets[depth + 1] ??= new ValueOffsets());
    if (at + size > bytes.length || size === 0 || depth > 4 || !parser.soleInstanceAt(at, at + size, innerOffsets)) {
      // Anything but one instance, a step too deep, or damage: as the node path does it.
      const fragment = parser.decodeAt(depth, type, at, size) as Fragment | null;
      if (fragment === null) continue;
      const inner = soleInstance(fragment.nodes);
      if (!inner || depth > 4) sure = false;
      else if (!fill(inner, names, out, depth + 1)) sure = false;
      continue;
    }
    const innerTemplate = parser.soleTemplate!;
    if (!fillDirect(parser, innerTemplate, parser.soleDescriptors, parser.soleCount, names, out, depth + 1, innerOffsets)) sure = false;
    // The offsets of this depth were not touched by the deeper call (it used the next depth's array).
  }
  return sure;
}
