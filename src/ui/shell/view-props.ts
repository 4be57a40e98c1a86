import type { CaseClient } from '../cases/case-client';

/** The investigation views, in the order of the tab bar; the URL holds the current one. */
export const VIEW_IDS = ['cases', 'graph', 'rankings', 'timeline', 'detections', 'diff', 'sigma', 'neo4j', 'records'] as const;
export type ViewId = (typeof VIEW_IDS)[number];

/** Where a view asks the shell to go: another view of the open case, with its own URL parameters. */
export interface NavigateTo {
  view: ViewId;
  params?: Record<string, string>;
}

/**
 * What the shell gives every view of an open case. View state that must survive a reload or
 * back/forward lives in `params` (the URL); `navigate` changes view or parameters (and pushes history).
 */
export interface ViewProps {
  client: CaseClient;
  caseId: string;
  params: URLSearchParams;
  navigate(to: NavigateTo): void;
  /** Replaces this view's parameters without a new history entry (filters being typed, zoom…). */
  setParams(params: Record<string, string>): void;
}
