import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { JsonObject } from '../evtx';
import { keepCarriageReturns } from './entities';
import { typeSystem } from './system';
import { CDATA, elementsToJson, type OrderedNode, TEXT } from './to-json';

/** Elements deeper than this make the event malformed (Windows events nest a handful of levels). */
export const MAX_DEPTH = 100;

/**
 * fast-xml-parser, configured to hand over the document as it is and to resolve nothing:
 * - no entity processing at all (`processEntities: false`, `htmlEntities: false`): the five XML
 *   entities and numeric references are decoded by decodeEntities, anything else stays literal,
 *   so DOCTYPE entities are never expanded (no XXE, no billion laughs);
 * - values stay strings, untrimmed (`parseTagValue`, `parseAttributeValue`, `trimValues` off);
 * - document order kept (`preserveOrder`), for the "_1" suffixes and unnamed Data order;
 * - attributes kept without prefix, CDATA apart from text (it must not be entity-decoded);
 * - nesting bounded (`maxNestedTags`), so deep documents cannot exhaust the stack.
 */
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  textNodeName: TEXT,
  cdataPropName: CDATA,
  commentPropName: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  allowBooleanAttributes: false,
  removeNSPrefix: false,
  alwaysCreateTextNode: false,
  maxNestedTags: MAX_DEPTH,
});

const DECLARATION = /<!(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/;

/**
 * Parses one `<Event …>…</Event>` to evtx_dump-shaped JSON. Throws (with a message fit for a
 * Problem) when it is not well-formed, holds declarations, or nests too deep.
 */
export function parseEvent(text: string): JsonObject {
  const decl = DECLARATION.exec(text);
  if (decl) throw new Error(`${decl[0].slice(1)} declaration inside an event (refused, nothing expanded)`);
  const xml = keepCarriageReturns(text);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
  const nodes = parser.parse(xml) as OrderedNode[];
  return typeSystem(elementsToJson(nodes));
}
