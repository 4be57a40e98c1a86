/**
 * A second view next to LogonTracer's variant: textbook PageRank (graphology-metrics: one
 * damping for all, dangling mass redistributed, run to convergence, ranks sum to 1) on the
 * undirected host–user graph. Parallel rows of a pair become one edge whose weight is their count.
 */
import { UndirectedGraph } from 'graphology';
import pagerank from 'graphology-metrics/centrality/pagerank.js';
import type { PagerankRow } from './pagerank';

export interface LogonGraphNodeAttributes {
  kind: 'user' | 'host';
}
export interface LogonGraphEdgeAttributes {
  /** Number of aggregated rows for this (host, user) pair. */
  weight: number;
}
export type LogonGraph = UndirectedGraph<LogonGraphNodeAttributes, LogonGraphEdgeAttributes>;

export function buildLogonGraph(rows: readonly PagerankRow[]): LogonGraph {
  const g: LogonGraph = new UndirectedGraph<LogonGraphNodeAttributes, LogonGraphEdgeAttributes>();
  for (const { host, user } of rows) {
    if (host === user) throw new RangeError(`buildLogonGraph: host and user share the id ${JSON.stringify(host)}`);
    g.mergeNode(host, { kind: 'host' });
    g.mergeNode(user, { kind: 'user' });
    g.updateEdge(host, user, (a) => ({ weight: (a.weight ?? 0) + 1 }));
  }
  return g;
}

export interface StandardPagerankOptions {
  /** Default 0.85. */
  readonly alpha?: number;
  /** Use row counts as edge weights (default true). */
  readonly weighted?: boolean;
}

/** node id → PageRank (sums to 1 over the graph). An empty graph gives an empty map. */
export function standardPagerank(graph: LogonGraph, options: StandardPagerankOptions = {}): Map<string, number> {
  if (graph.order === 0) return new Map();
  const ranks = pagerank(graph, {
    alpha: options.alpha ?? 0.85,
    getEdgeWeight: options.weighted === false ? null : 'weight',
    maxIterations: 1000,
    tolerance: 1e-10,
  });
  return new Map(Object.entries(ranks));
}
