import { type Node, NodeKind, type Template } from './nodes';

/**
 * Templates shared across chunks. Every chunk repeats the definitions it uses, so a worker would
 * otherwise parse the same few templates again for every 64 KiB. A definition is reused only when
 * its bytes are identical except where it points into its chunk, its names resolve to the same
 * strings in the new chunk, and it holds no nested template instance (whose values belong to one
 * chunk). Bounded, so hostile input cannot grow it without limit.
 *
 * Why "except where it points into its chunk": a name reference is a chunk offset, both when the
 * name follows inline and when it is one stored earlier in the chunk, and an inline name begins with
 * the chunk offset of the next name in its hash bucket. So one definition written at another place
 * in another chunk differs in those words, and comparing raw bytes matched only definitions at the
 * same place: on a real log (evtx-samples/security.evtx) 61 % of lookups, on the repeated bench log
 * all of them. Those words are skipped in the comparison; each reference is checked instead to be
 * inline again at the same relative place, or to point at a name with the same text.
 */
const MAX_ENTRIES = 4096;
/**
 * Entries alone do not bound memory: parsed, a definition takes ~20× its bytes, and a hostile file
 * with one large distinct definition per chunk pinned 1.4 MB per chunk (817 MB after GC for 37 MB).
 * Real logs share well under a megabyte of definitions.
 */
const MAX_BYTES = 4 * 2 ** 20;
let bytesHeld = 0;
/**
 * A name reference met while parsing a definition: the chunk offset of its 4-byte offset field,
 * and the name it pointed at, or null when the name followed inline.
 */
export type NameRef = [at: number, name: string | null];
interface Entry {
  /** The definition from its GUID on. */
  readonly bytes: Uint8Array;
  /** 1 for the bytes that are chunk offsets (name references, inline names' next links): not compared. */
  readonly skip: Uint8Array;
  /**
   * The same bytes as words, from the first byte that is 4-aligned in the chunk, one copy per
   * alignment met (made on first use): comparing Int32Arrays is ~3× faster than DataView reads,
   * and every chunk compares a few kilobytes of definitions.
   */
  readonly words: (Int32Array | undefined)[];
  /** Where the bytes last differed from a chunk's (-1: never). */
  mismatch: number;
  /** Name references, relative to the GUID, and their names (null: inline). Each offset once per name. */
  readonly refAt: Int32Array;
  readonly refName: (string | null)[];
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

/** Equality of the entry's definition with `chunk[start…]`, except the bytes it skips. */
function equal(e: Entry, chunk: Uint8Array, start: number): boolean {
  const a = e.bytes;
  const skip = e.skip;
  const n = a.length;
  // Variants of a definition share a key, and a chunk may meet some that differ from the one it
  // holds: where the last comparison failed is checked first.
  const p = e.mismatch;
  if (p >= 0 && a[p] !== chunk[start + p]) return false;
  // Bytes before the first 4-aligned one, then whole words, then the rest.
  const head = Math.min(n, (4 - ((chunk.byteOffset + start) & 3)) & 3);
  for (let i = 0; i < head; i++) if (a[i] !== chunk[start + i] && skip[i] === 0) return mismatch(e, i);
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
      // A differing word: fine if only skipped bytes differ (chunk offsets).
      for (let i = head + 4 * w; i < head + 4 * w + 4; i++) if (a[i] !== chunk[start + i] && skip[i] === 0) return mismatch(e, i);
    }
  }
  for (let i = head + 4 * count; i < n; i++) if (a[i] !== chunk[start + i] && skip[i] === 0) return mismatch(e, i);
  return true;
}

function mismatch(e: Entry, at: number): false {
  e.mismatch = at;
  return false;
}

/**
 * The shared template whose definition (GUID, size, BinXML) at `offset` in this chunk is the same,
 * offsets into the chunk aside, with the same names.
 */
export function findSharedTemplate(chunk: Uint8Array, offset: number, dataSize: number, nameAt: (offset: number) => string | undefined): Template | undefined {
  const list = entries.get(key(chunk, offset, dataSize));
  if (!list) return undefined;
  const start = offset + GUID_AT;
  for (let i = 0; i < list.length; i++) {
    const e = list[i]!;
    if (e.bytes.length !== 20 + dataSize || !equal(e, chunk, start) || !namesMatch(e, chunk, start, nameAt)) continue;
    // Variants of one definition share a key: the last one found is tried first next time.
    if (i > 0) list.unshift(...list.splice(i, 1));
    return e.template;
  }
  return undefined;
}

/** Each reference inline again at its place (its bytes were compared), or pointing at the same name. */
function namesMatch(e: Entry, chunk: Uint8Array, start: number, nameAt: (offset: number) => string | undefined): boolean {
  const refAt = e.refAt;
  for (let j = 0; j < refAt.length; j++) {
    const at = start + refAt[j]!;
    const target = (chunk[at]! | (chunk[at + 1]! << 8) | (chunk[at + 2]! << 16) | (chunk[at + 3]! << 24)) >>> 0;
    const name = e.refName[j]!;
    if (name === null ? target !== at + 4 : target === at + 4 || nameAt(target) !== name) return false;
  }
  return true;
}

export function shareTemplate(template: Template, chunk: Uint8Array, offset: number, dataSize: number, refs: NameRef[]): void {
  if (containsInstance(template.nodes)) return;
  if (size >= MAX_ENTRIES || bytesHeld + 2 * dataSize > MAX_BYTES) {
    entries.clear();
    size = 0;
    bytesHeld = 0;
  }
  bytesHeld += 2 * dataSize;
  const k = key(chunk, offset, dataSize);
  const list = entries.get(k) ?? [];
  const start = offset + GUID_AT;
  const bytes = chunk.slice(start, offset + 24 + dataSize);
  const skip = new Uint8Array(bytes.length);
  const refAt: number[] = [];
  const refName: (string | null)[] = [];
  for (const [at, name] of refs) {
    const rel = at - start;
    // A reference outside the definition's bytes cannot happen (the parser read it there): ignored.
    if (rel < 0 || rel + 4 > bytes.length) continue;
    skip.fill(1, rel, rel + 4);
    // An inline name starts with the chunk offset of the next name in its hash bucket.
    if (name === null && rel + 8 <= bytes.length) skip.fill(1, rel + 4, rel + 8);
    refAt.push(rel);
    refName.push(name);
  }
  list.push({ bytes, skip, words: [], mismatch: -1, refAt: Int32Array.from(refAt), refName, template });
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
