import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';

/**
 * The strict Content-Security-Policy of the built app: no inline script, no eval, nothing fetched
 * from elsewhere. Only added to the build, because Vite's dev server injects inline scripts.
 * `ws:`/`wss:`: the Neo4j sync talks Bolt over WebSocket to the server the analyst names, and only
 * when asked; nothing else leaves the page.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'logonlens-csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

/**
 * The installable offline app: Workbox precaches the whole build (page, chunks, the parsing and
 * case workers, icons), so after one visit LogonLens loads and parses logs with no network at all.
 * Registration is done from src/ui/shell/pwa.ts (`injectRegister: false`), never by an inline
 * script, so the CSP above stays strict. `prompt`: a new version waits until the analyst chooses
 * to reload, so an update never reloads the page in the middle of an import.
 */
function offlineApp() {
  return VitePWA({
    strategies: 'generateSW',
    injectRegister: false,
    registerType: 'prompt',
    // public/ is matched by globPatterns below; listing it again would only duplicate entries.
    includeManifestIcons: false,
    manifest: {
      name: 'LogonLens',
      short_name: 'LogonLens',
      description: 'Windows logon investigation in the browser (LogonTracer rebuilt): nothing is uploaded.',
      lang: 'en',
      start_url: './',
      scope: './',
      display: 'standalone',
      background_color: '#f7f8fa',
      theme_color: '#2563eb',
      icons: [
        { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,svg,png,wasm}'],
      // The EVTX engine and Sigma's compiled rules make big chunks; all of them are needed offline.
      maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
      navigateFallback: 'index.html',
      // The first visit is controlled at once (so it works offline after that one visit); later
      // versions still wait for the analyst (no skipWaiting).
      clientsClaim: true,
      cleanupOutdatedCaches: true,
    },
  });
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), offlineApp()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  preview: { port: 4173, strictPort: false },
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
