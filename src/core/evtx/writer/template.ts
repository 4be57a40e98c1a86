import { type ElementSpec, FRAGMENT_HEADER, writeElement } from './binxml-writer';
import type { ChunkBuilder } from './chunk';

/** A template definition: its element tree, and the GUID that names it (a hash of the tree). */
export interface TemplateSpec {
  /** The tree as text: identifies the template within a chunk. */
  readonly key: string;
  readonly guid: Uint8Array;
  /** The GUID's first four bytes, which instances repeat. */
  readonly id: number;
  readonly root: ElementSpec;
}

/**
 * Windows names a template by a GUID derived from its content. Ours is a 128-bit FNV-1a hash of the
 * tree (four 32-bit lanes with different seeds): the same tree always gets the same GUID, so output
 * is deterministic, and different trees get different ones.
 */
function guidOf(text: string): Uint8Array {
  const out = new Uint8Array(16);
  const view = new DataView(out.buffer);
  const seeds = [0x811c9dc5, 0x050c5d1f, 0x2b1c7b3d, 0x6a09e667];
  seeds.forEach((seed, lane) => {
    let h = seed;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    view.setUint32(4 * lane, Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0, true);
  });
  return out;
}

export function templateSpec(root: ElementSpec): TemplateSpec {
  const key = JSON.stringify(root);
  const guid = guidOf(key);
  return { key, guid, id: new DataView(guid.buffer).getUint32(0, true), root };
}

/**
 * A template instance token. The first instance of a template in a chunk carries its definition
 * inline (it is added to the chunk's template table); later ones refer to that definition by offset.
 * The caller writes the instance's values next.
 */
export function writeTemplateInstance(c: ChunkBuilder, spec: TemplateSpec): void {
  c.u8(0x0c);
  c.u8(0x01);
  c.u32(spec.id);
  const known = c.templateOffset(spec.key);
  if (known !== undefined) return c.u32(known);
  const def = c.at + 4;
  c.u32(def);
  const link = c.addTemplate(spec.key, spec.id, def);
  c.u32(link);
  c.bytes(spec.guid);
  const sizeAt = c.at;
  c.u32(0);
  for (const b of FRAGMENT_HEADER) c.u8(b);
  writeElement(c, spec.root);
  c.u8(0x00); // end of stream
  c.view.setUint32(sizeAt, c.at - sizeAt - 4, true);
}
