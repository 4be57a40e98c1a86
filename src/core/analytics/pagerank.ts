/**
 * LogonTracer's PageRank variant (`pagerank`, reference §5.3), in O(iterations × (nodes + rows))
 * instead of the reference's O(iterations × N × (N + R)).
 *
 * Reproduced on purpose (they decide every rank LogonTracer shows):
 * - per-node damping: 0.6 admin, 0.85 user, 0.8 host; −0.2 HMM-flagged, −0.1 NTLM, − max
 *   ChangeFinder score / 200, subtracted in that order, with nothing keeping it positive;
 * - one link per aggregated row, so a pair seen in k rows gives k parallel links: the denominator
 *   len(links(q)) counts them, but q counts *once* in p's sum (the reference tests `p in links(q)`).
 *   The operator is therefore not stochastic; ranks need not sum to 1;
 * - 30 synchronous iterations from 1/N, no convergence test; min–max normalisation.
 *
 * Fixed on purpose: links are the rows' exact (host, user) pairs. The reference links a node to
 * every row whose host or user merely *contains* its id (`10.0.0.1` picks up `10.0.0.10`'s rows,
 * `admin@` picks up `sysadmin@`'s, host `alice` picks up user `alice@`'s).
 *
 * Defined where the reference crashes: if every rank is equal (max = min), every normalised rank
 * is 0 — no node stands out (the reference divides by zero).
 */

export type PagerankNodeKind = 'user' | 'host';

export interface PagerankNode {
  /** User key (ending in `@`) or host key; ids are unique across both kinds. */
  readonly id: string;
  readonly kind: PagerankNodeKind;
  /** Subject of a 4672 (LogonTracer's admins). */
  readonly admin?: boolean;
  /** Flagged by the HMM (§5.2). */
  readonly hmm?: boolean;
  /** In the NTLM list (§3.8). */
  readonly ntlm?: boolean;
  /** Max ChangeFinder score (§5.1); absent or 0 for hosts. */
  readonly changeFinderMax?: number;
}

/** One whole-range aggregated row (§3.3): duplicates of a pair are parallel links. */
export interface PagerankRow {
  readonly host: string;
  readonly user: string;
}

export interface PagerankOptions {
  /** Default 30 (LogonTracer's `numloops`). */
  readonly iterations?: number;
}

export interface PagerankResult {
  /** Node ids, in input order; the arrays below are indexed the same way. */
  readonly ids: readonly string[];
  readonly damping: Float64Array;
  readonly raw: Float64Array;
  /** (v − min) / (max − min); all 0 when every raw rank is equal. */
  readonly normalised: Float64Array;
}

export const LOGONTRACER_PAGERANK_ITERATIONS = 30;

/** The reference's damping factor, subtractions in its order (the float result depends on it). */
export function dampingFactor(node: PagerankNode): number {
  let df = node.admin ? 0.6 : node.kind === 'user' ? 0.85 : 0.8;
  if (node.hmm) df -= 0.2;
  if (node.ntlm) df -= 0.1;
  if (node.changeFinderMax !== undefined) df -= node.changeFinderMax / 200;
  return df;
}

/**
 * The iteration on indices: `damping` per node, rows as parallel arrays of node indices.
 * Returns the raw ranks after `iterations` Jacobi steps.
 */
