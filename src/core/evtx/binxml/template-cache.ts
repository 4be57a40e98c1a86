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
interface Entry {
  /** The definition from its GUID on. */
  readonly bytes: Uint8Array;
  /**
   * The same bytes as words, from the first byte that is 4-aligned in the chunk, one copy per
   * alignment met (made on first use): comparing Int32Arrays is ~3× faster than DataView reads,
   * and every chunk compares a few kilobytes of definitions.
   */
  readonly words: (Int32Array | undefined)[];
  /** Where the bytes last differed from a chunk's (-1: never). */
  mismatch: number;
  readonly names: NameRef[];
  readonly template: Template;
}
const entries = new Map<number, Entry[]>();
let size = 0;

/** Bytes from the definition's GUID to its end: the GUID, the size and the BinXML. */
const GUID_AT = 4;

/** A number from the GUID's first word and the size: a hint only, the bytes are compared. */
function key(chunk: Uint8Array, offset: number, dataSize: number): number {
  const g = chunk[offset + 4]! | (chunk[offset + 5]! << 8) | (chunk[offset + 6]! << 16) | (chunk[offset + 7]! << 24);
  // 30 bits: a small integer, which a Map hashes faster than a heap number.
  return (g ^ Math.imul(dataSize, 0x9e3779b1)) & 0x3fffffff;
}

/** Byte equality of the entry's definition with `chunk[start…]`. */
function equal(e: Entry, chunk: Uint8Array, start: number): boolean {
  const a = e.bytes;
  const n = a.length;
  // Variants of a definition (names at other offsets) share a key, and a chunk meets ~20 of them
  // that differ from the one it holds: where the last comparison failed is checked first.
  const p = e.mismatch;
  if (p >= 0 && a[p] !== chunk[start + p]) return false;
  // Bytes before the first 4-aligned one, then whole words, then the rest.
  const head = Math.min(n, (4 - ((chunk.byteOffset + start) & 3)) & 3);
  for (let i = 0; i < head; i++) if (a[i] !== chunk[start + i]) return mismatch(e, i);
  const count = (n - head) >> 2;
  if (count > 0) {
    let mine = e.words[head];
    if (!mine) {
      mine = e.words[head] = new Int32Array(a.slice(head, head + 4 * count).buffer);
      bytesHeld += 4 * count;
    }
    const theirs = new Int32Array(chunk.buffer, chunk.byteOffset + start + head, count);
    for (let w = 0; w < count; w++) {
      if (mine[w] === theirs[w]) continue;
      let i = head + 4 * w;
      while (a[i] === chunk[start + i]) i++;
      return mismatch(e, i);
    }
  }
  for (let i = head + 4 * count; i < n; i++) if (a[i] !== chunk[start + i]) return mismatch(e, i);
  return true;
}

function mismatch(e: Entry, at: number): false {
  e.mismatch = at;
  return false;
}

/** The shared template whose definition (GUID, size, BinXML) at `offset` in this chunk is byte-identical, with the same names. */
export function findSharedTemplate(chunk: Uint8Array, offset: number, dataSize: number, nameAt: (offset: number) => string | undefined): Template | undefined {
  const list = entries.get(key(chunk, offset, dataSize));
  if (!list) return undefined;
  for (let i = 0; i < list.length; i++) {
    const e = list[i]!;
    if (e.bytes.length !== 20 + dataSize || !equal(e, chunk, offset + GUID_AT) || !namesMatch(e.names, nameAt)) continue;
    // Variants of one definition share a key (names at other offsets): the last one found is tried first next time.
    if (i > 0) list.unshift(...list.splice(i, 1));
    return e.template;
  }
  return undefined;
}

function namesMatch(names: NameRef[], nameAt: (offset: number) => string | undefined): boolean {
  for (const [o, n] of names) if (nameAt(o) !== n) return false;
  return true;
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
  // A template refers to the same few names (Data, Name) many times: each offset is checked once.
  const unique = [...new Map(names).entries()];
  list.push({ bytes: chunk.slice(offset + GUID_AT, offset + 24 + dataSize), words: [], mismatch: -1, names: unique, template });
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
