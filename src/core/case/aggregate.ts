/**
 * Aggregation of a big view graph, so its default drawing stays a few thousand elements while the
 * whole graph stays reachable (groups expand on request). In a generated 10,000-node domain nearly
 * every account hangs off its one workstation, and most workstations with their accounts form small
 * separate islands: those are what is folded.
 *
 * - Islands: connected components of at most `islandMax` nodes with no kept node fold into one group
 *   per kind ("1,390 hosts", "8,300 accounts"), joined by one edge.
 * - Leaves: a node (not kept) whose edges all go to one neighbour folds, with the others of its kind
 *   hanging off that neighbour, into one group per neighbour and kind ("6 accounts"), when there are
 *   at least `minGroup` of them.
 * - Kept nodes (privileged, flagged, high rank, the search root: the caller says) are never folded.
 * Edges merge into one per ordered pair of drawn ends (parallel edges of several event ids and logon
 * types too: 40,000 edges were 9,800 pairs), with the summed count and the ids of what they stand for.
 * Pure and DOM-free: the page runs it on the worker's answer.
 */

export interface AggregateNode {
  id: string;
  kind: string;
  /** Always drawn as itself. */
  keep: boolean;
}

export interface AggregateEdge {
  id: string;
  source: string;
  target: string;
  count: number;
}

export interface NodeGroup {
  id: string;
  kind: string;
  /** Member node ids, in the input's order. */
  members: string[];
  /** The drawn node the group hangs off; null for island groups. */
  anchor: string | null;
}

/** One drawn edge: the input edges between two drawn ends (parallel edges, or edges into a group). */
export interface MergedEdge {
  /** The input edge's id when it stands for one, else `merged:` and its first member's id. */
  id: string;
  source: string;
  target: string;
  /** Summed counts of the edges it stands for. */
  count: number;
  /** The input edges' ids, in input order. */
  members: string[];
}

export interface Aggregation {
  groups: NodeGroup[];
  /** Node id → the group drawn for it (absent: drawn itself). */
  groupOf: Map<string, string>;
  /** The drawn edges: one per ordered pair of drawn ends. */
  edges: MergedEdge[];
}

export interface AggregateOptions {
  /** Groups drawn as their members. */
  expanded?: ReadonlySet<string>;
  minGroup?: number;
  islandMax?: number;
  /** False: no groups, only parallel edges drawn as one line. */
  fold?: boolean;
}

/**
 * Ids of island groups, and of leaf groups of a neighbour: the kind (a fixed word) before the anchor's
 * id (which holds a name from the log, any character), so neither can be mistaken for the other.
 */
const ISLAND_PREFIX = 'group:island:';
export const islandGroupId = (kind: string) => `${ISLAND_PREFIX}${kind}`;
export const leafGroupId = (anchor: string, kind: string) => `group:${kind}:${anchor}`;
export const isGroupId = (id: string) => id.startsWith('group:');

/** Component label per node index (union-find with path halving). */
function components(n: number, pairs: [number, number][]): Int32Array {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number) => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (const [a, b] of pairs) {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[ra] = rb;
  }
  for (let i = 0; i < n; i++) parent[i] = find(i);
  return parent;
}

export function aggregate(nodes: readonly AggregateNode[], edges: readonly AggregateEdge[], o: AggregateOptions = {}): Aggregation {
  const expanded = o.expanded ?? new Set<string>();
  const minGroup = o.minGroup ?? 2;
  const islandMax = o.islandMax ?? 50;
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const pairs: [number, number][] = [];
  for (const e of edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s !== undefined && t !== undefined) pairs.push([s, t]);
  }
  // The one neighbour of each node, or -2 for none yet and -1 for several.
  const only = new Int32Array(nodes.length).fill(-2);
  for (const [s, t] of pairs) {
    if (s === t) continue;
    only[s] = only[s] === -2 || only[s] === t ? t : -1;
    only[t] = only[t] === -2 || only[t] === s ? s : -1;
  }

  const rep = nodes.map((n) => n.id);
  const members = new Map<string, { kind: string; anchor: string | null; members: number[] }>();
  const join = (gid: string, kind: string, anchor: string | null, i: number) => {
    const g = members.get(gid) ?? members.set(gid, { kind, anchor, members: [] }).get(gid)!;
    g.members.push(i);
  };

  // Islands: small components without a kept node.
  const comp = components(nodes.length, pairs);
  const size = new Map<number, number>();
  const kept = new Set<number>();
  nodes.forEach((n, i) => {
    size.set(comp[i]!, (size.get(comp[i]!) ?? 0) + 1);
    if (n.keep) kept.add(comp[i]!);
  });
  // The islands open together (their nodes then fold as leaves): one group per kind for them all.
  const fold = o.fold ?? true;
  const islandsOpen = !fold || [...expanded].some((id) => id.startsWith(ISLAND_PREFIX));
  nodes.forEach((n, i) => {
    const c = comp[i]!;
    if (islandsOpen || kept.has(c) || size.get(c)! > islandMax || size.get(c)! < 2) return;
    join(islandGroupId(n.kind), n.kind, null, i);
  });
  // One island node is no group.
  for (const [gid, g] of members) if (g.members.length < minGroup) members.delete(gid);
  for (const [gid, g] of members) for (const i of g.members) rep[i] = gid;

  // Leaves, grouped by what their neighbour is drawn as.
  const leaves = new Map<string, { kind: string; anchor: string; members: number[] }>();
  nodes.forEach((n, i) => {
    const nb = only[i]!;
    if (!fold || n.keep || nb < 0 || rep[i] !== n.id) return;
    const anchor = rep[nb]!;
    if (isGroupId(anchor)) return; // already folded with it
    const gid = leafGroupId(anchor, n.kind);
    if (expanded.has(gid)) return;
    const g = leaves.get(gid) ?? leaves.set(gid, { kind: n.kind, anchor, members: [] }).get(gid)!;
    g.members.push(i);
  });
  for (const [gid, g] of leaves) {
    if (g.members.length < minGroup) continue;
    members.set(gid, g);
    for (const i of g.members) rep[i] = gid;
  }

  const groupOf = new Map<string, string>();
  const groups: NodeGroup[] = [];
  for (const [gid, g] of members) {
    groups.push({ id: gid, kind: g.kind, anchor: g.anchor, members: g.members.map((i) => nodes[i]!.id) });
    for (const i of g.members) groupOf.set(nodes[i]!.id, gid);
  }

  const merged = new Map<string, MergedEdge>();
  for (const e of edges) {
    const s = groupOf.get(e.source) ?? e.source;
    const t = groupOf.get(e.target) ?? e.target;
    if (s === t && s !== e.source) continue; // inside one group
    const key = `${s}\u0000${t}`;
    const m = merged.get(key) ?? merged.set(key, { id: '', source: s, target: t, count: 0, members: [] }).get(key)!;
    m.count += e.count;
    m.members.push(e.id);
  }
  // A lone edge keeps its own id (its details stay one click away); a bundle gets a new one.
  for (const m of merged.values()) m.id = m.members.length === 1 ? m.members[0]! : `merged:${m.members[0]!}`;
  return { groups, groupOf, edges: [...merged.values()] };
}
