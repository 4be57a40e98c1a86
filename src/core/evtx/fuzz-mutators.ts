// Seeded mutations of whole EVTX files for the fuzzer (fuzz.ts). Deterministic: the same seed and
// input give the same bytes, so any failure can be replayed from its seed alone.
import { crc32 } from './crc32';
import { FIELD_KINDS, type Fields } from './fuzz-fields';

const FILE_HEADER = 4096;
const CHUNK = 65536;

/** mulberry32: tiny, fast, and good enough to drive mutations. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  /** Uniform in [0, 2^32). */
  u32(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** Uniform integer in [0, n). */
  int(n: number): number {
    return n <= 0 ? 0 : Math.floor((this.u32() / 2 ** 32) * n);
  }
  chance(p: number): boolean {
    return this.u32() / 2 ** 32 < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

/** A seed for case `i` of a run seeded with `seed`: each case can be replayed on its own. */
export function caseSeed(seed: number, i: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(i + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  return (h ^ (h >>> 15)) >>> 0;
}

const BYTES = [0x00, 0xff, 0x7f, 0x80, 0x01, 0xfe, 0x0f, 0x0c, 0x21, 0x2a];
/** Lengths and offsets that sit on the edges the parser checks. */
const BOUNDARIES = [0, 1, 2, 3, 4, 8, 23, 24, 27, 28, 0x7f, 0x80, 0xff, 0x100, 511, 512, 513, 0x7fff, 0x8000, 0xfff0, 0xfffc, 0xffff, 0x10000, 0x10001, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];

interface Region {
  start: number;
  end: number;
}

function chunkRegions(size: number): Region[] {
  const out: Region[] = [];
  for (let at = FILE_HEADER; at < size; at += CHUNK) out.push({ start: at, end: Math.min(at + CHUNK, size) });
  return out;
}

function write(bytes: Uint8Array, at: number, width: number, value: number): void {
  for (let i = 0; i < width && at + i < bytes.length; i++) bytes[at + i] = i < 4 ? (value >>> (8 * i)) & 0xff : 0;
}

function read(bytes: Uint8Array, at: number, width: number): number {
  let v = 0;
  for (let i = Math.min(width, 4) - 1; i >= 0; i--) v = v * 256 + (bytes[at + i] ?? 0);
  return v;
}

/** A value for field `i`: a boundary, one off its current value, something pointing at itself, or random. */
function fieldValue(rng: Rng, bytes: Uint8Array, fields: Fields, i: number): number {
  const width = fields.width[i]!;
  const current = read(bytes, fields.at[i]!, width);
  const max = width >= 4 ? 0xffffffff : 2 ** (8 * width) - 1;
  return (rawFieldValue(rng, current, fields.at[i]!, fields.chunk[i]!) & max) >>> 0; // `& max` alone gives a signed 32-bit value
}

function rawFieldValue(rng: Rng, current: number, at: number, chunk: number): number {
  switch (rng.int(6)) {
    case 0:
      return rng.pick(BOUNDARIES);
    case 1:
      return current + (rng.chance(0.5) ? 1 : -1);
    case 2:
      // Chunk-relative offsets pointing at the field itself, or just before/after it.
      return chunk < 0 ? rng.int(4096) : at - chunk + rng.int(9) - 4;
    case 3:
      return current * 2;
    case 4:
      return rng.int(CHUNK);
    default:
      return rng.u32();
  }
}

type Mutator = (rng: Rng, bytes: Uint8Array, fields: Fields, region: Region) => Uint8Array | string;

/** In-place mutators return a label; those that change the length return new bytes (label added by caller). */
const MUTATORS: Record<string, Mutator> = {
  bitFlips(rng, b, _f, r) {
    const n = 1 + rng.int(8);
    for (let i = 0; i < n; i++) b[r.start + rng.int(r.end - r.start)]! ^= 1 << rng.int(8);
    return `bitFlips×${n}`;
  },
  interestingBytes(rng, b, _f, r) {
    const n = 1 + rng.int(4);
    for (let i = 0; i < n; i++) {
      const at = r.start + rng.int(r.end - r.start);
      if (rng.chance(0.5)) b[at] = rng.pick(BYTES);
      else write(b, at, rng.pick([2, 4]), rng.pick(BOUNDARIES));
    }
    return `interestingBytes×${n}`;
  },
  field(rng, b, fields, r) {
    // Kind first, then fields of that kind: rare kinds (free space, template size) get hit as often as common ones.
    const byKind = new Map<number, number[]>();
    for (let i = 0; i < fields.length; i++) {
      if (fields.at[i]! < r.start || fields.at[i]! + fields.width[i]! > r.end) continue;
      const list = byKind.get(fields.kind[i]!);
      if (list) list.push(i);
      else byKind.set(fields.kind[i]!, [i]);
    }
    if (byKind.size === 0) return 'field(none)';
    const ofKind = rng.pick([...byKind.values()]);
    const n = 1 + rng.int(3);
    const hit: string[] = [];
    for (let k = 0; k < n; k++) {
      const i = rng.pick(ofKind);
      const v = fieldValue(rng, b, fields, i);
      write(b, fields.at[i]!, fields.width[i]!, v);
      hit.push(`${FIELD_KINDS[fields.kind[i]!]}@0x${fields.at[i]!.toString(16)}=0x${v.toString(16)}`);
    }
    return `field ${hit.join(' ')}`;
  },
  zeroRange(rng, b, _f, r) {
    const whole = rng.chance(0.5);
    const start = whole ? r.start : r.start + rng.int(r.end - r.start);
    const end = whole ? r.end : Math.min(r.end, start + 1 + rng.int(4096));
    b.fill(0, start, end);
    return `zero 0x${start.toString(16)}-0x${end.toString(16)}`;
  },
  truncate(rng, b) {
    // Often near a chunk or header boundary, where off-by-one errors live.
    const chunks = Math.max(1, Math.ceil((b.length - FILE_HEADER) / CHUNK));
    const at = rng.chance(0.5) ? Math.max(0, FILE_HEADER + CHUNK * rng.int(chunks) + rng.int(1024) - 512) : rng.int(b.length);
    return b.slice(0, Math.min(at, b.length));
  },
  shuffleChunks(rng, b) {
    const regions = chunkRegions(b.length).filter((r) => r.end - r.start === CHUNK);
    if (regions.length < 2) return 'shuffle(none)';
    const copies = regions.map((r) => b.slice(r.start, r.end));
    for (let i = copies.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [copies[i], copies[j]] = [copies[j]!, copies[i]!];
    }
    copies.forEach((c, i) => b.set(c, regions[i]!.start));
    return 'shuffleChunks';
  },
  duplicateChunk(rng, b) {
    const regions = chunkRegions(b.length).filter((r) => r.end - r.start === CHUNK);
    if (regions.length === 0) return 'duplicate(none)';
    const from = rng.pick(regions);
    if (rng.chance(0.5) && regions.length > 1) {
      const to = rng.pick(regions);
      b.copyWithin(to.start, from.start, from.end);
      return `copyChunk 0x${from.start.toString(16)}→0x${to.start.toString(16)}`;
    }
    const out = new Uint8Array(b.length + CHUNK);
    out.set(b);
    out.set(b.subarray(from.start, from.end), b.length);
    return out;
  },
  fixChecksums(_rng, b) {
    // Mutated chunks with valid checksums look intact: the parser must not trust them more.
    if (b.length >= 128) write(b, 124, 4, crc32(b, 0, 120));
    for (const r of chunkRegions(b.length)) {
      if (r.end - r.start < 512) continue;
      const c = b.subarray(r.start, r.end);
      const free = read(c, 48, 4);
      if (free >= 512 && free <= c.length) write(c, 52, 4, crc32(c, 512, free));
      write(c, 124, 4, crc32(c, 128, 512, crc32(c, 0, 120)));
    }
    return 'fixChecksums';
  },
};

export interface Mutation {
  bytes: Uint8Array;
  /** What was done, in order, for the failure report. */
  steps: string[];
}

/**
 * Applies 1–4 random mutations to a copy of `original`. Half the time they are confined to one chunk
 * (so the rest of the file stays intact and the damage is easy to locate). `fields` are those of `original`.
 */
export function mutate(rng: Rng, original: Uint8Array, fields: Fields): Mutation {
  let bytes: Uint8Array = original.slice();
  const steps: string[] = [];
  const chunks = chunkRegions(bytes.length);
  const oneChunk = chunks.length > 0 && rng.chance(0.5) ? rng.pick(chunks) : null;
  if (oneChunk) steps.push(`in chunk at 0x${oneChunk.start.toString(16)}`);
  const n = 1 + rng.int(4);
  const names = Object.keys(MUTATORS);
  const local = ['bitFlips', 'interestingBytes', 'field', 'zeroRange'];
  for (let i = 0; i < n; i++) {
    const name = oneChunk ? rng.pick(local) : rng.pick(names);
    const region = oneChunk ?? { start: 0, end: bytes.length };
    if (region.end <= region.start || bytes.length === 0) break;
    const result = MUTATORS[name]!(rng, bytes, fields, { start: region.start, end: Math.min(region.end, bytes.length) });
    if (typeof result === 'string') steps.push(result);
    else {
      steps.push(`${name} → ${result.length} bytes`);
      bytes = result;
    }
  }
  if (rng.chance(0.3)) steps.push(MUTATORS.fixChecksums!(rng, bytes, fields, { start: 0, end: bytes.length }) as string);
  return { bytes, steps };
}
