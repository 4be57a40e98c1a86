import { type ComponentType, lazy, type LazyExoticComponent } from 'react';
import type { ViewId, ViewProps } from './view-props';

type CaseViewId = Exclude<ViewId, 'cases' | 'records'>;

/**
 * The views of a case, each its own chunk (loaded when first shown). graph/diff, sigma and neo4j
 * are written by their owners against ViewProps; the analysis views are ours.
 */
export const CASE_VIEWS: Record<CaseViewId, LazyExoticComponent<ComponentType<ViewProps>>> = {
  graph: lazy(() => import('../graph/GraphView').then((m) => ({ default: m.GraphView }))),
  diff: lazy(() => import('../graph/DiffView').then((m) => ({ default: m.DiffView }))),
  sigma: lazy(() => import('../sigma/SigmaView').then((m) => ({ default: m.SigmaView }))),
  neo4j: lazy(() => import('../neo4j/Neo4jView').then((m) => ({ default: m.Neo4jView }))),
  rankings: lazy(() => import('../analysis/RankingsView').then((m) => ({ default: m.RankingsView }))),
  timeline: lazy(() => import('../analysis/TimelineView').then((m) => ({ default: m.TimelineView }))),
  detections: lazy(() => import('../analysis/DetectionsView').then((m) => ({ default: m.DetectionsView }))),
};
