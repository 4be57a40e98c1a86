import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { ViewId } from './view-props';
import { formatRoute, parseRoute, type Route } from './params';

/**
 * The route is the location hash (see params.ts). Changing view or case pushes a history entry
 * (back/forward walk through them); a view's own parameter changes replace the entry.
 */
const listeners = new Set<() => void>();

function subscribe(l: () => void) {
  listeners.add(l);
  window.addEventListener('hashchange', l);
  window.addEventListener('popstate', l);
  return () => {
    listeners.delete(l);
    window.removeEventListener('hashchange', l);
    window.removeEventListener('popstate', l);
  };
}

const getHash = () => location.hash;

/** Goes to `hash`: a new history entry, or in place of the current one. */
export function go(hash: string, replace = false): void {
  if (hash === location.hash) return;
  if (replace) history.replaceState(history.state, '', hash);
  else history.pushState(null, '', hash);
  // pushState/replaceState fire no event: tell the subscribers ourselves.
  listeners.forEach((l) => l());
}

export interface RouteTarget {
  caseId: string | null;
  view: ViewId;
  params?: Record<string, string> | URLSearchParams;
}

export function useRoute(): { route: Route; go(to: RouteTarget, replace?: boolean): void } {
  const hash = useSyncExternalStore(subscribe, getHash);
  const route = useMemo(() => parseRoute(hash), [hash]);
  const goTo = useCallback((to: RouteTarget, replace = false) => go(formatRoute(to), replace), []);
  return { route, go: goTo };
}
