import { aggregate, type NodeGroup } from '../../core/case/aggregate';
import type { SearchTerm } from '../../core/case/views';
import type { GraphResult } from '../../../workers/case-api';
import type { Translate } from '../i18n/i18n';
import { formatCount } from '../format';
import { BIG_GRAPH, type GraphEdge, type GraphNode } from './cy';
import { graphElements } from './graph-model';
import type { EdgeLabels } from './params';

/** Nodes of highest rank that are never folded into a group (with the privileged, flagged and the search root). */
const TOP_RANKED = 50;

export interface DrawnGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Group id → the group (empty when nothing is folded). */
  groups: Map<string, NodeGroup>;
  /** Node id → its group, for nodes folded into one. */
  groupOf: Map<string, string>;
  /** Drawn edge id → the edges it stands for, for lines standing for several. */
  bundles: Map<string, string[]>;
  /** Nodes folded into groups. */
  folded: number;
}

function groupLabel(g: NodeGroup, t: Translate): string {
  const count = formatCount(g.members.length);
  const key = g.kind === 'account' ? 'graph.group.account' : g.kind === 'host' ? 'graph.group.host' : 'graph.group.other';
  const label = t(key, { count });
  return g.anchor === null ? t('graph.island', { label }) : label;
}

/**
 * What the canvas draws for a view's answer: the graph itself, or, with more elements than big-graph
 * mode starts at, parallel edges drawn as one line (40,000 edges of the 10,000-node bench graph are
 * 9,800 lines) and, grouping on, leaves and islands folded into group nodes except the groups in
 * `expanded` (src/core/case/aggregate.ts).
 */
export function drawnGraph(r: GraphResult, labels: EdgeLabels, search: SearchTerm[], o: { group: boolean; expanded: ReadonlySet<string>; t: Translate }): DrawnGraph {
  const plain = graphElements(r, labels, search);
  const none = { groups: new Map(), groupOf: new Map(), bundles: new Map(), folded: 0 };
  if (plain.nodes.length + plain.edges.length <= BIG_GRAPH) return { ...plain, ...none };

  const ranks = plain.nodes.map((n) => n.rank ?? -1).sort((a, b) => b - a);
  const rankCut = ranks[Math.min(TOP_RANKED, ranks.length) - 1] ?? Infinity;
  const keep = (n: GraphNode) => n.admin || n.flagged || n.root === true || (n.rank !== null && n.rank >= rankCut && n.rank > 0);
  const a = aggregate(
    plain.nodes.map((n) => ({ id: n.id, kind: n.kind, keep: keep(n) })),
    r.edges,
    { expanded: o.expanded, fold: o.group },
  );
  if (a.groups.length === 0 && a.edges.length === plain.edges.length) return { ...plain, ...none };

  const groups = new Map(a.groups.map((g) => [g.id, g]));
  const nodes: GraphNode[] = plain.nodes.filter((n) => !a.groupOf.has(n.id));
  for (const g of a.groups) nodes.push({ id: g.id, label: groupLabel(g, o.t), kind: g.kind as GraphNode['kind'], admin: false, flagged: false, rank: null, group: g.members.length });
  const edgeById = new Map(plain.edges.map((e) => [e.id, e]));
  const bundles = new Map<string, string[]>();
  const edges = a.edges.map((m): GraphEdge => {
    const first = edgeById.get(m.members[0]!)!;
    if (m.members.length === 1) return { ...first, source: m.source, target: m.target };
    bundles.set(m.id, m.members);
    return { id: m.id, source: m.source, target: m.target, kind: first.kind, label: o.t('graph.bundle', { edges: m.members.length, count: m.count }) };
  });
  return { nodes, edges, groups, groupOf: a.groupOf, bundles, folded: a.groupOf.size };
}
