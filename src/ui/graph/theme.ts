import { useSyncExternalStore } from 'react';
import { DARK, LIGHT, type Palette } from './palette';

/**
 * The page's theme: `data-theme="dark"|"light"` on <html> (set by the shell's switch) wins; without
 * it, the system's `prefers-color-scheme`.
 */
function isDark(): boolean {
  const set = document.documentElement.getAttribute('data-theme');
  if (set === 'dark') return true;
  if (set === 'light') return false;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia?.('(prefers-color-scheme: dark)');
  media?.addEventListener('change', onChange);
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => {
    media?.removeEventListener('change', onChange);
    observer.disconnect();
  };
}

/** The palette for the current theme; re-renders when the theme changes. */
export function usePalette(): Palette {
  return useSyncExternalStore(subscribe, () => (isDark() ? DARK : LIGHT));
}
