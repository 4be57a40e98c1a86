// Rendering is bounded because templates and BinXML values can reference one another: a few hundred
// hostile bytes can describe a record that expands exponentially, or forever (a value that
// instantiates the template holding it), and one long value can be referenced thousands of times.
// Exceeding a limit throws; the chunk visitor then reports the record as skipped.

/**
 * Per record. Real records render a few hundred nodes about a dozen levels deep (corpus: at most 556
 * and 11). No chunk holds more than 65,536 tokens, so more nodes than that means shared parts are
 * being expanded again and again. 2^24 characters (32 MB) is ~100× the text of the largest real record.
 */
export const MAX_NODES = 65_536;
export const MAX_DEPTH = 256;
export const MAX_CHARS = 1 << 24;

/**
 * Per chunk visit, shared by all its records: without it a chunk of 1,346 tiny records, each
 * instantiating one exponential template, costs 1,346 × the per-record limit (11 s for one chunk).
 * Real chunks use under a tenth of this with JSON, XML and fields all rendered (see fuzz.test.ts).
 */
export const CHUNK_MAX_NODES = 1 << 21;
export const CHUNK_MAX_CHARS = 1 << 26;

/** A render limit was reached: expected for hostile input, unlike other exceptions (see fuzz.ts). */
export class RenderLimitError extends Error {
  override name = 'RenderLimitError';
}

let chunkNodesLeft = Infinity;
let chunkCharsLeft = Infinity;

/**
 * Runs `visit` (one chunk's records handed to their consumer, synchronously) with the per-chunk
 * allowance. Outside a visit (a record rendered on demand later) only the per-record limits apply.
 */
export function withChunkAllowance<T>(visit: () => T): T {
  const saved = [chunkNodesLeft, chunkCharsLeft] as const;
  chunkNodesLeft = CHUNK_MAX_NODES;
  chunkCharsLeft = CHUNK_MAX_CHARS;
  try {
    return visit();
  } finally {
    [chunkNodesLeft, chunkCharsLeft] = saved;
  }
}

/** Charges text built outside a render (the fields fast path joins substitutions) to the chunk. */
export function spendChunkChars(chars: number): void {
  if ((chunkCharsLeft -= chars) < 0) throw new RenderLimitError(`chunk renders more than ${CHUNK_MAX_CHARS} characters`);
}

/** The work of one render: nodes visited, characters produced, nesting of the walk. */
export class RenderBudget {
  private nodes = 0;
  private chars = 0;
  private depth = 0;

  /** On entering a nested walk of `nodes` nodes; `leave` is skipped on a throw since the render is abandoned. */
  enter(nodes: number): void {
    if (++this.depth > MAX_DEPTH) throw new RenderLimitError(`record nests more than ${MAX_DEPTH} levels deep`);
    this.spend(nodes, 0);
  }
  leave(): void {
    this.depth--;
  }
  spend(nodes: number, chars: number): void {
    this.nodes += nodes;
    this.chars += chars;
    chunkNodesLeft -= nodes;
    chunkCharsLeft -= chars;
    if (this.nodes > MAX_NODES) throw new RenderLimitError(`record expands to more than ${MAX_NODES} nodes`);
    if (this.chars > MAX_CHARS) throw new RenderLimitError(`record expands to more than ${MAX_CHARS} characters`);
    if (chunkNodesLeft < 0) throw new RenderLimitError(`chunk renders more than ${CHUNK_MAX_NODES} nodes`);
    if (chunkCharsLeft < 0) throw new RenderLimitError(`chunk renders more than ${CHUNK_MAX_CHARS} characters`);
  }
}

/** Characters in a rendered value, for the budget. */
export function textSize(v: unknown): number {
  if (typeof v === 'string') return v.length;
  if (!Array.isArray(v)) return 1;
  let n = v.length;
  for (const x of v) if (typeof x === 'string') n += x.length;
  return n;
}
