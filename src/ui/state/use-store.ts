import { useSyncExternalStore } from 'react';
import type { AppStore } from './store';

/** Re-renders the caller whenever the store announces a change. */
export function useStoreVersion(store: AppStore): number {
  return useSyncExternalStore(store.subscribe, store.getVersion);
}
