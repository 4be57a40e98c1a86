import { execFileSync, spawn } from 'node:child_process';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

// The browser benchmarks' common parts: the built app served by `vite preview`, and Chromium.

/** The built app served by `vite preview` on 127.0.0.1:`port`. */
export interface Preview {
  readonly url: string;
  stop(): void;
}

/**
 * Starts `vite preview` (in its own process group, so that stopping it stops npx's children too) and
 * waits until it answers; `outDir` serves another build (A/B runs).
 */
export async function startPreview(port: number, outDir?: string): Promise<Preview> {
  const dir = outDir ? ['--outDir', outDir] : [];
  const server = spawn('npx', ['vite', 'preview', ...dir, '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { stdio: 'ignore', detached: true });
  const stop = () => {
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; ; i++) {
    try {
      execFileSync('curl', ['-sf', url], { stdio: 'ignore' });
      return { url, stop };
    } catch {
      if (i > 100) {
        stop();
        throw new Error('vite preview did not start');
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** Chromium's flags here: Playwright cannot download browsers, so Debian's runs headless on the CPU. */
export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
};

/**
 * Chromium with a persistent profile (the imported case stays in its IndexedDB, so later runs skip
 * the import) and its first page.
 */
export async function openProfile(profileDir: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profileDir, {
    ...CHROMIUM,
    viewport: { width: 1400, height: 900 },
    // No service worker: it would keep serving the build it cached when the profile was first used.
    serviceWorkers: 'block',
  });
  return { context, page: context.pages()[0] ?? (await context.newPage()) };
}
