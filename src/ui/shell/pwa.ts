/// <reference types="vite-plugin-pwa/client" />
import { registerSW } from 'virtual:pwa-register';

/**
 * The service worker's state for the page: registered from this module (not by an injected inline
 * script, which the CSP forbids). `needRefresh`: a new version is installed and waiting;
 * `offlineReady`: the first install finished, the app now works offline.
 */
export interface PwaState {
  needRefresh: boolean;
  offlineReady: boolean;
}

let state: PwaState = { needRefresh: false, offlineReady: false };
const listeners = new Set<() => void>();
let update: ((reload?: boolean) => Promise<void>) | null = null;

const set = (p: Partial<PwaState>) => {
  state = { ...state, ...p };
  listeners.forEach((l) => l());
};

export function startPwa(): void {
  if (!('serviceWorker' in navigator)) return;
  update = registerSW({
    immediate: true,
    onNeedRefresh: () => set({ needRefresh: true }),
    onOfflineReady: () => set({ offlineReady: true }),
    onRegisterError: (e: unknown) => console.warn('service worker not registered', e),
  });
}

export const pwaStore = {
  subscribe(l: () => void) {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  get: () => state,
  /** Activates the waiting version and reloads the page. */
  reload: () => void update?.(true),
  dismiss: () => set({ needRefresh: false, offlineReady: false }),
};
