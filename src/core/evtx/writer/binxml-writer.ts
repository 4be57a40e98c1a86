import type { ChunkBuilder } from './chunk';

/**
 * BinXML tokens (MS-EVEN6 2.2.12), written the way Windows writes them in templates: elements carry
 * a dependency id and their size, names are stored inline on first use in the chunk and referred to
 * by offset afterwards (with the chunk's string table hashing them), attributes say whether more follow.
 */

/** What an element or attribute holds: literal text, or a substitution of the template instance's values. */
export type Content = { readonly text: string } | { readonly sub: number; readonly type: number; readonly optional: boolean };

export interface ElementSpec {
  readonly name: string;
  readonly attrs?: readonly (readonly [name: string, value: Content])[];
  readonly children?: readonly (ElementSpec | Content)[];
}

export const FRAGMENT_HEADER = [0x0f, 0x01, 0x01, 0x00] as const;

/** The name hash of the string table (as Windows computes it: ×65599, low 16 bits). */
export function nameHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 65599) + s.charCodeAt(i)) >>> 0;
  return h & 0xffff;
}

/** A name reference: the offset of a name stored earlier in the chunk, or the name itself, inline. */
export function writeName(c: ChunkBuilder, name: string): void {
  const known = c.nameOffset(name);
  if (known !== undefined) return c.u32(known);
  const offset = c.at + 4;
  c.u32(offset);
  const hash = nameHash(name);
  // The bucket's previous head goes in the name's link field.
  const link = c.addName(name, hash, offset);
  c.u32(link);
  c.u16(hash);
  c.u16(name.length);
  c.utf16(name);
  c.u16(0);
}

function isContent(n: ElementSpec | Content): n is Content {
  return !('name' in n);
}

function writeContent(c: ChunkBuilder, content: Content): void {
  if ('text' in content) {
    if (content.text.length > 0xffff) throw new RangeError(`EvtxWriter: text of ${content.text.length} characters cannot be stored (at most 65,535)`);
    c.u8(0x05); // value text
    c.u8(0x01); // of type string
    c.u16(content.text.length);
    c.utf16(content.text);
  } else {
    c.u8(content.optional ? 0x0e : 0x0d);
    c.u16(content.sub);
    c.u8(content.type);
  }
}

/** An element of a template definition, with its attributes and children. */
export function writeElement(c: ChunkBuilder, el: ElementSpec): void {
  const attrs = el.attrs ?? [];
  const children = el.children ?? [];
  const only = children.length === 1 ? children[0]! : null;
  // Windows names the optional substitution an element stands for (the element is left out without it).
  const dependency = only && isContent(only) && 'sub' in only && only.optional ? only.sub : 0xffff;
  c.u8(attrs.length > 0 ? 0x41 : 0x01);
  c.u16(dependency);
  const sizeAt = c.at;
  c.u32(0);
  writeName(c, el.name);
  if (attrs.length > 0) {
    const listAt = c.at;
    c.u32(0);
    attrs.forEach(([name, value], i) => {
      c.u8(i < attrs.length - 1 ? 0x46 : 0x06);
      writeName(c, name);
      writeContent(c, value);
    });
    c.view.setUint32(listAt, c.at - listAt - 4, true);
  }
  if (children.length === 0) c.u8(0x03);
  else {
    c.u8(0x02);
    for (const child of children) {
      if (isContent(child)) writeContent(c, child);
      else writeElement(c, child);
    }
    c.u8(0x04);
  }
  c.view.setUint32(sizeAt, c.at - sizeAt - 4, true);
}
