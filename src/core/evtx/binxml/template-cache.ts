import { type Node, NodeKind, type Template } from './nodes';

/**
 * Templates shared across chunks. Every chunk repeats the definitions it uses, so a worker would
 * otherwise parse the same few templates again for every 64 KiB. A definition is reused only when
 * its bytes are identical, the names it takes from elsewhere in the chunk (by offset) resolve to
 * the same strings in the new chunk, and it holds no nested template instance (whose values belong
 * to one chunk). Bounded, so hostile input cannot grow it without limit.
 */
const MAX_ENTRIES = 4096;
/**
 * Entries alone do not bound memory: parsed, a definition takes ~20× its bytes, and a hostile file
 * with one large distinct definition per chunk pinned 1.4 MB per chunk (817 MB after GC for 37 MB).
 * Real logs share well under a megabyte of definitions.
 */
const MAX_BYTES = 4 * 2 ** 20;
let bytesHeld = 0;
/** A name the definition refers to by chunk offset, and what it was. */
export type NameRef = [offset: number, name: string];
const entries = new Map<number, { bytes: Uint8Array; names: NameRef[]; template: Template }[]>();
let size = 0;

/** Bytes from the definition's GUID to its end: the GUID, the size and the BinXML. */
const GUID_AT = 4;

/** A number from the GUID's first word and the size: a hint only, the bytes are compared. */
function key(chunk: Uint8Array, offset: number, dataSize: number): number {
  const g = chunk[offset + 4]! | (chunk[offset + 5]! << 8) | (chunk[offset + 6]! << 16) | (chunk[offset + 7]! << 24);
  return (g ^ Math.imul(dataSize, 0x9e3779b1)) >>> 0;
}

/** Byte equality of `a` with `b[start…]`, four bytes at a time (this runs for every template of every chunk). */
function equal(a: Uint8Array, b: Uint8Array, start: number): boolean {
  const va = new DataView(a.buffer, a.byteOffset, a.byteLength);
  const vb = new DataView(b.buffer, b.byteOffset + start, a.byteLength);
  const words = a.length & ~3;
  for (let i = 0; i < words; i += 4) if (va.getInt32(i) !== vb.getInt32(i)) return false;
  for (let i = words; i < a.length; i++) if (a[i] !== b[start + i]) return false;
  return true;
}

/** The shared template whose definition (GUID, size, BinXML) at `offset` in this chunk is byte-identical, with the same names. */
export function findSharedTemplate(chunk: Uint8Array, offset: number, dataSize: number, nameAt: (offset: number) => string | undefined): Template | undefined {
  const list = entries.get(key(chunk, offset, dataSize));
  if (!list) return undefined;
  for (const e of list) {
    if (e.bytes.length === 20 + dataSize && equal(e.bytes, chunk, offset + GUID_AT) && e.names.every(([o, n]) => nameAt(o) === n)) return e.template;
  }
  return undefined;
}

export function shareTemplate(template: Template, chunk: Uint8Array, offset: number, dataSize: number, names: NameRef[]): void {
  if (containsInstance(template.nodes)) return;
  if (size >= MAX_ENTRIES || bytesHeld + dataSize > MAX_BYTES) {
    entries.clear();
    size = 0;
    bytesHeld = 0;
  }
  bytesHeld += dataSize;
  const k = key(chunk, offset, dataSize);
  const list = entries.get(k) ?? [];
  list.push({ bytes: chunk.slice(offset + GUID_AT, offset + 24 + dataSize), names, template });
  entries.set(k, list);
  size++;
}

function containsInstance(nodes: readonly Node[]): boolean {
  for (const n of nodes) {
    if (n.k === NodeKind.TemplateInstance) return true;
    if (n.k === NodeKind.Element && (containsInstance(n.children) || n.attrs.some((a) => containsInstance(a.value)))) return true;
  }
  return false;
}
