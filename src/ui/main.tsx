import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { defaultPoolSize } from '../engine';
import { createBrowserPool } from '../engine/browser';
import { App } from './App';
import { startPwa } from './shell/pwa';
import { applyTheme, savedTheme } from './shell/theme';
import { AppController } from './state/controller';
import { AppStore } from './state/store';
import './styles.css';

// The theme before the first render, so a dark-mode analyst never sees a light flash.
applyTheme(savedTheme());

// `?workers=N` overrides the pool size (for measuring); otherwise it follows hardwareConcurrency.
const requested = Number(new URLSearchParams(location.search).get('workers'));
const pool = createBrowserPool(requested >= 1 ? defaultPoolSize(requested) : undefined);
const controller = new AppController(new AppStore(), pool);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App controller={controller} />
  </StrictMode>,
);

// The service worker (offline use, install): registered from here, not by an inline script (CSP).
startPwa();