export function pagerankCore(
  damping: Float64Array,
  rowHost: ArrayLike<number>,
  rowUser: ArrayLike<number>,
  iterations: number = LOGONTRACER_PAGERANK_ITERATIONS,
): Float64Array {
  const N = damping.length;
  const R = rowHost.length;
  if (rowUser.length !== R) throw new RangeError('pagerankCore: rowHost and rowUser lengths differ');
  if (!Number.isInteger(iterations) || iterations < 0) throw new RangeError(`pagerankCore: bad iteration count ${iterations}`);
  if (N === 0) return new Float64Array(0);

  // len(links(q)): one link per row the node is in, duplicates included.
  const degree = new Uint32Array(N);
  // Rows bucketed by host (counting sort) to find the distinct (host, user) pairs in O(N + R).
  const hostStart = new Uint32Array(N + 1);
  for (let r = 0; r < R; r++) {
    const h = rowHost[r] as number;
    const u = rowUser[r] as number;
    if (!(h >= 0 && h < N && u >= 0 && u < N) || h === u) throw new RangeError(`pagerankCore: bad row ${r} (${h}, ${u})`);
    degree[h] = (degree[h] as number) + 1;
    degree[u] = (degree[u] as number) + 1;
    hostStart[h + 1] = (hostStart[h + 1] as number) + 1;
  }
  for (let i = 0; i < N; i++) hostStart[i + 1] = (hostStart[i + 1] as number) + (hostStart[i] as number);
  const fill = hostStart.slice(0, N);
  const byHost = new Uint32Array(R);
  for (let r = 0; r < R; r++) {
    const h = rowHost[r] as number;
    byHost[fill[h] as number] = rowUser[r] as number;
    fill[h] = (fill[h] as number) + 1;
  }
  // A neighbour counts once: keep each (host, user) pair once, stamping users seen per host.
  const stamp = new Int32Array(N).fill(-1);
  const pairHost = new Uint32Array(R);
  const pairUser = new Uint32Array(R);
  let P = 0;
  for (let h = 0; h < N; h++) {
    for (let k = hostStart[h] as number, end = hostStart[h + 1] as number; k < end; k++) {
      const u = byHost[k] as number;
      if (stamp[u] === h) continue;
      stamp[u] = h;
      pairHost[P] = h;
      pairUser[P] = u;
      P++;
    }
  }

  let ranks = new Float64Array(N).fill(1 / N);
  let next = new Float64Array(N);
  const share = new Float64Array(N);
  for (let it = 0; it < iterations; it++) {
    for (let q = 0; q < N; q++) {
      const deg = degree[q] as number;
      share[q] = deg === 0 ? 0 : ((damping[q] as number) * (ranks[q] as number)) / deg;
      next[q] = (1 - (damping[q] as number)) / N;
    }
    for (let k = 0; k < P; k++) {
      const h = pairHost[k] as number;
      const u = pairUser[k] as number;
      next[h] = (next[h] as number) + (share[u] as number);
      next[u] = (next[u] as number) + (share[h] as number);
    }
    const t = ranks;
    ranks = next;
    next = t;
  }
  return ranks;
}

/** Min–max normalisation; all 0 when max = min (the reference divides by zero there). */
export function normaliseRanks(raw: ArrayLike<number>): Float64Array {
  const out = new Float64Array(raw.length);
  if (raw.length === 0) return out;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i] as number;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min;
  if (!(span > 0)) return out;
  for (let i = 0; i < raw.length; i++) out[i] = ((raw[i] as number) - min) / span;
  return out;
}

/**
 * LogonTracer's ranks for `nodes` linked by `rows`. LogonTracer's node set is exactly the hosts
 * and users appearing in rows; a node given here without rows still counts in N and keeps
 * (1 − d)/N.
 */
export function logonTracerPagerank(
  nodes: readonly PagerankNode[],
  rows: readonly PagerankRow[],
  options: PagerankOptions = {},
): PagerankResult {
  const N = nodes.length;
  const index = new Map<string, number>();
  const damping = new Float64Array(N);
  const ids: string[] = new Array(N);
  for (let i = 0; i < N; i++) {
    const node = nodes[i] as PagerankNode;
    if (index.has(node.id)) throw new RangeError(`logonTracerPagerank: duplicate node id ${JSON.stringify(node.id)}`);
    index.set(node.id, i);
    ids[i] = node.id;
    damping[i] = dampingFactor(node);
  }
  const rowHost = new Uint32Array(rows.length);
  const rowUser = new Uint32Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as PagerankRow;
    const h = index.get(row.host);
    const u = index.get(row.user);
    if (h === undefined || (nodes[h] as PagerankNode).kind !== 'host') throw new RangeError(`logonTracerPagerank: row ${r} host ${JSON.stringify(row.host)} is not a host node`);
    if (u === undefined || (nodes[u] as PagerankNode).kind !== 'user') throw new RangeError(`logonTracerPagerank: row ${r} user ${JSON.stringify(row.user)} is not a user node`);
    rowHost[r] = h;
    rowUser[r] = u;
  }
  const raw = pagerankCore(damping, rowHost, rowUser, options.iterations ?? LOGONTRACER_PAGERANK_ITERATIONS);
  return { ids, damping, raw, normalised: normaliseRanks(raw) };
}
