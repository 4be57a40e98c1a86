import type { ViewEdge, ViewNode, ViewResult } from './views';

/**
 * The diff graph (reference §6.7): the same view over two windows of one case, or over two cases,
 * and what is only in one of them. The reference compared edge *sources* only ([BUG]); here an edge
 * is the same edge when its ends and its aggregation key (event id, logon type, status, package)
 * are equal, and nodes are compared by id (`account:NAME`, `host:NAME`, `domain:NAME`), which does
 * not depend on a case's internal indices. Policy nodes are numbered per case, so across two cases
 * they only ever match by position: compare policy views within one case.
 */
export type DiffSide = 'a' | 'b' | 'both';

export interface DiffNode extends ViewNode {
  side: DiffSide;
}

export interface DiffEdge {
  /** Stable across cases and windows (see edgeKey). */
  id: string;
  kind: ViewEdge['kind'];
  source: string;
  target: string;
  eventId: number | null;
  logonType: number | null;
  status: string | null;
  authPackage: string | null;
  /** Events in A and in B (0 where absent). */
  countA: number;
  countB: number;
  side: DiffSide;
}

export interface DiffTally {
  a: number;
  b: number;
  both: number;
}

export interface DiffResult {
  nodes: DiffNode[];
  edges: DiffEdge[];
  nodeCounts: DiffTally;
  edgeCounts: DiffTally;
  /** Edges each side matched before its limit cut it: a cut side may hide edges that would be "both". */
  matchedA: number;
  matchedB: number;
  cutA: boolean;
  cutB: boolean;
}

/** An edge's identity across results: its ends and aggregation key (JSON keeps every field apart). */
export function edgeKey(e: Pick<ViewEdge, 'kind' | 'source' | 'target' | 'eventId' | 'logonType' | 'status' | 'authPackage'>): string {
  return JSON.stringify([e.kind, e.source, e.target, e.eventId, e.logonType, e.status, e.authPackage]);
}

const sideOf = (inA: boolean, inB: boolean): DiffSide => (inA && inB ? 'both' : inA ? 'a' : 'b');

/** The union of A and B, each node and edge marked only-A, only-B or both; A's order first, then B's. */
export function diffViews(a: ViewResult, b: ViewResult): DiffResult {
  const nodesB = new Map(b.nodes.map((n) => [n.id, n]));
  const nodesA = new Set(a.nodes.map((n) => n.id));
  const nodes: DiffNode[] = [];
  for (const n of a.nodes) nodes.push({ ...n, side: sideOf(true, nodesB.has(n.id)) });
  for (const n of b.nodes) if (!nodesA.has(n.id)) nodes.push({ ...n, side: 'b' });

  const edges = new Map<string, DiffEdge>();
  const add = (e: ViewEdge, inA: boolean) => {
    const id = edgeKey(e);
    const seen = edges.get(id);
    if (seen) {
      // Within one result the key is unique for logon edges; domain/policy duplicates just add up.
      if (inA) seen.countA += e.count;
      else seen.countB += e.count;
      if (seen.side === 'a' && !inA) seen.side = 'both';
      return;
    }
    const { kind, source, target, eventId, logonType, status, authPackage } = e;
    edges.set(id, { id, kind, source, target, eventId, logonType, status, authPackage, countA: inA ? e.count : 0, countB: inA ? 0 : e.count, side: inA ? 'a' : 'b' });
  };
  for (const e of a.edges) add(e, true);
  for (const e of b.edges) add(e, false);

  const tally = (items: { side: DiffSide }[]): DiffTally => {
    const t = { a: 0, b: 0, both: 0 };
    for (const x of items) t[x.side]++;
    return t;
  };
  const list = [...edges.values()];
  return {
    nodes,
    edges: list,
    nodeCounts: tally(nodes),
    edgeCounts: tally(list),
    matchedA: a.matched,
    matchedB: b.matched,
    cutA: a.matched > a.edges.length,
    cutB: b.matched > b.edges.length,
  };
}
