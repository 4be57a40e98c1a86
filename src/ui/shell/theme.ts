import { useCallback, useEffect, useState } from 'react';

/** The theme setting: follow the system, or a fixed one. */
export type ThemeSetting = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const KEY = 'logonlens.theme';
const query = () => window.matchMedia('(prefers-color-scheme: dark)');

export function savedTheme(): ThemeSetting {
  try {
    const v = localStorage.getItem(KEY);
    if (v === 'light' || v === 'dark' || v === 'system') return v;
  } catch {
    // Storage refused: follow the system.
  }
  return 'system';
}

export const resolveTheme = (setting: ThemeSetting): Theme => (setting === 'system' ? (query().matches ? 'dark' : 'light') : setting);

/**
 * Sets `data-theme` ("light" or "dark", always resolved) on <html>: the stylesheet's colours and
 * the graph views read it, so every part of the page agrees on one theme.
 */
export function applyTheme(setting: ThemeSetting): Theme {
  const theme = resolveTheme(setting);
  const root = document.documentElement;
  root.dataset['theme'] = theme;
  root.dataset['themeSetting'] = setting;
  return theme;
}

/** The theme setting, remembered, applied, and re-applied when the system's preference changes. */
export function useTheme(): [ThemeSetting, (s: ThemeSetting) => void] {
  const [setting, setSetting] = useState<ThemeSetting>(savedTheme);
  useEffect(() => {
    applyTheme(setting);
    if (setting !== 'system') return;
    const mq = query();
    const follow = () => applyTheme('system');
    mq.addEventListener('change', follow);
    return () => mq.removeEventListener('change', follow);
  }, [setting]);
  const set = useCallback((s: ThemeSetting) => {
    setSetting(s);
    try {
      localStorage.setItem(KEY, s);
    } catch {
      // Not remembered, still switched.
    }
  }, []);
  return [setting, set];
}
